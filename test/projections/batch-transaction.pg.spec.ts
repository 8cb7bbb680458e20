/**
 * A projection batch is one transaction (projection-runner.ts, applyBatch): its rows and its
 * stored position move together, or neither does. The adversary: an event whose rows cannot be
 * written halfway through a batch (here a refused row), a projection name that is not a plain
 * word (it travels as a literal in the statements that open and close the transaction), and a
 * second runner racing the first on the same tables.
 */
import { Pool, type PoolClient } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { qualified, type Projection } from '../../src/projections/projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { thing } from '../ledger/ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl, testPool } from '../support/postgres';

jest.setTimeout(60_000);

/** One row per event; an event whose data says `refuse` breaks a CHECK constraint. */
function rowPerEvent(name: string): Projection {
  return {
    name,
    tables: ['seen'],
    async createTables(db: PoolClient, schema: string) {
      await db.query(`CREATE TABLE IF NOT EXISTS ${qualified(schema, 'seen')} (position bigint PRIMARY KEY, n int NOT NULL CHECK (n >= 0))`);
    },
    async apply(db: PoolClient, schema: string, event: RecordedEvent) {
      const n = (event.data as { n: number; refuse?: boolean }).refuse ? -1 : (event.data as { n: number }).n;
      await db.query(`INSERT INTO ${qualified(schema, 'seen')} (position, n) VALUES ($1, $2)`, [event.position, n]);
    },
  };
}

describe('projection batches: rows and position together', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  async function withLedger(run: (store: PostgresEventStore, pool: Pool, schema: string) => Promise<void>): Promise<void> {
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
    const ledger = freshSchemaName('batch_ledger');
    const schema = freshSchemaName('batch_proj');
    const store = new PostgresEventStore(pool, { schema: ledger, pollIntervalMs: 50 });
    await store.migrate();
    try {
      await run(store, pool, schema);
    } finally {
      await store.close();
      await dropSchema(observer, ledger);
      await dropSchema(observer, schema);
      await closePool(pool);
    }
  }

  const stored = async (schema: string) => ({
    rows: (await observer.query(`SELECT position FROM ${qualified(schema, 'seen')} ORDER BY position`)).rows.map((r) => Number(r.position)),
    positions: (await observer.query(`SELECT name, position FROM ${qualified(schema, 'projection_positions')}`)).rows.map((r) => [r.name, Number(r.position)]),
  });

  it('an event that cannot be written undoes its whole batch: no row of it, and the position stays', async () => {
    await withLedger(async (store, pool, schema) => {
      // Six events before the runner starts: its catch-up applies them as one batch, in which
      // the fifth is refused by the table.
      for (let i = 0; i < 6; i++) await store.append('s', [thing(i, { data: { n: i, refuse: i === 4 } })], i === 0 ? 'no_stream' : i - 1);
      const name = "it's \"quoted\"; DROP TABLE x --";
      const runner = new ProjectionRunner(store, pool, [rowPerEvent(name)], { schema });
      await expect(runner.start()).rejects.toThrow(/check constraint/i);
      await runner.stop();
      expect(await stored(schema)).toEqual({ rows: [], positions: [] });
      // The same name, once the refused event is gone from what it reads, applies every event.
      const fixed = rowPerEvent(name);
      const lenient = { ...fixed, apply: (db: PoolClient, sch: string, e: RecordedEvent) => fixed.apply(db, sch, { ...e, data: { n: (e.data as { n: number }).n } }) };
      const again = new ProjectionRunner(store, pool, [lenient], { schema });
      await again.start();
      try {
        await again.waitUntilCaughtUp(6);
        expect(await stored(schema)).toEqual({ rows: [0, 1, 2, 3, 4, 5], positions: [[name, 6]] });
      } finally {
        await again.stop();
      }
    });
  });

  it('two runners starting together on a fresh database with events already recorded apply each event once', async () => {
    await withLedger(async (store, pool, schema) => {
      for (let i = 0; i < 30; i++) await store.append('s', [thing(i, { data: { n: i } })], i === 0 ? 'no_stream' : i - 1);
      const runners = [0, 1].map(() => new ProjectionRunner(store, pool, [rowPerEvent('together')], { schema }));
      await runners[0].migrate();
      // Both catch up at once: with no position row yet, FOR UPDATE alone locked nothing.
      await Promise.all(runners.map((r) => r.start()));
      try {
        await Promise.all(runners.map((r) => r.waitUntilCaughtUp(30)));
        expect(await stored(schema)).toEqual({ rows: Array.from({ length: 30 }, (_, i) => i), positions: [['together', 30]] });
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
    });
  });

  it('two runners racing on the same tables apply every event exactly once', async () => {
    await withLedger(async (store, pool, schema) => {
      const runners = [0, 1].map(() => new ProjectionRunner(store, pool, [rowPerEvent('twice')], { schema }));
      await runners[0].migrate();
      await Promise.all(runners.map((r) => r.start()));
      try {
        for (let i = 0; i < 60; i++) await store.append(`s-${i % 3}`, [thing(i, { data: { n: i } })], i < 3 ? 'no_stream' : Math.floor(i / 3) - 1);
        await Promise.all(runners.map((r) => r.waitUntilCaughtUp(60)));
        expect(await stored(schema)).toEqual({ rows: Array.from({ length: 60 }, (_, i) => i), positions: [['twice', 60]] });
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
    });
  });
});
