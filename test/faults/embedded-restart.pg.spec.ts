/**
 * With the embedded database, nobody else is there to restart PostgreSQL when it dies under the
 * service: startEmbeddedPostgres does it (same folder, same port), so the service's next
 * connection finds it again. The process that started it (the fixture, standing for the
 * service) stays up; kill -9 of the postmaster alone must be followed by a working server at the
 * same URL, with the data committed before still there.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually, startDatabase, waitUntilGone, type Running } from './support/fault-processes';

jest.setTimeout(120_000);

describe('the embedded PostgreSQL dies under its owner', () => {
  const root = mkdtempSync(join(tmpdir(), 'urna-embedded-restart-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  let db: Running | undefined;

  afterAll(async () => {
    db?.child.kill('SIGTERM');
    await db?.exited;
    rmSync(root, { recursive: true, force: true });
  });

  const query = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.query(sql)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  it('is started again on the same folder and port, with its data', async () => {
    const started = await startDatabase(dataDir);
    db = started;
    await query(started.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await waitUntilGone([postmaster]);
    await expect(query(started.url, 'SELECT 1')).rejects.toThrow();

    await eventually(async () => (await query(started.url, 'SELECT v FROM kept'))[0]?.v === 42, 60_000, 'the server back at the same URL');
    expect(started.child.exitCode).toBeNull();
    expect(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])).not.toBe(postmaster);
  });
});
