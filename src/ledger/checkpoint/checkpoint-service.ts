/**
 * Signs checkpoints of the stored log and keeps them in an append-only table:
 *   checkpoints(size PRIMARY KEY, root, note, created_at)
 * A size can never get a second root (primary key + triggers refusing UPDATE/DELETE), and a
 * checkpoint is signed only after the consistency proof from the previous one verifies, so
 * the log never signs two views of history (tlog-checkpoint: "MUST not sign any checkpoint
 * which is inconsistent with any checkpoint it previously signed").
 */
import type { Pool } from 'pg';
import { bytesEqual } from '../merkle/hash';
import type { MerkleLog } from '../merkle/merkle-log';
import { quoteSchema } from '../merkle/merkle-log-schema';
import { verifyConsistency } from '../merkle/verify';
import { formatCheckpointText } from './checkpoint-format';
import type { NoteSigner } from './note-signer';
import { signNote } from './signed-note';

export interface StoredCheckpoint {
  size: number;
  rootHash: Uint8Array;
  /** The signed note, exactly as served. */
  note: string;
  createdAt: Date;
}

export interface CheckpointServiceOptions {
  /** Schema of the checkpoints table; default the log's schema. */
  schema?: string;
  /** How often the loop looks for growth. Default 1000 ms (at most one checkpoint a second). */
  intervalMs?: number;
  onError?: (err: Error) => void;
}

export class CheckpointConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointConflictError';
  }
}

export class CheckpointService {
  private readonly s: string;
  private readonly schema: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private busy: Promise<unknown> = Promise.resolve();

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
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.s}.refuse_checkpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'checkpoints are append-only: % refused', TG_OP;
        END $$`);
      await client.query(`DROP TRIGGER IF EXISTS append_only ON ${this.s}.checkpoints`);
      await client.query(
        `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${this.s}.checkpoints FOR EACH ROW EXECUTE FUNCTION ${this.s}.refuse_checkpoint_change()`,
      );
      await client.query(`DROP TRIGGER IF EXISTS no_truncate ON ${this.s}.checkpoints`);
      await client.query(
        `CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${this.s}.checkpoints FOR EACH STATEMENT EXECUTE FUNCTION ${this.s}.refuse_checkpoint_change()`,
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Starts the loop: a new checkpoint whenever the log has grown, at most every interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = async () => {
      if (!this.running) return;
      try {
        await this.checkpointNow();
      } catch (err) {
        this.options.onError?.(err as Error);
      }
      if (this.running) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.busy.catch(() => undefined);
  }

  /**
   * Signs a checkpoint of the current tree if it is larger than the latest one (or if there
   * is none yet, even of the empty tree: the opening report shows an empty log). Returns the
   * latest checkpoint afterwards.
   */
  checkpointNow(): Promise<StoredCheckpoint> {
    const run = this.busy.then(() => this.checkpointOnce());
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async checkpointOnce(): Promise<StoredCheckpoint> {
    const previous = await this.latest();
    const size = await this.log.size();
    if (previous && previous.size >= size) return previous;
    const root = await this.log.root(size);
    if (previous && previous.size > 0) {
      const proof = await this.log.consistencyProof(previous.size, size);
      verifyConsistency(previous.size, size, proof, previous.rootHash, root); // throws: never sign a fork
    }
    const note = await signNote(formatCheckpointText(this.origin, size, root), this.signer);
    const { rows } = await this.pool.query(
      `INSERT INTO ${this.s}.checkpoints (size, root, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING RETURNING created_at`,
      [size, Buffer.from(root), note],
    );
    if (rows.length === 0) {
      // Another instance signed this size first; it must have the same root.
      const existing = await this.atSize(size);
      if (!existing || !bytesEqual(existing.rootHash, root)) throw new CheckpointConflictError(`a different root is already signed for size ${size}`);
      return existing;
    }
    return { size, rootHash: root, note, createdAt: rows[0].created_at };
  }

  async latest(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT size, root, note, created_at FROM ${this.s}.checkpoints ORDER BY size DESC LIMIT 1`);
    return rows.length ? toCheckpoint(rows[0]) : undefined;
  }

  async atSize(size: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT size, root, note, created_at FROM ${this.s}.checkpoints WHERE size = $1`, [size]);
    return rows.length ? toCheckpoint(rows[0]) : undefined;
  }
}

function toCheckpoint(r: { size: string; root: Buffer; note: string; created_at: Date }): StoredCheckpoint {
  return { size: Number(r.size), rootHash: new Uint8Array(r.root), note: r.note, createdAt: r.created_at };
}
