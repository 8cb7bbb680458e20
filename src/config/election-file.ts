import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataLayout } from './data-layout';

/**
 * Which election a data folder holds and the origin its log was started with
 * (`<data>/election.json`, docs/spec/log.md §4.3), written by `urna configure` or `urna setup`
 * once the election is on the ledger. The route's later commands and the service read it, so
 * that nobody has to repeat the election id, and every process signs under the one origin.
 */
export interface ElectionFile {
  electionId: string;
  logOrigin: string;
}

export function readElectionFile(layout: DataLayout): ElectionFile | undefined {
  if (!existsSync(layout.electionFile)) return undefined;
  const parsed = JSON.parse(readFileSync(layout.electionFile, 'utf8')) as Partial<ElectionFile>;
  if (typeof parsed.electionId !== 'string' || typeof parsed.logOrigin !== 'string') {
    throw new Error(`${layout.electionFile}: electionId and logOrigin must be strings`);
  }
  return { electionId: parsed.electionId, logOrigin: parsed.logOrigin };
}

export function writeElectionFile(layout: DataLayout, file: ElectionFile): void {
  mkdirSync(dirname(layout.electionFile), { recursive: true });
  writeFileSync(layout.electionFile, `${JSON.stringify(file, null, 2)}\n`);
}
