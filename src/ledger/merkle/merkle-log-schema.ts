/**
 * Tables of the stored Merkle log (idempotent; safe to run at every start):
 *   leaves(idx, leaf_hash, data)   one row per leaf; data = the exact leaf bytes hashed
 *   nodes(level, idx, hash)        one row per complete subtree (~2n rows), level 0 = leaf hashes
 *   log_state(size)                one row: the committed tree size
 * Rows are never updated or deleted (triggers refuse it): a published hash never changes.
 */
import type { Pool } from 'pg';
import { uncompressedColumnSql } from '../postgres/uncompressed-column';

export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return `"${schema}"`;
}

export async function migrateMerkleLog(pool: Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Serialize concurrent migrations of the same schema (two instances starting at once).
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-merkle-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.leaves (
        idx bigint PRIMARY KEY CHECK (idx >= 0),
        leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
        data bytea NOT NULL
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS leaves_by_hash ON ${s}.leaves (leaf_hash)`);
    await client.query(uncompressedColumnSql(schema, 'leaves', 'data'));
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.nodes (
        level smallint NOT NULL CHECK (level >= 0 AND level < 64),
        idx bigint NOT NULL CHECK (idx >= 0),
        hash bytea NOT NULL CHECK (octet_length(hash) = 32),
        PRIMARY KEY (level, idx)
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.log_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        size bigint NOT NULL CHECK (size >= 0)
      )`);
    await client.query(`INSERT INTO ${s}.log_state (singleton, size) VALUES (true, 0) ON CONFLICT DO NOTHING`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the Merkle log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
      END $$`);
    // The writer's usual append in one statement, so one round trip (merkle-log.ts appendNow):
    // under the log_state row lock, leaves, nodes and size are written only when the log has
    // exactly p_start leaves; otherwise nothing is written and the size found is returned.
    // p_epoch, when given, is claimed for the statement's transaction as claimEpoch does, so the
    // lease's fence triggers judge these writes alike.
    await client.query(`
      CREATE OR REPLACE FUNCTION ${s}.append_at(p_epoch text, p_start bigint, p_leaf_hashes bytea[], p_datas bytea[],
        p_levels smallint[], p_node_idx bigint[], p_node_hashes bytea[]) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        v_size bigint;
      BEGIN
        IF p_epoch IS NOT NULL THEN
          PERFORM set_config('urna.log_epoch', p_epoch, true);
        END IF;
        SELECT size INTO v_size FROM ${s}.log_state FOR UPDATE;
        IF v_size <> p_start THEN
          RETURN v_size;
        END IF;
        INSERT INTO ${s}.leaves (idx, leaf_hash, data)
          SELECT p_start + i - 1, p_leaf_hashes[i], p_datas[i] FROM generate_subscripts(p_leaf_hashes, 1) AS i;
        INSERT INTO ${s}.nodes (level, idx, hash) SELECT * FROM unnest(p_levels, p_node_idx, p_node_hashes);
        UPDATE ${s}.log_state SET size = p_start + cardinality(p_leaf_hashes);
        RETURN p_start;
      END $$`);
    for (const table of ['leaves', 'nodes']) {
      await client.query(`DROP TRIGGER IF EXISTS append_only ON ${s}.${table}`);
      await client.query(`CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change()`);
      await client.query(`DROP TRIGGER IF EXISTS no_truncate ON ${s}.${table}`);
      await client.query(`CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${s}.${table} FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change()`);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
