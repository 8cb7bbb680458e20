import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { thing } from './ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl, testPool } from '../support/postgres';

/**
 * The PostgreSQL store's LISTEN connection at the edges: it may break under a live
 * subscription (the store goes on, polling, then listening again), and when the store closes it
 * is gone from the server before close() returns — so stopping the server right after cannot
 * hit it (the simulacro died in CI on an error from it after its release).
 */
describe('PostgreSQL event store: the listening connection', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  const listeners = async (app: string) => Number((await observer.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND query ILIKE 'LISTEN%'", [app])).rows[0].n);

  async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('survives its connection being terminated, keeps delivering, and is gone from the server once closed', async () => {
    const app = `urna-listen-${randomBytes(4).toString('hex')}`;
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 4, application_name: app });
    pool.on('error', () => undefined); // as the service's pools do; the LISTEN client has its own handler
    const schema = freshSchemaName('listen');
    const store = new PostgresEventStore(pool, { schema, pollIntervalMs: 50 });
    await store.migrate();
    const seen: number[] = [];
    const subscription = store.subscribeToAll(0, async (e) => { seen.push(e.position); });
    try {
      await store.append('s-1', [thing(1)], 'no_stream');
      await waitFor('the first event', () => seen.length === 1);
      await waitFor('a LISTEN connection', async () => (await listeners(app)) === 1);

      await observer.query("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = $1 AND query ILIKE 'LISTEN%'", [app]);
      await store.append('s-1', [thing(2)], 0);
      await waitFor('the event after the break', () => seen.length === 2);
    } finally {
      await subscription.close();
      await store.close();
    }
    expect(await listeners(app)).toBe(0);
    await dropSchema(observer, schema);
    await closePool(pool);
  });
});
