/**
 * Fills an empty stored Merkle log (src/ledger/merkle/merkle-log-schema.ts) with synthetic
 * leaves straight in SQL, for benchmarks and tests that need a big log fast: 1,000,000 leaves
 * in well under a minute instead of the minutes MerkleLog.append takes, and never through the
 * command path. PostgreSQL's own sha256() hashes leaves (0x00 ‖ data) and nodes
 * (0x01 ‖ left ‖ right), an implementation independent of ours: whatever reads the log (the
 * tiles API, the Go client) must agree with it byte for byte.
 *
 * Leaf i is a JSON text shaped like an entry, padded with hex to about `leafBytes`.
 */
import type { Pool } from 'pg';

export interface BulkLoadOptions {
  /** Approximate bytes per leaf (default 200). A ballot's entry is about 3,400. */
  leafBytes?: number;
  /** Store leaf data uncompressed (STORAGE EXTERNAL), as random ballot bytes would be. */
  uncompressed?: boolean;
  /** Leaves per INSERT (default 100,000). */
  batch?: number;
  progress?: (line: string) => void;
}

export async function bulkLoadLeaves(pool: Pool, schema: string, count: number, options: BulkLoadOptions = {}): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema ${schema}`);
  const s = `"${schema}"`;
  const { rows } = await pool.query(`SELECT size FROM ${s}.log_state`);
  if (Number(rows[0].size) !== 0) throw new Error('bulkLoadLeaves fills an empty log only');
  if (options.uncompressed) await pool.query(`ALTER TABLE ${s}.leaves ALTER COLUMN data SET STORAGE EXTERNAL`);
  const base = 90; // the JSON around the padding
  // 32 hex digits per md5: repeat a per-leaf digest to reach the size.
  const repeats = Math.max(0, Math.round(((options.leafBytes ?? 200) - base) / 32));
  const batch = options.batch ?? 100_000;
  const started = Date.now();
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    await pool.query(
      `INSERT INTO ${s}.leaves (idx, leaf_hash, data)
       SELECT i, sha256('\\x00'::bytea || d), d FROM (
         SELECT i, convert_to(format('{"data":{"pad":"%s"},"format":"urna-leaf/1","position":%s,"type":"BulkLeaf","version":1}',
                                     repeat(md5(i::text || ':' || $3::text), $4::int), i), 'UTF8') AS d
         FROM generate_series($1::bigint, $2::bigint - 1) AS i) t`,
      [start, end, schema, repeats],
    );
    await pool.query(`INSERT INTO ${s}.nodes (level, idx, hash) SELECT 0, idx, leaf_hash FROM ${s}.leaves WHERE idx >= $1 AND idx < $2`, [start, end]);
    options.progress?.(`  ${end} leaves (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await pool.query(`ANALYZE ${s}.nodes`);
  // Each level from the one below, in one ordered scan of the primary key (no join, so no
  // plan can go quadratic): node (k+1, i) = H(0x01 ‖ (k, 2i) ‖ (k, 2i+1)), only where both
  // children exist (complete subtrees, as MerkleLog.append writes them). Levels are dense.
  for (let level = 0; 2 ** (level + 1) <= count; level++) {
    await pool.query(
      `INSERT INTO ${s}.nodes (level, idx, hash)
       SELECT $1::smallint + 1, idx / 2, sha256('\\x01'::bytea || prev || hash)
       FROM (SELECT idx, hash, lag(hash) OVER (ORDER BY idx) AS prev FROM ${s}.nodes WHERE level = $1) t
       WHERE idx % 2 = 1`,
      [level],
    );
  }
  await pool.query(`UPDATE ${s}.log_state SET size = $1`, [count]);
  await pool.query(`ANALYZE ${s}.leaves; ANALYZE ${s}.nodes`).catch(() => undefined);
  options.progress?.(`  ${count} leaves and their nodes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
