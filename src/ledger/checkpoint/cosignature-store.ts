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

export interface StoredCosignature {
  size: number;
  witness: string;
  keyId: number;
  /** POSIX seconds the witness put in its cosignature. */
  timestamp: number;
  line: string;
}

export class CosignatureStore {
  private readonly s: string;

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
