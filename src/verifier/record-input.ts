/**
 * Reading a record folder into memory: the only I/O of the verifier. Missing optional files
 * are undefined; missing required ones are reported by the checks that need them. `present`
 * lists every file the folder holds (relative paths with `/`), so that V1 can say which files
 * the index does not list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordFiles } from '../record/record-format';

export type RecordInput = { -readonly [K in keyof typeof RecordFiles]?: string } & {
  /** Every regular file under the folder, relative, sorted; undefined when not read from a folder. */
  present?: string[];
};

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel); // files, and anything else that is not a folder (a link, a pipe): all must be listed
  }
  return out;
}

export function readRecordFolder(dir: string): RecordInput {
  const input: RecordInput = {};
  for (const [key, name] of Object.entries(RecordFiles) as [keyof typeof RecordFiles, string][]) {
    const path = join(dir, name);
    if (existsSync(path)) input[key] = readFileSync(path, 'utf8');
  }
  input.present = existsSync(dir) ? listFiles(dir).sort() : [];
  return input;
}
