/**
 * The runner's default gathering (projection-runner.ts, DEFAULT_GATHER_MS): while ballots trickle
 * in, a projection applies them in few transactions, not one per event or two. Each applied
 * event notes its transaction's id, so the test counts the transactions a live trickle cost.
 */
import { Pool, type PoolClient } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { qualified, type Projection } from '../../src/projections/projection';
import { DEFAULT_GATHER_MS, ProjectionRunner } from '../../src/projections/projection-runner';
import { thing } from '../ledger/ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

jest.setTimeout(60_000);

const noteTransaction: Projection = {
  name: 'note-transaction',
  tables: ['applied'],
  async createTables(db: PoolClient, schema: string) {
    await db.query(`CREATE TABLE IF NOT EXISTS ${qualified(schema, 'applied')} (position bigint PRIMARY KEY, tx bigint NOT NULL)`);
  },
  async apply(db: PoolClient, schema: string, event: RecordedEvent) {
    await db.query(`INSERT INTO ${qualified(schema, 'applied')} (position, tx) VALUES ($1, txid_current())`, [event.position]);
  },
};

it(`a live trickle of events is applied in at most one transaction per ${DEFAULT_GATHER_MS} ms`, async () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
  const ledger = freshSchemaName('gather_ledger');
  const schema = freshSchemaName('gather_proj');
  const store = new PostgresEventStore(pool, { schema: ledger, pollIntervalMs: 50 });
  await store.migrate();
  const runner = new ProjectionRunner(store, pool, [noteTransaction], { schema });
  try {
    await runner.start();
    const started = Date.now();
    const events = 60;
    for (let i = 0; i < events; i++) {
      await store.append('trickle', [thing(i)], i === 0 ? 'no_stream' : i - 1);
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = Date.now() - started;
    await runner.waitUntilCaughtUp(events);
    const { rows } = await pool.query(`SELECT count(*)::int AS applied, count(DISTINCT tx)::int AS transactions FROM ${qualified(schema, 'applied')}`);
    expect(rows[0].applied).toBe(events);
    // One transaction per gathering at most, and one more for the trickle's tail.
    expect(rows[0].transactions).toBeLessThanOrEqual(Math.ceil(elapsed / DEFAULT_GATHER_MS) + 1);
    expect(DEFAULT_GATHER_MS).toBeGreaterThanOrEqual(250);
  } finally {
    await runner.stop();
    await store.close();
    await dropSchema(pool, ledger);
    await dropSchema(pool, schema);
    await closePool(pool);
  }
});
