import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { requireDatabaseUrl, testPool } from '../support/postgres';

/**
 * closePool must return only once the server has let go of every connection, so that stopping
 * the embedded PostgreSQL right after cannot hit a live backend (the simulacro died in CI from
 * exactly that race with plain `pool.end()`).
 */
describe('closePool', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  async function backends(applicationName: string): Promise<number> {
    const { rows } = await observer.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    return Number(rows[0].n);
  }

  it('returns after every connection, idle or just released, is closed on the server', async () => {
    for (let round = 0; round < 5; round += 1) {
      const applicationName = `urna-close-${randomBytes(4).toString('hex')}`;
      const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8, application_name: applicationName });
      const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
      await Promise.all(clients.map((c) => c.query('SELECT 1')));
      expect(await backends(applicationName)).toBe(8);
      clients.forEach((c) => c.release());
      await closePool(pool);
      expect(await backends(applicationName)).toBe(0);
    }
  });

  it('closes an empty pool and one whose idle connection broke', async () => {
    await closePool(new Pool({ connectionString: requireDatabaseUrl() }));
    const applicationName = `urna-close-${randomBytes(4).toString('hex')}`;
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 2, application_name: applicationName });
    const lost = new Promise<Error>((resolve) => pool.once('error', resolve)); // as the service's pools do
    await pool.query('SELECT 1');
    // With a timeout, pg_terminate_backend waits until the backend has exited (its row gone from
    // pg_stat_activity): the client may see the error a moment before that.
    await observer.query('SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect((await lost).message).toMatch(/terminating connection/);
    await closePool(pool);
    expect(await backends(applicationName)).toBe(0);
  });
});
