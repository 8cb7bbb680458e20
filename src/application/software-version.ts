import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The "software version" recorded at opening (numeral 20 of the guidelines: the opening
 * report names the exact version that runs): a SHA-256 over every source file that
 * determines behaviour (src/, bulletin-board-web/src/, package.json, package-lock.json),
 * each as `path NUL sha256(content) LF`, sorted by path. Anyone with the same checkout
 * recomputes it with `npm run urna -- version`.
 */
const ROOTS = ['src', 'bulletin-board-web/src', 'package.json', 'package-lock.json'];

export interface SoftwareVersion {
  hash: string;
  files: number;
  packageVersion: string;
}

export function computeSoftwareVersion(repoRoot: string = join(__dirname, '..', '..')): SoftwareVersion {
  const files: string[] = [];
  for (const root of ROOTS) collect(join(repoRoot, root), files);
  const lines = files
    .map((f) => relative(repoRoot, f).split(sep).join('/'))
    .sort()
    .map((rel) => `${rel}\0${createHash('sha256').update(readFileSync(join(repoRoot, rel))).digest('hex')}\n`);
  const hash = createHash('sha256').update(lines.join('')).digest('hex');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return { hash, files: lines.length, packageVersion: pkg.version };
}

function collect(path: string, out: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isFile()) out.push(path);
  else if (st.isDirectory()) for (const name of readdirSync(path)) collect(join(path, name), out);
}
