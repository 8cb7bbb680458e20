/**
 * What `urna monitor` remembers between runs (docs/spec/log.md §9): the last checkpoint it
 * verified with the right edge of that tree (so the next run appends only the new leaves), and
 * what the event checks need from the leaves already read: each election's phase, its ballot
 * set-up, a digest of each pseudonym that voted and each tracking code seen. Written atomically
 * (a temporary file, fsync, rename, fsync of the folder): a monitor killed at any instant
 * restarts from the last state it completely wrote, never from half of one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';
import { writeFileAtomically } from '../shared/write-file-atomically';

export const MONITOR_STATE_FORMAT = 'urna-monitor-state/1';
export const STATE_FILE = 'monitor-state.json';

/** Where an election stands, from its lifecycle events (phase-rules.ts). */
export type ElectionPhase = 'setup' | 'opened' | 'voting' | 'closed' | 'exported';

export interface ElectionWatch {
  phase: ElectionPhase;
  /** The configuration events, kept until ElectionOpened names the manifest they make. */
  configuration: PublicEventEntry[];
  /** What a ballot is checked against, fixed at ElectionOpened. */
  ballotSetup?: { manifestHash: string; publicKey: string; styles: BallotStyle[]; styleOfEntity?: Record<string, string> };
  /** The roll as its public chunks leave it: digest(pseudonym) → entity (record.md V10, V13). */
  roll?: Record<string, string>;
  /** digest() of each pseudonym with a BallotCast, and of each tracking code cast or spoiled. */
  voted: string[];
  trackingCodes: string[];
  /** digest() of each credential the list (and its replacements) made active, each revoked, and each that cast a ballot (record.md V19). */
  credentials?: string[];
  revokedCredentials?: string[];
  usedCredentials?: string[];
}

export interface MonitorCounters {
  entries: number;
  publicEvents: number;
  ballots: number;
  spoiled: number;
  anomalies: number;
  rounds: number;
}

export interface MonitorState {
  format: typeof MONITOR_STATE_FORMAT;
  /** The pinned key the state was built with; another key needs another state. */
  vkey: string;
  /** The last checkpoint verified: size, root (base64), note, sequence. */
  size: number;
  rootHash: string;
  note?: string;
  sequence?: number;
  /** When this monitor first saw that checkpoint (ISO): its own clock, for staleness. */
  checkpointSeenAt?: string;
  /** The right edge of the verified tree (base64, largest subtree first: CompactRange order). */
  edge: string[];
  elections: Record<string, ElectionWatch>;
  counters: MonitorCounters;
}

export function emptyState(vkey: string, emptyRoot: string): MonitorState {
  return {
    format: MONITOR_STATE_FORMAT, vkey, size: 0, rootHash: emptyRoot, edge: [], elections: {},
    counters: { entries: 0, publicEvents: 0, ballots: 0, spoiled: 0, anomalies: 0, rounds: 0 },
  };
}

/**
 * A compact, fixed-size stand-in for a pseudonym or tracking code: the first 12 bytes of its
 * SHA-256, base64 (16 characters). Two values collide with probability about n²/2⁹⁷, nil for
 * any roll, and the state of a million voters stays near 20 MB.
 */
export function digest(value: string): string {
  return createHash('sha256').update(`urna-monitor/1\n${value}`).digest().subarray(0, 12).toString('base64');
}

/** The state in `dir`, or undefined when there is none yet. Throws when the file is unreadable. */
export function loadState(dir: string): MonitorState | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, STATE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const state = JSON.parse(text) as MonitorState;
  if (state.format !== MONITOR_STATE_FORMAT) throw new Error(`unknown state format ${JSON.stringify(state.format)}`);
  return state;
}

export function saveState(dir: string, state: MonitorState): void {
  writeFileAtomically(join(dir, STATE_FILE), `${JSON.stringify(state)}
`);
}
