/**
 * The PostgreSQL ThrottlerStorage on its own: concurrent hits through two pools (two
 * processes) lose no count, windows end on time, and blocks behave like the library's
 * in-memory storage.
 */
import { Pool } from 'pg';
import { PostgresThrottlerStorage } from '../../src/http/postgres-throttler-storage';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgresThrottlerStorage', () => {
  const schema = freshSchemaName('throttler');
  const pools = [new Pool({ connectionString: requireDatabaseUrl(), max: 8 }), new Pool({ connectionString: requireDatabaseUrl(), max: 8 })];
  const storages = pools.map((p) => new PostgresThrottlerStorage(p, schema));

  beforeAll(async () => {
    // Both "instances" migrate at once: the table is created once, without an error.
    await Promise.all(storages.map((s) => s.migrate()));
  });

  afterAll(async () => {
    await dropSchema(pools[0], schema);
    await Promise.all(pools.map((p) => p.end()));
  });

  it('admits exactly `limit` of many simultaneous hits spread over two pools', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => storages[i % 2].increment('burst', 60_000, 25, 0, 'per-address')));
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(25);
    expect(results.filter((r) => r.isBlocked)).toHaveLength(35);
    expect(new Set(results.filter((r) => !r.isBlocked).map((r) => r.totalHits))).toEqual(new Set(Array.from({ length: 25 }, (_, i) => i + 1)));
    for (const r of results.filter((x) => x.isBlocked)) {
      expect(r.totalHits).toBe(26);
      expect(r.timeToBlockExpire).toBeGreaterThan(0);
      expect(r.timeToBlockExpire).toBeLessThanOrEqual(60);
    }
  });

  it('without blocks: a refused hit is not counted, and the next window starts afresh', async () => {
    const [a, b] = storages;
    expect(await a.increment('window', 400, 2, 0, 'per-voter')).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect(await b.increment('window', 400, 2, 0, 'per-voter')).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await a.increment('window', 400, 2, 0, 'per-voter')).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 1 });
    expect(await b.increment('window', 400, 2, 0, 'per-voter')).toMatchObject({ totalHits: 3, isBlocked: true });
    await sleep(450);
    expect(await b.increment('window', 400, 2, 0, 'per-voter')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('with blocks: passing the limit blocks the key for blockDuration, then counting restarts', async () => {
    const [a, b] = storages;
    expect(await a.increment('block', 60_000, 1, 500, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    const blocked = await b.increment('block', 60_000, 1, 500, 'default');
    expect(blocked).toMatchObject({ totalHits: 2, isBlocked: true, timeToBlockExpire: 1 });
    expect(await a.increment('block', 60_000, 1, 500, 'default')).toMatchObject({ totalHits: 2, isBlocked: true });
    await sleep(550);
    expect(await a.increment('block', 60_000, 1, 500, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('a hit commits without waiting for its WAL flush, and only its own transaction: the connection\'s next statement commits synchronously', async () => {
    const single = new Pool({ connectionString: requireDatabaseUrl(), max: 1 });
    try {
      const storage = new PostgresThrottlerStorage(single, schema);
      const before = (await single.query('SHOW synchronous_commit')).rows[0].synchronous_commit;
      const hit = await storage.increment('async-commit', 60_000, 5, 0, 'per-address');
      expect(hit).toMatchObject({ totalHits: 1, isBlocked: false });
      // The same (only) connection: a ledger append after a hit must still wait for its flush.
      expect((await single.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe(before);
      expect(before).not.toBe('off');
      // The hit is stored all the same.
      expect((await storage.increment('async-commit', 60_000, 5, 0, 'per-address')).totalHits).toBe(2);
      // Inside the hit's transaction the setting is off (what makes its commit quick).
      const setting = await single.query(`WITH quick AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true)) SELECT current_setting('synchronous_commit') AS s FROM quick`);
      expect(setting.rows[0].s).toBe('off');
      expect((storage as unknown as { incrementSql: string }).incrementSql).toContain("set_config('synchronous_commit', 'off', true)");
    } finally {
      await single.end();
    }
  });

  it('keeps keys apart', async () => {
    const [a] = storages;
    expect(await a.increment('k1', 60_000, 1, 0, 'x')).toMatchObject({ isBlocked: false });
    expect(await a.increment('k2', 60_000, 1, 0, 'x')).toMatchObject({ isBlocked: false });
    expect(await a.increment('k1', 60_000, 1, 0, 'x')).toMatchObject({ isBlocked: true });
  });

  it('refuses a key the database refused without asking it again, and only until the database would', async () => {
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 2 });
    const storage = new PostgresThrottlerStorage(pool, schema);
    let queries = 0;
    const query = pool.query.bind(pool);
    (pool as unknown as { query: typeof pool.query }).query = ((...args: Parameters<typeof pool.query>) => {
      queries++;
      return query(...args);
    }) as typeof pool.query;
    try {
      expect(await storage.increment('local', 600, 1, 0, 'per-address')).toMatchObject({ isBlocked: false });
      expect(await storage.increment('local', 600, 1, 0, 'per-address')).toMatchObject({ isBlocked: true, totalHits: 2 });
      const before = queries;
      // A flood's further hits: refused here, in the shape the library expects, with no query.
      for (let i = 0; i < 50; i++) {
        expect(await storage.increment('local', 600, 1, 0, 'per-address')).toMatchObject({ isBlocked: true, totalHits: 2, timeToBlockExpire: 1 });
      }
      expect(queries).toBe(before);
      expect(storage.localRefusals).toBe(50);
      // Another key is not refused by this one's refusal.
      expect(await storage.increment('local-other', 600, 1, 0, 'per-address')).toMatchObject({ isBlocked: false });
      // Once the window has ended, the key passes at once: the local deadline is not later than the database's.
      await sleep(650);
      expect(await storage.increment('local', 600, 1, 0, 'per-address')).toMatchObject({ isBlocked: false, totalHits: 1 });
    } finally {
      await pool.end();
    }
  });

  it('a block learned locally lasts no longer than the block', async () => {
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 2 });
    const storage = new PostgresThrottlerStorage(pool, schema);
    try {
      expect(await storage.increment('local-block', 60_000, 1, 400, 'default')).toMatchObject({ isBlocked: false });
      expect(await storage.increment('local-block', 60_000, 1, 400, 'default')).toMatchObject({ isBlocked: true });
      expect(await storage.increment('local-block', 60_000, 1, 400, 'default')).toMatchObject({ isBlocked: true });
      expect(storage.localRefusals).toBe(1);
      await sleep(450);
      expect(await storage.increment('local-block', 60_000, 1, 400, 'default')).toMatchObject({ isBlocked: false, totalHits: 1 });
    } finally {
      await pool.end();
    }
  });
});
