/**
 * Reading a record folder: the only I/O of the verifier. Missing optional files are undefined;
 * missing required ones are reported by the checks that need them. `present` lists every file
 * the folder holds (relative paths with `/`), so that V1 can say which files the index does not
 * list.
 *
 * The two files that grow with the ballots (the log's entries, the ballot box) may be given as
 * line sources (line-source.ts) rather than strings: `openRecordFolder` does so, and the
 * verifier then reads them a chunk at a time, never whole.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordFiles } from '../record/record-format';
import { fileLineSource, type LineSource } from './line-source';

/** The files the verifier reads line by line, which a large election makes too big for one string. */
export const STREAMED_FILES = ['logEntries', 'ballotBox'] as const;
type Streamed = (typeof STREAMED_FILES)[number];

/** Every file as a string (readRecordFolder; tests edit them). */
export type RecordInput = { -readonly [K in keyof typeof RecordFiles]?: string } & {
  /** Every regular file under the folder, relative, sorted; undefined when not read from a folder. */
  present?: string[];
};

/** What the verifier reads: a RecordInput, or one whose large files are line sources (openRecordFolder). */
export type RecordSource = Omit<RecordInput, Streamed> & { -readonly [K in Streamed]?: string | LineSource };

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel); // files, and anything else that is not a folder (a link, a pipe): all must be listed
  }
  return out;
}

/** Every file of the record as a string: for small records (tests that edit the files). */
export function readRecordFolder(dir: string): RecordInput {
  const input: RecordInput = {};
  for (const [key, name] of Object.entries(RecordFiles) as [keyof typeof RecordFiles, string][]) {
    const path = join(dir, name);
    if (existsSync(path)) input[key] = readFileSync(path, 'utf8');
  }
  input.present = existsSync(dir) ? listFiles(dir).sort() : [];
  return input;
}

/** The record with its log entries and ballot box read from disk as the checks go (`urna verify`). */
export function openRecordFolder(dir: string): RecordSource {
  const input: RecordSource = {};
  for (const [key, name] of Object.entries(RecordFiles) as [keyof typeof RecordFiles, string][]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    if ((STREAMED_FILES as readonly string[]).includes(key)) input[key as Streamed] = fileLineSource(path);
    else input[key as Exclude<keyof typeof RecordFiles, Streamed>] = readFileSync(path, 'utf8');
  }
  input.present = existsSync(dir) ? listFiles(dir).sort() : [];
  return input;
}
