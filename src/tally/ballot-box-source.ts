/**
 * Where a trustee reads the exported ballot box before it decrypts (trustee-totals-check.ts):
 * the way a trustee station would, as bytes whose hash it checks against the log, never the
 * tally's own in-memory reading of the ballots. The bytes come as they are read (a file, the
 * ledger), so a box of 10^5 ballots (~3.4 GB) is never held whole.
 */
import { ballotBoxStream } from '../closing/ballot-box';
import type { EventStore } from '../ledger/event-store';
import { fileChunks, type BallotBoxBytes } from './ballot-box-bytes';

export type BallotBoxSource = (electionId: string) => BallotBoxBytes | Promise<BallotBoxBytes>;

/** The file the closing wrote (ElectionRuntime: <URNA_DATA_DIR>/exports/urna-cifrada-<id>.jsonl), read in chunks. */
export const ballotBoxFile = (path: string | ((electionId: string) => string)): BallotBoxSource =>
  (electionId) => fileChunks(typeof path === 'string' ? path : path(electionId));

/** The bytes the board serves, built by the same rule from the ledger's BallotCast events (the
 * in-process stations' default when no file is named), a line at a time. */
export const ledgerBallotBoxStream = (store: EventStore): BallotBoxSource =>
  (electionId) => ledgerLines(store, electionId);

async function* ledgerLines(store: EventStore, electionId: string): AsyncGenerator<Uint8Array> {
  for await (const { line } of ballotBoxStream(store, electionId)) yield Buffer.from(line, 'utf8');
}

/** The same bytes whole, for tests and benches of small boxes that edit or measure them. */
export const ledgerBallotBox = (store: EventStore) =>
  async (electionId: string): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    for await (const part of ledgerLines(store, electionId)) parts.push(part);
    return new Uint8Array(Buffer.concat(parts));
  };
