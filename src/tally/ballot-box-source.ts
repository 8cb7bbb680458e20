/**
 * Where a trustee reads the exported ballot box before it decrypts (trustee-totals-check.ts):
 * the way a trustee station would, as bytes whose hash it checks against the log, never the
 * tally's own in-memory reading of the ballots.
 */
import { readFile } from 'node:fs/promises';
import { ballotBoxLines, readCastBallots } from '../closing/ballot-box';
import type { EventStore } from '../ledger/event-store';

export type BallotBoxSource = (electionId: string) => Promise<Uint8Array>;

/** The file the closing wrote (ElectionRuntime: <URNA_DATA_DIR>/exports/urna-cifrada-<id>.jsonl). */
export const ballotBoxFile = (path: string | ((electionId: string) => string)): BallotBoxSource =>
  async (electionId) => new Uint8Array(await readFile(typeof path === 'string' ? path : path(electionId)));

/** The bytes the board serves, built by the same rule from the ledger's BallotCast events (the
 * in-process tally's default when no file is named). */
export const ledgerBallotBox = (store: EventStore): BallotBoxSource =>
  async (electionId) => new TextEncoder().encode(ballotBoxLines(await readCastBallots(store, electionId)).join(''));
