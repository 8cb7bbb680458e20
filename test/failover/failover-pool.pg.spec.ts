/**
 * The guarded pool on a primary and its synchronous standby (Debian's PostgreSQL,
 * test/failover/support/replicated-postgres.ts):
 *   - with the multi-host URL it writes to the primary; after a kill -9 of the primary it fails
 *     (never writes to the standby), and after `pg_ctl promote` it writes to the new primary
 *     with no new pool and no restart;
 *   - a read pool with prefer-standby reads from the standby;
 *   - with the standby lost, a write under a request deadline fails within the deadline with
 *     StandbyUnconfirmedError (and with no deadline it simply waits);
 *   - a wait cancelled on the server (which PostgreSQL reports as a successful COMMIT with a
 *     WARNING) is a failure too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import { createGuardedPool } from '../../src/ledger/postgres/guarded-pool';
import { StandbyUnconfirmedError, withStandbyDeadline } from '../../src/ledger/postgres/standby-wait';
import { ReplicatedPostgres } from './support/replicated-postgres';

jest.setTimeout(180_000);

async function retry<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('guarded pool with a synchronous standby', () => {
  let dir: string;
  let pg: ReplicatedPostgres;
  const pools: Pool[] = [];
  const pool = (url: string) => {
    const p = createGuardedPool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
    pools.push(p);
    return p;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-replica-'));
    chmodSync(dir, 0o755);
    pg = await ReplicatedPostgres.start(join(dir, 'pg'));
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end().catch(() => undefined)));
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('follows a promotion by itself, and reads go to the standby', async () => {
    const writes = pool(pg.url);
    const reads = pool(pg.readUrl);
    await writes.query('CREATE TABLE ballots (id int PRIMARY KEY)');
    await writes.query('INSERT INTO ballots VALUES (1)');
    // remote_apply: what the primary acknowledged is already visible on the standby.
    const onStandby = await reads.query<{ standby: boolean; n: string }>('SELECT pg_is_in_recovery() AS standby, count(*) AS n FROM ballots');
    expect(onStandby.rows[0]).toEqual({ standby: true, n: '1' });

    await pg.killPrimary();
    // The standby is read-only until promoted: no write may land there.
    await expect(writes.query('INSERT INTO ballots VALUES (2)')).rejects.toThrow();
    await expect(writes.query('INSERT INTO ballots VALUES (2)')).rejects.toThrow(/read-write|ECONNREFUSED|terminat/);

    await pg.promote();
    await retry(() => writes.query('INSERT INTO ballots VALUES (2)'));
    const after = await writes.query<{ standby: boolean; port: number }>("SELECT pg_is_in_recovery() AS standby, current_setting('port')::int AS port");
    expect(after.rows[0]).toEqual({ standby: false, port: pg.standby.port });
    expect((await writes.query('SELECT id FROM ballots ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    // prefer-standby with no standby left: the promoted server serves reads.
    expect((await retry(() => reads.query('SELECT count(*)::int AS n FROM ballots'))).rows[0].n).toBe(2);
  });

  it('a lost standby: a write under a deadline fails in time and is never reported done', async () => {
    const writes = pool(pg.url);
    await writes.query('CREATE TABLE ballots (id int PRIMARY KEY)');
    await pg.kill(pg.standby);
    const started = Date.now();
    const attempt = withStandbyDeadline(1_500, () => writes.query('INSERT INTO ballots VALUES (1)'));
    await expect(attempt).rejects.toBeInstanceOf(StandbyUnconfirmedError);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_400);
    expect(waited).toBeLessThan(6_000);
    // The primary wrote it locally but shows it to nobody while it waits for the standby; a
    // second write of the same key waits behind it and is cut at the deadline too.
    const direct = new Client({ connectionString: pg.primary.url });
    direct.on('error', () => undefined);
    await direct.connect();
    expect((await direct.query('SELECT count(*)::int AS n FROM ballots')).rows[0].n).toBe(0);
    await expect(withStandbyDeadline(1_500, () => writes.query('INSERT INTO ballots VALUES (1)'))).rejects.toBeInstanceOf(StandbyUnconfirmedError);
    // Without a deadline (background writers) the write waits for the standby.
    const waiting = writes.query('INSERT INTO ballots VALUES (2)');
    const outcome = await Promise.race([waiting.then(() => 'done', () => 'failed'), new Promise((r) => setTimeout(() => r('still waiting'), 2_000))]);
    expect(outcome).toBe('still waiting');
    await pg.startNode(pg.standby);
    await pg.waitForStandbyStreaming();
    await expect(waiting).resolves.toBeDefined();
    // Once the standby has it, the first write is there, once; the second one of the same key failed.
    expect((await direct.query('SELECT id FROM ballots ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    // The pool is still usable after the abandoned connection, and the loss was not "the database is down".
    await withStandbyDeadline(5_000, () => writes.query('INSERT INTO ballots VALUES (3)'));
    await direct.end();
  });

  it('a wait for the standby cancelled on the server is a failure, not the success PostgreSQL reports', async () => {
    const writes = pool(pg.url);
    await writes.query('CREATE TABLE ballots (id int PRIMARY KEY)');
    await pg.kill(pg.standby);
    const direct = new Client({ connectionString: pg.primary.url });
    await direct.connect();
    // A plain client is told "INSERT 0 1" once its wait is cancelled: that is the trap.
    direct.on('error', () => undefined);
    const plain = new Client({ connectionString: pg.primary.url });
    plain.on('error', () => undefined);
    await plain.connect();
    const plainInsert = plain.query('INSERT INTO ballots VALUES (100)');
    const ours = writes.query('INSERT INTO ballots VALUES (1)');
    ours.catch(() => undefined);
    await retry(async () => {
      const { rows } = await direct.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
      if (rows[0].n < 2) throw new Error('not waiting yet');
    });
    await direct.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
    await expect(plainInsert).resolves.toMatchObject({ rowCount: 1 });
    await expect(ours).rejects.toBeInstanceOf(StandbyUnconfirmedError);
    await plain.end();
    await direct.end();
  });
});
