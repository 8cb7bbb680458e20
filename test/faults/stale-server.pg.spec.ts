/**
 * kill -9 of the service leaves its embedded PostgreSQL running, orphaned, holding
 * postmaster.pid. The next start on the same data folder must detect it, stop it, say so in
 * its log, and come up (before: it exited after logging only {"level":"error",
 * "context":"ExceptionHandler"}). A start while a live service still uses the folder is refused
 * with a message naming that process, instead of pulling the database from under it.
 * (Named .pg.spec: it starts PostgreSQL servers of its own, so it runs with the database suites.)
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataLayout } from '../../src/config/data-layout';
import { both } from '../../src/messages/catalog';
import { startupMessages } from '../../src/messages/startup.messages';
import { isAlive } from '../../src/ledger/postgres/stale-server';
import { waitUntilGone } from './support/fault-processes';
import { freePort, startService, type ServiceProcess } from './support/service-process';

jest.setTimeout(180_000);

describe('a stale embedded PostgreSQL left by a killed service', () => {
  const root = mkdtempSync(join(tmpdir(), 'urna-stale-'));
  chmodSync(root, 0o755); // the embedded server runs as the postgres user when tests run as root
  const dataDir = join(root, 'data');
  const cluster = dataLayout(dataDir).postgresCluster;
  const services: ServiceProcess[] = [];
  const env = (port: number) => ({ URNA_ELECTION_ID: 'stale-test', URNA_DATA_DIR: dataDir, PORT: String(port), LOG_FORMAT: 'text', URNA_PUBLIC_URL: 'http://127.0.0.1:3000' });
  const postmasterPid = () => Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);

  afterAll(async () => {
    for (const s of services) s.child.kill('SIGTERM');
    await Promise.all(services.map((s) => s.exited));
    if (existsSync(join(cluster, 'postmaster.pid'))) {
      const pid = postmasterPid();
      if (isAlive(pid)) process.kill(pid, 'SIGINT');
      await waitUntilGone([pid]);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('is stopped by the next start, which says so and serves', async () => {
    const firstPort = await freePort();
    const first = await startService(env(firstPort));
    services.push(first);
    await first.listening;
    expect((await fetch(`http://127.0.0.1:${firstPort}/health`)).status).toBe(200);

    const orphan = postmasterPid();
    first.child.kill('SIGKILL');
    await first.exited;
    // The precondition the issue describes: the server outlives its service.
    expect(isAlive(orphan)).toBe(true);

    const secondPort = await freePort();
    const second = await startService(env(secondPort));
    services.push(second);
    await second.listening;
    expect(second.output()).toContain(both(startupMessages, 'stale.stopped', { pid: orphan, dataDir: cluster }));
    expect(isAlive(orphan)).toBe(false);
    const health = await fetch(`http://127.0.0.1:${secondPort}/health`);
    expect(health.status).toBe(200);
    expect(postmasterPid()).not.toBe(orphan);

    // A third start while the second still runs: refused, naming the process that uses the folder.
    const third = await startService(env(await freePort()));
    const code = await third.exited;
    expect(code).toBe(69);
    const [es, en] = third.stderrLines().slice(-2);
    expect(es).toContain(`pid ${second.child.pid}`);
    expect(en).toContain(`pid ${second.child.pid}`);
    expect(en).toContain('another process');
    // …and the second service was left alone.
    expect((await fetch(`http://127.0.0.1:${secondPort}/health`)).status).toBe(200);
  });
});
