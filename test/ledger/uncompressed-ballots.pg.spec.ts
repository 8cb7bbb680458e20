/**
 * Ballot-sized data is stored out of line and uncompressed (src/ledger/postgres/uncompressed-column.ts):
 * in the ledger's events and in the Merkle log's leaves. pglz could not shrink a ballot's random
 * hexadecimal and cost a third of an append's server CPU trying. The data reads back as written.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { migrateMerkleLog } from '../../src/ledger/merkle/merkle-log-schema';
import { dropSchema, freshSchemaName, requireDatabaseUrl, testPool } from '../support/postgres';

jest.setTimeout(60_000);

/** Compressible on purpose (repeated text): pglz would shrink it, so only the storage setting keeps it raw. */
const compressible = () => ({ note: 'abc'.repeat(20_000), nonce: randomBytes(8).toString('hex') });

describe('ballot-sized data is stored uncompressed', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  const storageOf = async (schema: string, table: string, column: string) => (await observer.query(
    `SELECT a.attstorage FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3`, [schema, table, column])).rows[0]?.attstorage;

  it('events.data: EXTERNAL, a large event is stored as written and reads back equal (migrating twice changes nothing)', async () => {
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 2 });
    const schema = freshSchemaName('uncompressed');
    const store = new PostgresEventStore(pool, { schema });
    try {
      await store.migrate();
      await store.migrate();
      expect(await storageOf(schema, 'events', 'data')).toBe('e');
      const data = compressible();
      await store.append('ballot-e1-P', [{ type: 'BallotCast', version: 1, data, metadata: { actor: 'voter:P' }, visibility: 'public' } as never], 'no_stream');
      const { rows } = await observer.query(`SELECT pg_column_compression(data) AS how, pg_column_size(data) AS stored, octet_length(data::text) AS len FROM "${schema}".events`);
      expect(rows).toEqual([{ how: null, stored: rows[0].len, len: rows[0].len }]);
      expect(rows[0].len).toBeGreaterThan(60_000);
      expect((await store.readStream('ballot-e1-P'))[0].data).toEqual(data);
    } finally {
      await store.close();
      await dropSchema(observer, schema);
      await closePool(pool);
    }
  });

  it('the log\'s leaves.data: EXTERNAL, a large leaf is stored uncompressed', async () => {
    const schema = freshSchemaName('uncompressed_log');
    try {
      await migrateMerkleLog(observer, schema);
      expect(await storageOf(schema, 'leaves', 'data')).toBe('e');
      await observer.query(`INSERT INTO "${schema}".leaves (idx, leaf_hash, data) VALUES (0, $1, $2)`, [randomBytes(32), Buffer.from(JSON.stringify(compressible()))]);
      const { rows } = await observer.query(`SELECT pg_column_compression(data) AS how FROM "${schema}".leaves`);
      expect(rows).toEqual([{ how: null }]);
    } finally {
      await dropSchema(observer, schema);
    }
  });
});
