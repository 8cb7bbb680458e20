/**
 * The repository is self-contained: tests, scripts, benchmarks and the service read only files
 * inside it (the fixture in fixtures/, the RFC 9162 vectors in test/merkle/vectors with their
 * LICENSE). A path that climbs out of the repository to a sibling folder such as the
 * workspace's shared/ works on one machine and fails on every fresh clone elsewhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const FOLDERS = ['src', 'test', 'scripts', 'bench', 'bulletin-board-web/src', '.ci'];
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'vectors') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

describe('the repository is self-contained', () => {
  it('has no relative path that leaves the repository', () => {
    const escapes: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of walk(join(ROOT, folder))) {
        const text = readFileSync(file, 'utf8');
        // Every quoted relative path ('../x', `${__dirname}/../../x`, resolve(__dirname, '../..', 'x')).
        for (const m of text.matchAll(/['"`]((?:\$\{__dirname\}\/)?(?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
          const target = resolve(dirname(file), m[1].replace('${__dirname}/', ''));
          if (relative(ROOT, target).startsWith('..')) escapes.push(`${relative(ROOT, file)}: ${m[1]}`);
        }
        if (/\bshared\/(fixtures|vectors|reference)\b/.test(text)) escapes.push(`${relative(ROOT, file)}: names shared/`);
      }
    }
    expect(escapes).toEqual([]);
  });

  it('ships the fixture and the RFC 9162 vectors with their licence', () => {
    for (const path of ['fixtures/simulacro-2024.yaml', 'test/merkle/vectors/rfc9162/LICENSE', 'test/merkle/vectors/rfc9162/inclusion', 'test/merkle/vectors/rfc9162/consistency']) {
      expect(statSync(join(ROOT, path))).toBeTruthy();
    }
  });
});
