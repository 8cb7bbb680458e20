/**
 * Signs checkpoints of the stored log and keeps them in an append-only table:
 *   checkpoints(size PRIMARY KEY, root, note, created_at, seq UNIQUE)
 * A size can never get a second root (primary key + triggers refusing UPDATE/DELETE), and a
 * checkpoint is signed only after the consistency proof from the previous one verifies, so
 * the log never signs two views of history (tlog-checkpoint: "MUST not sign any checkpoint
 * which is inconsistent with any checkpoint it previously signed").
 *
 * The history is complete and numbered (docs/spec/log.md §4.1): the first checkpoint the
 * service ever signs is the empty tree (size 0, root SHA-256(""), sequence 0), whatever the
 * log already holds, and each later one carries the extension line `urna-sequence <n>` with
 * n = previous + 1 (unique in the table). So a copy of the history with a checkpoint dropped
 * or two swapped no longer counts 0, 1, 2, … and a verifier sees it.
 */
import type { Pool } from 'pg';
import { bytesEqual } from '../merkle/hash';
import type { MerkleLog } from '../merkle/merkle-log';
import { quoteSchema } from '../merkle/merkle-log-schema';
import { verifyConsistency } from '../merkle/verify';
import { checkpointSequence, formatCheckpointText, parseCheckpointText, sequenceExtension } from './checkpoint-format';
import type { NoteSigner } from './note-signer';
import { signNote } from './signed-note';
import { refuseChangesTo } from './append-only-table';
import { type EpochSource, fencedQuery, NotLeaderError } from '../leadership/log-fence';

export interface StoredCheckpoint {
  size: number;
  rootHash: Uint8Array;
  /** The signed note, exactly as served. */
  note: string;
  /** Its `urna-sequence` number: 0 for the empty tree, then 1, 2, … in signing order. */
  sequence: number;
  createdAt: Date;
}

export interface CheckpointServiceOptions {
  /** Schema of the checkpoints table; default the log's schema. */
  schema?: string;
  /** The longest the loop goes without looking for growth when no receipt waits. Default 1000 ms. */
  intervalMs?: number;
  /** The least time between two signing rounds while receipts wait (log.md §4.4). Default
   * DEFAULT_MIN_GAP_MS. */
  minGapMs?: number;
  /** Whether a waiting receipt wakes the loop (log.md §4.4). Default true; false keeps the fixed
   * interval alone, the cadence before it (the casting bench compares the two). */
  onDemand?: boolean;
  onError?: (err: Error) => void;
  /** Under a log lease (src/ledger/leadership/): the epoch every checkpoint insert claims; none
   * is signed while it is undefined (not leading). Without it, inserts claim no epoch. */
  epoch?: EpochSource;
}

export class CheckpointConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointConflictError';
  }
}

/**
 * The least time between two signing rounds while receipts wait. Every round costs more than its
 * signature: each witness checks a consistency proof and cosigns, and the service checks and
 * stores the cosignatures. Under load, at 20 ms, rounds ran back to back (≈ 800 checkpoints in a
 * 1,000-voter simulacro); at 250 ms about 280, and casting took 63.6 s instead of 84.4 s
 * (docs/operations/scaling.md §2.5). A receipt waits at most this much longer; a lone receipt
 * after a quiet moment is signed at once.
 */
export const DEFAULT_MIN_GAP_MS = 250;

/** How long a receipt's demand keeps the loop awake when no checkpoint comes to cover it. */
const DEMAND_LIFETIME_MS = 30_000;

export class CheckpointService {
  private readonly s: string;
  private readonly schema: string;
  private running = false;
  private busy: Promise<unknown> = Promise.resolve();
  /** The largest leaf index a receipt in this process waits for, and since when (ms). */
  private demand = { index: -1, since: 0 };
  /** Ends the loop's current pause early (a receipt began to wait, or the loop stops). */
  private wake: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();
  private readonly signedListeners = new Set<(c: StoredCheckpoint) => void>();

  constructor(
    private readonly pool: Pool,
    private readonly log: MerkleLog,
    private readonly signer: NoteSigner,
    private readonly options: CheckpointServiceOptions = {},
  ) {
    this.schema = options.schema ?? log.schema;
    this.s = quoteSchema(this.schema);
  }

  /** The checkpoint origin line: the signer's key name (tlog-checkpoint recommends they match). */
  get origin(): string {
    return this.signer.name;
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-checkpoint-migrate:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.checkpoints (
          size bigint PRIMARY KEY CHECK (size >= 0),
          root bytea NOT NULL CHECK (octet_length(root) = 32),
          note text NOT NULL CHECK (length(note) > 0),
          created_at timestamptz NOT NULL DEFAULT now()
        )`);
      // The sequence number of the note's `urna-sequence` line: unique, so two instances
      // racing cannot both sign number n (the loser signs again on the fresher history).
      await client.query(`ALTER TABLE ${this.s}.checkpoints ADD COLUMN IF NOT EXISTS seq bigint CHECK (seq >= 0)`);
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS checkpoints_seq ON ${this.s}.checkpoints (seq)`);
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.s}.refuse_checkpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'checkpoints are append-only: % refused', TG_OP;
        END $$`);
      await refuseChangesTo(client, this.s, 'checkpoints');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Starts the loop (log.md §4.2). It signs as soon as the log holds a leaf some waiting receipt
   * needs (want()), at most one round per `minGapMs`, so concurrent receipts share a checkpoint;
   * with nobody waiting it still looks for growth every `intervalMs`, so an idle log is signed too.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const minGap = this.options.minGapMs ?? DEFAULT_MIN_GAP_MS;
    const interval = this.options.intervalMs ?? 1000;
    while (this.running) {
      const started = Date.now();
      let latest: StoredCheckpoint | undefined;
      try {
        latest = await this.checkpointNow();
      } catch (err) {
        this.options.onError?.(err as Error);
      }
      if (!this.running) return;
      if (Date.now() - this.demand.since > DEMAND_LIFETIME_MS) this.demand = { index: -1, since: 0 };
      // A receipt still waits for a leaf the latest checkpoint lacks: look again after the gap
      // (the leaf may not be in the log yet); else sleep until the interval or the next want().
      const waiting = latest !== undefined && this.demand.index >= latest.size;
      await this.pause(waiting ? minGap : interval);
      const rest = started + minGap - Date.now();
      if (rest > 0 && this.running) await new Promise((r) => setTimeout(r, rest));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }

  /**
   * A receipt waits for a checkpoint that includes leaf `index`: the loop signs one as soon as
   * the log holds it (not at the next interval). Waits of any number of casts coalesce.
   */
  want(index: number): void {
    if (this.options.onDemand === false) return;
    if (index > this.demand.index) this.demand = { index, since: Date.now() };
    this.wake?.();
  }

  /** Called with every checkpoint this process signs, right after it is stored (the receipt
   * waiter and the cosigner react at once instead of polling). Returns the unsubscribe. */
  onSigned(listener: (c: StoredCheckpoint) => void): () => void {
    this.signedListeners.add(listener);
    return () => this.signedListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.busy.catch(() => undefined);
  }

  /**
   * Signs a checkpoint of the current tree if it is larger than the latest one. The very first
   * call signs the empty tree first (sequence 0), even when the log already has leaves, so
   * every history starts there. Returns the latest checkpoint afterwards.
   */
  checkpointNow(): Promise<StoredCheckpoint> {
    const run = this.busy.then(() => this.checkpointOnce());
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async checkpointOnce(attempt = 0): Promise<StoredCheckpoint> {
    let previous = await this.latest();
    // The history starts at the empty tree, signed before anything else (log.md §4.1).
    if (!previous) previous = await this.insertSigned(0, await this.log.root(0), 0, attempt);
    const size = await this.log.size();
    if (previous.size >= size) return previous;
    const root = await this.log.root(size);
    if (previous.size > 0) {
      const proof = await this.log.consistencyProof(previous.size, size);
      verifyConsistency(previous.size, size, proof, previous.rootHash, root); // throws: never sign a fork
    }
    return this.insertSigned(size, root, previous.sequence + 1, attempt);
  }

  /** Signs and stores (size, root) as checkpoint number `sequence`; on a lost race, starts over. */
  private async insertSigned(size: number, root: Uint8Array, sequence: number, attempt: number): Promise<StoredCheckpoint> {
    const epoch = this.options.epoch ? this.options.epoch() : undefined;
    if (this.options.epoch && epoch === undefined) throw new NotLeaderError('checkpoint');
    const note = await signNote(formatCheckpointText(this.origin, size, root, [sequenceExtension(sequence)]), this.signer);
    const insert = `INSERT INTO ${this.s}.checkpoints (size, root, note, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING created_at`;
    const values = [size, Buffer.from(root), note, sequence];
    const { rows } = epoch === undefined ? await this.pool.query(insert, values) : await fencedQuery<{ created_at: Date }>(this.pool, epoch, insert, values);
    if (rows.length > 0) {
      const signed = { size, rootHash: root, note, sequence, createdAt: rows[0].created_at };
      for (const listener of this.signedListeners) {
        try {
          listener(signed);
        } catch (err) {
          this.options.onError?.(err as Error); // a listener's fault never undoes the signing
        }
      }
      return signed;
    }
    // Another instance signed this size, or this sequence number, first.
    const existing = await this.atSize(size);
    if (existing) {
      if (!bytesEqual(existing.rootHash, root)) throw new CheckpointConflictError(`a different root is already signed for size ${size}`);
      return existing;
    }
    if (attempt >= 5) throw new CheckpointConflictError(`checkpoint number ${sequence} was taken by another signer ${attempt + 1} times`);
    return this.checkpointOnce(attempt + 1);
  }

  /** Every checkpoint of size ≤ maxSize, in signing order (= ascending size): the log's history. */
  async history(maxSize = Number.MAX_SAFE_INTEGER): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(`SELECT size, root, note, seq, created_at FROM ${this.s}.checkpoints WHERE size <= $1 ORDER BY size`, [maxSize]);
    return rows.map(toCheckpoint);
  }

  /**
   * Checkpoints numbered start … end − 1 (`urna-sequence`), in order: a page of the history
   * for the HTTP API, by the unique index on the number. Also returns how many the log has
   * signed so far (the numbers are dense: the latest's number + 1).
   */
  async page(start: number, end: number): Promise<{ count: number; checkpoints: StoredCheckpoint[] }> {
    const { rows } = await this.pool.query({
      name: `urna-checkpoint-page-${this.schema}`,
      text: `SELECT size, root, note, seq, created_at, (SELECT max(seq) FROM ${this.s}.checkpoints) AS top
             FROM ${this.s}.checkpoints WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
      values: [start, end],
    });
    const count = rows.length > 0 ? Number(rows[0].top) + 1 : await this.count();
    return { count, checkpoints: rows.map(toCheckpoint) };
  }

  /** How many checkpoints the log has signed (0 before the empty tree's). */
  async count(): Promise<number> {
    const { rows } = await this.pool.query(`SELECT max(seq) AS top FROM ${this.s}.checkpoints`);
    return rows[0].top === null ? 0 : Number(rows[0].top) + 1;
  }

  /**
   * Refuses to serve a log whose checkpoints were signed under another origin: a log's origin
   * names it for its whole life, and a history signed under two names would be two logs to
   * every verifier (log.md §4.2). Run at start-up, after migrate().
   */
  async assertOrigin(): Promise<void> {
    const first = await this.pool.query(`SELECT note FROM ${this.s}.checkpoints ORDER BY size LIMIT 1`);
    if (first.rows.length === 0) return;
    const note: string = first.rows[0].note;
    const stored = note.slice(0, note.indexOf('\n'));
    if (stored !== this.origin) {
      throw new CheckpointConflictError(
        `the log in schema "${this.schema}" was signed with origin "${stored}", but this service is configured with "${this.origin}"; ` +
          `a log's origin never changes: set URNA_LOG_ORIGIN=${stored} (and its key), or start a new log in another database or schema`,
      );
    }
  }

  async latest(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query({ name: `urna-checkpoint-latest-${this.s}`, text: `SELECT size, root, note, seq, created_at FROM ${this.s}.checkpoints ORDER BY size DESC LIMIT 1` });
    return rows.length ? toCheckpoint(rows[0]) : undefined;
  }

  async atSize(size: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT size, root, note, seq, created_at FROM ${this.s}.checkpoints WHERE size = $1`, [size]);
    return rows.length ? toCheckpoint(rows[0]) : undefined;
  }
}

/** A row of the checkpoints table as a StoredCheckpoint (also for queries that join it). */
export function toCheckpoint(r: { size: string; root: Buffer; note: string; seq: string | null; created_at: Date }): StoredCheckpoint {
  // Rows signed before sequence numbers existed have none: read the note (undefined → -1).
  const sequence = r.seq !== null ? Number(r.seq) : (checkpointSequence(parseCheckpointText(r.note.slice(0, r.note.indexOf('\n\n') + 1))) ?? -1);
  return { size: Number(r.size), rootHash: new Uint8Array(r.root), note: r.note, sequence, createdAt: r.created_at };
}
