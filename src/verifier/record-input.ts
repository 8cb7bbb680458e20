/**
 * Reading a record folder into memory: the only I/O of the verifier. Missing optional files
 * are undefined; missing required ones are reported by the checks that need them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordFiles } from '../record/record-format';

export type RecordInput = { -readonly [K in keyof typeof RecordFiles]?: string };

export function readRecordFolder(dir: string): RecordInput {
  const input: RecordInput = {};
  for (const [key, name] of Object.entries(RecordFiles) as [keyof typeof RecordFiles, string][]) {
    const path = join(dir, name);
    if (existsSync(path)) input[key] = readFileSync(path, 'utf8');
  }
  return input;
}
