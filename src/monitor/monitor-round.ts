/**
 * One round of `urna monitor` (docs/spec/log.md §9):
 *  1. fetch the latest checkpoint and verify it with the pinned key (never the server's own);
 *  2. a smaller tree than the last one verified, or the same size with another root, is a fork;
 *  3. download the entry bundles and level-0 hash tiles of the new leaves, hash each leaf's raw
 *     bytes, and append both to the right edge kept from the last round: the bytes' root must be
 *     the signed root. When it is not, the tiles tell which: the tiles' root is the signed one
 *     (a leaf's bytes differ from the tree: named), or neither is (the checkpoint does not extend
 *     the tree verified before: a fork);
 *  4. check each new public event (event-checker.ts) — kept only when the tree verified;
 *  5. while an election's voting is open, report a checkpoint older than the limit when the log
 *     already holds leaves it does not cover (the signer stopped while the log grows).
 * The state advances only past a tree that verified, so a bad round is reported again next time.
 */
import { bytesEqual, emptyTreeRoot, hashLeaf } from '../ledger/merkle/hash';
import { CompactRange } from '../ledger/merkle/compact-range';
import { decodeEntryBundle } from '../ledger/merkle/entry-bundle';
import { fromBase64, toBase64 } from '../ledger/merkle/encoding';
import { TILE_WIDTH, formatTilePath, type TileAddress } from '../ledger/merkle/tile-path';
import { checkpointSequence, openCheckpoint, type Checkpoint } from '../ledger/checkpoint/checkpoint-format';
import type { NoteVerifierKey } from '../ledger/checkpoint/signed-note';
import { verifyCosignatures, type CosignerKey } from '../ledger/checkpoint/cosignature';
import { anomaly, type Anomaly } from './anomaly';
import { EventChecker } from './event-checker';
import { LogReadError, type LogReader } from './log-reader';
import { emptyState, type MonitorState } from './monitor-state';

/** What a round reads (LogReader over HTTP; anything serving the same resources). */
export type LogSource = Pick<LogReader, 'checkpoint' | 'tile' | 'historyTail'>;

export interface RoundOptions {
  reader: LogSource;
  /** The witnesses whose cosignatures on the checkpoint are reported (log.md §8), with the quorum expected. */
  witnesses?: readonly CosignerKey[];
  quorum?: number;
  key: NoteVerifierKey;
  vkey: string;
  staleAfterSeconds: number;
  now?: () => Date;
}

export interface RoundOutcome {
  state: MonitorState;
  anomalies: Anomaly[];
  /** The given witnesses that cosigned the latest checkpoint, by name (undefined: none given, or unread). */
  cosigners?: string[];
  /** The tree sizes this round went from and to (equal when nothing was new or it failed). */
  from: number;
  to: number;
  ballots: number;
}

export function initialState(vkey: string): MonitorState {
  return emptyState(vkey, toBase64(emptyTreeRoot()));
}

export async function monitorRound(previous: MonitorState, o: RoundOptions): Promise<RoundOutcome> {
  const now = o.now ?? (() => new Date());
  const anomalies: Anomaly[] = [];
  const report = (a: Anomaly) => anomalies.push(a);
  const state = JSON.parse(JSON.stringify(previous)) as MonitorState;
  state.counters.rounds++;
  let cosigners: string[] | undefined;
  const done = (to = state.size, ballots = 0): RoundOutcome => {
    state.counters.anomalies += anomalies.length;
    return { state, anomalies, from: previous.size, to, ballots, ...(cosigners ? { cosigners } : {}) };
  };

  let note: string;
  let cp: Checkpoint;
  try {
    note = await o.reader.checkpoint();
  } catch (err) {
    report(unreachable(err, 'checkpoint'));
    return done();
  }
  try {
    cp = openCheckpoint(note, o.key);
  } catch (err) {
    report(anomaly('checkpoint-signature', 'anomaly.checkpointSignature', { reason: (err as Error).message }));
    return done();
  }
  if (o.witnesses && o.witnesses.length > 0) {
    // Who vouches that this is the one view everybody is shown (witnesses, log.md §8). A
    // checkpoint is cosigned some moments after it is signed, so fewer than the quorum is said,
    // not reported; a cosignature that does not verify is an anomaly.
    try {
      cosigners = verifyCosignatures(note, o.witnesses).map((c) => c.name);
    } catch (err) {
      report(anomaly('cosignature-invalid', 'anomaly.cosignature', { reason: (err as Error).message }));
    }
  }
  const sequence = safeSequence(cp);
  const seenRoot = fromBase64(state.rootHash);
  if (cp.size < state.size) {
    report(anomaly('fork', 'anomaly.rollback', { size: cp.size, seen: state.size }));
    return done();
  }
  if (cp.size === state.size && !bytesEqual(cp.rootHash, seenRoot)) {
    report(anomaly('fork', 'anomaly.fork', { size: cp.size, seen: state.size }));
    return done();
  }

  let ballots = 0;
  if (cp.size > state.size) {
    // What the leaves say counts only once they are shown to be the tree's.
    const events: Anomaly[] = [];
    const checker = new EventChecker(state.elections, (a) => events.push(a));
    const followed = await followTiles(o.reader, state, cp, checker, report);
    if (!followed) return done(previous.size);
    checker.flush();
    anomalies.push(...events);
    // The tree grew as it should; its checkpoint's number must grow too (log.md §4.1).
    if (sequence !== undefined && state.sequence !== undefined && sequence <= state.sequence) {
      report(anomaly('checkpoint-sequence', 'anomaly.sequence', { sequence, seen: state.sequence }));
    }
    ballots = checker.ballots;
    state.size = cp.size;
    state.rootHash = toBase64(cp.rootHash);
    state.edge = followed.edgeHashes().map(toBase64);
    state.note = note;
    state.sequence = sequence;
    state.checkpointSeenAt = now().toISOString();
    state.elections = checker.snapshot();
    state.counters.entries = cp.size;
    state.counters.publicEvents += checker.publicEvents;
    state.counters.ballots += checker.ballots;
    state.counters.spoiled += checker.spoiled;
  } else if (state.note !== note) {
    // Same tree, another signature line set (a cosignature added): keep the newest note.
    state.note = note;
  }
  state.checkpointSeenAt ??= now().toISOString();

  await checkStaleness(o, state, now(), report);
  return done(state.size, ballots);
}

function safeSequence(cp: Checkpoint): number | undefined {
  try {
    return checkpointSequence(cp);
  } catch {
    return undefined;
  }
}

function unreachable(err: unknown, what: string): Anomaly {
  const reason = err instanceof LogReadError ? err.reason : (err as Error).message;
  return anomaly('unreachable', 'anomaly.unreachable', { what: err instanceof LogReadError ? err.what : what, reason });
}

/**
 * Step 3: the new leaves [state.size, cp.size) from the bundles, checked against the signed
 * root. Returns the right edge of the verified tree, or undefined after reporting why not.
 */
async function followTiles(reader: LogSource, state: MonitorState, cp: Checkpoint, checker: EventChecker, report: (a: Anomaly) => void): Promise<CompactRange | undefined> {
  const edge = state.edge.map(fromBase64);
  const rangeOfBytes = new CompactRange(state.size, edge);
  const rangeOfTiles = new CompactRange(state.size, edge);
  const differing: number[] = [];
  for (let tile = Math.floor(state.size / TILE_WIDTH); tile * TILE_WIDTH < cp.size; tile++) {
    const width = Math.min(TILE_WIDTH, cp.size - tile * TILE_WIDTH);
    const bundleAt: TileAddress = { level: 'entries', index: tile, width };
    const hashesAt: TileAddress = { level: 0, index: tile, width };
    let bundle: Uint8Array | undefined;
    let hashes: Uint8Array | undefined;
    try {
      [bundle, hashes] = await Promise.all([reader.tile(bundleAt), reader.tile(hashesAt)]);
    } catch (err) {
      report(unreachable(err, formatTilePath(bundleAt)));
      return undefined;
    }
    if (!bundle || !hashes) {
      report(anomaly('tile-missing', 'anomaly.tileMissing', { path: formatTilePath(bundle ? hashesAt : bundleAt), reason: 'HTTP 404' }));
      return undefined;
    }
    let entries: Uint8Array[];
    try {
      entries = decodeEntryBundle(bundle);
      if (entries.length !== width) throw new Error(`${entries.length} entries, ${width} expected`);
      if (hashes.length !== 32 * width) throw new Error(`${hashes.length} bytes, ${32 * width} expected`);
    } catch (err) {
      report(anomaly('tile-missing', 'anomaly.tileMissing', { path: formatTilePath(bundleAt), reason: (err as Error).message }));
      return undefined;
    }
    for (let i = Math.max(state.size, tile * TILE_WIDTH); i < tile * TILE_WIDTH + width; i++) {
      const k = i - tile * TILE_WIDTH;
      const leafHash = hashLeaf(entries[k]);
      const treeHash = hashes.subarray(32 * k, 32 * k + 32);
      rangeOfBytes.append(leafHash);
      rangeOfTiles.append(treeHash.slice());
      if (!bytesEqual(leafHash, treeHash)) differing.push(i);
      checker.check(entries[k], i);
    }
  }
  const bytesRoot = rangeOfBytes.root();
  if (bytesEqual(bytesRoot, cp.rootHash) && differing.length === 0) return rangeOfBytes;
  if (bytesEqual(bytesRoot, cp.rootHash)) {
    for (const index of differing) report(anomaly('tile-hash', 'anomaly.tileHash', { index }, index));
    return rangeOfBytes;
  }
  if (bytesEqual(rangeOfTiles.root(), cp.rootHash)) {
    for (const index of differing) report(anomaly('entry-bytes', 'anomaly.entryBytes', { index }, index));
  } else report(anomaly('fork', 'anomaly.fork', { size: cp.size, seen: state.size }));
  return undefined;
}

/** Step 5. */
async function checkStaleness(o: RoundOptions, state: MonitorState, now: Date, report: (a: Anomaly) => void): Promise<void> {
  if (!Object.values(state.elections).some((e) => e.phase === 'voting')) return;
  try {
    const tail = await o.reader.historyTail();
    const seen = Date.parse(state.checkpointSeenAt ?? now.toISOString());
    const signed = tail && tail.size === state.size ? Date.parse(tail.signedAt) : seen;
    const age = (now.getTime() - Math.min(seen, Number.isNaN(signed) ? seen : signed)) / 1000;
    if (age <= o.staleAfterSeconds) return;
    // Does the log hold the leaf right after the checkpoint? Its bundle, partial or full.
    const next = state.size;
    const beyond = await o.reader.tile({ level: 'entries', index: Math.floor(next / TILE_WIDTH), width: (next % TILE_WIDTH) + 1 });
    if (beyond) report(anomaly('stale-checkpoint', 'anomaly.stale', { size: state.size, seconds: Math.floor(age), after: o.staleAfterSeconds }));
  } catch (err) {
    report(unreachable(err, 'checkpoints'));
  }
}
