/**
 * The embedded PostgreSQL is reached over a Unix socket in the data folder's parent (less CPU per
 * statement than loopback TCP, on both sides), TCP on 127.0.0.1 stays open, and a socket path
 * too long for the kernel keeps the URL on TCP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { embeddedSocketDir, embeddedUrl } from '../../src/ledger/postgres/embedded-postgres';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');

async function query<T>(url: string, sql: string): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL over a Unix socket', () => {
  it('the URL names the socket folder (the data folder\'s parent); a path too long for sun_path stays on TCP', () => {
    expect(embeddedSocketDir('/tmp/urna-x/data', 5432)).toBe('/tmp/urna-x');
    expect(embeddedUrl('p w', 5432, '/tmp/urna-x')).toBe('postgres://urna:p%20w@127.0.0.1:5432/postgres?host=%2Ftmp%2Furna-x');
    const deep = `/tmp/${'d'.repeat(95)}/data`;
    expect(embeddedSocketDir(deep, 5432)).toBeUndefined();
    expect(embeddedSocketDir('/tmp/a,b/data', 5432)).toBeUndefined();
    expect(embeddedUrl('p', 5432, undefined)).toBe('postgres://urna:p@127.0.0.1:5432/postgres');
  });

  it('connects over the socket, TCP still answers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'urna-pg-socket-'));
    const child = spawn(process.execPath, ['-r', 'urna-ts-register', 'test/ledger/fixtures/embedded-postgres-server.ts', join(root, 'data')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += String(c)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('url ') && ok(line.slice(4)));
        child.on('exit', (code) => fail(new Error(`embedded server exited (${code}): ${stderr}`)));
      });
      expect(new URL(url).searchParams.get('host')).toBe(root);
      // inet_server_addr() is NULL on a Unix-socket connection.
      expect(await query(url, 'SELECT inet_server_addr() IS NULL AS local')).toEqual({ local: true });
      const tcp = url.replace(/\?.*$/, '');
      expect(await query(tcp, 'SELECT host(inet_server_addr()) AS address')).toEqual({ address: '127.0.0.1' });
      // Anyone on the machine can reach the socket: the password is still asked there.
      const wrong = new URL(url);
      wrong.password = 'not-the-password';
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
      wrong.password = '';
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password/);
    } finally {
      await new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
