/**
 * A PostgreSQL primary and one synchronous streaming standby, from Debian's `postgresql`
 * packages (scripts/ensure-system-packages.sh; the embedded npm package has no pg_basebackup):
 *   - the primary: initdb in a temp folder, `synchronous_standby_names = 'standby1'` and
 *     `synchronous_commit = remote_apply`, so a COMMIT returns only once the standby has
 *     replayed it (docs/operations/scaling.md §3 says why remote_apply and not on);
 *   - the standby: `pg_basebackup -R` from the primary, application_name standby1, hot standby
 *     (it answers reads), with no synchronous partner of its own: once promoted it runs alone
 *     until an operator attaches a new standby;
 *   - both as the `postgres` user when the tests run as root (PostgreSQL refuses root), the way
 *     src/ledger/postgres/embedded-postgres.ts does, with their folders owned by that user.
 * `killPrimary` is a kill -9 of the postmaster (and waits for its backends); `promote` is
 * `pg_ctl promote`. Unix sockets are off: everything goes through 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../src/shared/free-port';
import { waitUntilGone } from '../../faults/support/fault-processes';

const run = promisify(execFile);

export const USER = 'urna';

export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('Debian postgresql is not installed: run bash scripts/ensure-system-packages.sh postgresql');
  return join(root, versions[0], 'bin');
}

interface Owner {
  uid: number;
  gid: number;
}

async function owner(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

export interface Node {
  name: 'primary' | 'standby';
  dataDir: string;
  port: number;
  /** Single-host URL of this server. */
  url: string;
  logFile: string;
}

export interface ReplicatedOptions {
  /** `synchronous_commit` on the primary (default remote_apply). */
  synchronousCommit?: 'remote_apply' | 'on';
}

export class ReplicatedPostgres {
  private constructor(
    readonly dir: string,
    readonly primary: Node,
    readonly standby: Node,
    private readonly password: string,
    private readonly as: Owner | undefined,
    private readonly options: ReplicatedOptions,
  ) {}

  /** Primary and standby hosts in that order, read-write sessions: what the service is given. */
  get url(): string {
    return `postgres://${USER}:${this.password}@127.0.0.1:${this.primary.port},127.0.0.1:${this.standby.port}/postgres?target_session_attrs=read-write`;
  }

  /** Public reads: the standby first. */
  get readUrl(): string {
    return `postgres://${USER}:${this.password}@127.0.0.1:${this.standby.port},127.0.0.1:${this.primary.port}/postgres?target_session_attrs=prefer-standby`;
  }

  static async start(dir: string, options: ReplicatedOptions = {}): Promise<ReplicatedPostgres> {
    const as = await owner();
    const password = randomBytes(12).toString('hex');
    const node = async (name: Node['name']): Promise<Node> => {
      const port = await freePort();
      return { name, dataDir: join(dir, name), port, url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`, logFile: join(dir, `${name}.log`) };
    };
    const primary = await node('primary');
    const standby = await node('standby');
    const pg = new ReplicatedPostgres(dir, primary, standby, password, as, options);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (as) chownSync(dir, as.uid, as.gid);
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (as) chownSync(pwfile, as.uid, as.gid);
    await pg.exec('initdb', ['-D', primary.dataDir, '-U', USER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync']);
    await pg.startNode(primary);
    await pg.exec('pg_basebackup', ['-D', standby.dataDir, '-h', '127.0.0.1', '-p', String(primary.port), '-U', USER, '-R', '-X', 'stream', '--no-sync'], { PGPASSWORD: password });
    // Our own primary_conninfo (the last line wins): application_name is what
    // synchronous_standby_names names.
    appendFileSync(join(standby.dataDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${USER} password=${password} application_name=standby1'\n`);
    await pg.startNode(standby);
    await pg.waitForStandbyStreaming();
    return pg;
  }

  private async exec(tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const { stdout } = await run(join(postgresBin(), tool), args, {
      env: { ...process.env, ...env }, cwd: this.dir, ...(this.as ? { uid: this.as.uid, gid: this.as.gid } : {}),
    });
    return stdout;
  }

  private flags(node: Node): string {
    const common = [`-p ${node.port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''", '-c max_connections=100', '-c shared_buffers=32MB', '-c wal_receiver_status_interval=1s'];
    if (node.name === 'primary') {
      common.push("-c synchronous_standby_names='standby1'", `-c synchronous_commit=${this.options.synchronousCommit ?? 'remote_apply'}`);
    } else {
      common.push("-c synchronous_standby_names=''");
    }
    return common.join(' ');
  }

  /** Starts (or starts again) a node's server and waits until it accepts connections. */
  async startNode(node: Node): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await this.exec('pg_ctl', ['-D', node.dataDir, '-l', node.logFile, '-o', this.flags(node), '-w', '-t', '60', 'start']);
  }

  /** kill -9 of the node's postmaster, then waits until its backends are gone too. */
  async kill(node: Node): Promise<void> {
    const pidFile = join(node.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = (() => {
      try {
        return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    })();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await waitUntilGone([pid, ...children]);
  }

  killPrimary(): Promise<void> {
    return this.kill(this.primary);
  }

  /** `pg_ctl promote` on the standby; resolves once it accepts writes. */
  async promote(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.standby.dataDir, '-w', '-t', '60', 'promote']);
  }

  /** Until the primary reports the standby as its synchronous partner. */
  async waitForStandbyStreaming(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const out = await this.sql(this.primary, "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'").catch(() => '');
      if (out.trim() === 'sync') return;
      if (Date.now() > deadline) throw new Error(`the standby did not become synchronous within ${timeoutMs} ms: ${this.logTail(this.standby)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** One SQL statement through psql; returns its unaligned output. */
  sql(node: Node, statement: string): Promise<string> {
    return this.exec('psql', ['-X', '-A', '-t', '-h', '127.0.0.1', '-p', String(node.port), '-U', USER, '-d', 'postgres', '-c', statement], { PGPASSWORD: this.password });
  }

  logTail(node: Node): string {
    return existsSync(node.logFile) ? readFileSync(node.logFile, 'utf8').slice(-2000) : '(no log)';
  }

  /** Stops both servers at once (immediate mode; the folders are thrown away after). */
  async stop(): Promise<void> {
    for (const node of [this.standby, this.primary]) {
      if (existsSync(join(node.dataDir, 'postmaster.pid'))) await this.exec('pg_ctl', ['-D', node.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => this.kill(node));
    }
  }
}
