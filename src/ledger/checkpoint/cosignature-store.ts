/**
 * The witnesses' cosignatures the log collected, append-only (docs/spec/log.md §8.4):
 *   checkpoint_cosignatures(size → checkpoints, witness, key_id, cosigned_at, line, received_at)
 * one row per (checkpoint, witness key): a witness that cosigns a size twice keeps its first
 * line. Only lines verified against the configured witness key are stored (the cosigner checks
 * them), and triggers refuse UPDATE, DELETE and TRUNCATE like the checkpoints table's.
 */
import type { Pool } from 'pg';
import { quoteSchema } from '../merkle/merkle-log-schema';
import type { VerifiedCosignature } from './cosignature';
import { refuseChangesTo } from './append-only-table';
import { type StoredCheckpoint, toCheckpoint } from './checkpoint-service';

export interface StoredCosignature {
  size: number;
  witness: string;
  keyId: number;
  /** POSIX seconds the witness put in its cosignature. */
  timestamp: number;
  line: string;
}

/** What a receipt waiter needs in one read: the latest checkpoint and the newest one with the quorum. */
export interface CheckpointsForWaiters {
  latest?: { checkpoint: StoredCheckpoint; cosignatures: StoredCosignature[] };
  cosigned?: { checkpoint: StoredCheckpoint; cosignatures: StoredCosignature[] };
}

export class CosignatureStore {
  private readonly s: string;
  private readonly addedListeners = new Set<(size: number) => void>();

  constructor(private readonly pool: Pool, private readonly schema: string) {
    this.s = quoteSchema(schema);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-cosignature-migrate:${this.schema}`]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.checkpoint_cosignatures (
          size bigint NOT NULL REFERENCES ${this.s}.checkpoints (size),
          witness text NOT NULL,
          key_id bigint NOT NULL,
          cosigned_at bigint NOT NULL,
          line text NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (size, witness, key_id)
        )`);
      await refuseChangesTo(client, this.s, 'checkpoint_cosignatures');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async add(size: number, cosignatures: readonly VerifiedCosignature[]): Promise<void> {
    for (const c of cosignatures) {
      await this.pool.query(
        `INSERT INTO ${this.s}.checkpoint_cosignatures (size, witness, key_id, cosigned_at, line) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [size, c.name, c.keyId, c.timestamp, c.line],
      );
    }
    for (const listener of this.addedListeners) listener(size);
  }

  /** Called after cosignatures of `size` are stored by this process (the receipt waiter looks
   * again at once). Returns the unsubscribe. */
  onAdded(listener: (size: number) => void): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  /**
   * In one query: the latest checkpoint, and the newest of size ≥ minSize cosigned by at least
   * `quorum` of `witnesses`, each with its cosignatures (in arrival order). What a receipt
   * waiter asks on each look (checkpoint-waiter.ts).
   */
  async forWaiters(quorum: number, witnesses: readonly string[], minSize: number): Promise<CheckpointsForWaiters> {
    const { rows } = await this.pool.query(
      `WITH latest AS (SELECT size FROM ${this.s}.checkpoints ORDER BY size DESC LIMIT 1),
            cosigned AS (SELECT size FROM ${this.s}.checkpoint_cosignatures WHERE size >= $3 AND witness = ANY($2::text[])
                         GROUP BY size HAVING count(DISTINCT witness) >= $1 ORDER BY size DESC LIMIT 1)
       SELECT c.size, c.root, c.note, c.seq, c.created_at,
              c.size = (SELECT size FROM latest) AS is_latest, c.size = (SELECT size FROM cosigned) AS is_cosigned,
              coalesce((SELECT json_agg(json_build_object('witness', w.witness, 'key_id', w.key_id, 'cosigned_at', w.cosigned_at, 'line', w.line)
                                        ORDER BY w.received_at, w.witness)
                        FROM ${this.s}.checkpoint_cosignatures w WHERE w.size = c.size), '[]') AS cosignatures
       FROM ${this.s}.checkpoints c WHERE c.size IN (SELECT size FROM latest UNION ALL SELECT size FROM cosigned)`,
      [quorum, witnesses, minSize],
    );
    const out: CheckpointsForWaiters = {};
    for (const r of rows) {
      const entry = {
        checkpoint: toCheckpoint(r),
        cosignatures: (r.cosignatures as { witness: string; key_id: string | number; cosigned_at: string | number; line: string }[]).map((c) => ({
          size: Number(r.size), witness: c.witness, keyId: Number(c.key_id), timestamp: Number(c.cosigned_at), line: c.line,
        })),
      };
      if (r.is_latest) out.latest = entry;
      if (r.is_cosigned) out.cosigned = entry;
    }
    return out;
  }

  /** The cosignatures of each of `sizes`, in the order witnesses' lines arrived. */
  async forSizes(sizes: readonly number[]): Promise<Map<number, StoredCosignature[]>> {
    const out = new Map<number, StoredCosignature[]>(sizes.map((s) => [s, []]));
    if (sizes.length === 0) return out;
    const { rows } = await this.pool.query(
      `SELECT size, witness, key_id, cosigned_at, line FROM ${this.s}.checkpoint_cosignatures WHERE size = ANY($1::bigint[]) ORDER BY size, received_at, witness`,
      [sizes.map(String)],
    );
    for (const r of rows) out.get(Number(r.size))?.push({ size: Number(r.size), witness: r.witness, keyId: Number(r.key_id), timestamp: Number(r.cosigned_at), line: r.line });
    return out;
  }

  async forSize(size: number): Promise<StoredCosignature[]> {
    return (await this.forSizes([size])).get(size)!;
  }

  /** The largest checkpoint size ≥ minSize cosigned by at least `quorum` of `witnesses`, if any
   * (a range scan of the primary key from minSize: the waiter asks for sizes above a ballot). */
  async latestWithQuorum(quorum: number, witnesses: readonly string[], minSize = 0): Promise<number | undefined> {
    const { rows } = await this.pool.query(
      `SELECT size FROM ${this.s}.checkpoint_cosignatures WHERE size >= $3 AND witness = ANY($2::text[])
       GROUP BY size HAVING count(DISTINCT witness) >= $1 ORDER BY size DESC LIMIT 1`,
      [quorum, witnesses, minSize],
    );
    return rows.length ? Number(rows[0].size) : undefined;
  }
}
