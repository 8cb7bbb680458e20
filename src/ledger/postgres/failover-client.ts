/**
 * A node-postgres Client that connects the way libpq does with several hosts and
 * `target_session_attrs` (see multi-host-url.ts), so that a pool follows a promotion by itself:
 *
 *   - the pool's hosts share one HostSelector, which remembers the host that last suited; a new
 *     connection goes straight there, with no probing while it keeps working;
 *   - when a connection to it breaks, or it turns out not to suit (a demoted or read-only
 *     server), the selector forgets it, and the next connection tries every host in the order
 *     written, keeping the first that suits — as libpq does, except that the answer is kept;
 *   - whether a server suits is asked once per connection, right after it opens:
 *     `pg_is_in_recovery()` (a standby) and `transaction_read_only`, the two facts libpq uses.
 *
 * The same Client also carries the request deadline of standby-wait.ts: a query that is still
 * waiting for the synchronous standby when the deadline passes is abandoned (its socket is
 * closed, so its outcome is never reported as a success), and a COMMIT whose wait was cancelled
 * on the server (a success with a WARNING) is turned into the same failure.
 */
import { Client, type ClientConfig, type QueryResult } from 'pg';
import { parseMultiHostUrl, type HostTarget, type SessionKind } from './multi-host-url';
import { currentStandbyDeadline, StandbyUnconfirmedError } from './standby-wait';

interface Role {
  standby: boolean;
  readOnly: boolean;
}

const ROLE_SQL = "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS read_only";

function suits(kind: SessionKind, role: Role): boolean {
  switch (kind) {
    case 'read-write':
      return !role.readOnly && !role.standby;
    case 'read-only':
      return role.readOnly || role.standby;
    case 'primary':
      return !role.standby;
    case 'standby':
      return role.standby;
    default:
      return true;
  }
}

/** No host suits: a connection exception (SQLSTATE 08001), so the service answers 503 and retries. */
export class NoSuitableHostError extends Error {
  readonly code = '08001';
  constructor(kind: SessionKind, tried: string[]) {
    super(`no PostgreSQL host accepts ${kind} sessions now (${tried.join('; ')})`);
    this.name = 'NoSuitableHostError';
  }
}

export class HostSelector {
  private current: HostTarget | undefined;
  private discovering: Promise<HostTarget> | undefined;

  constructor(
    readonly hosts: HostTarget[],
    readonly kind: SessionKind,
    private readonly base: ClientConfig = {},
    private readonly probeTimeoutMs = 3_000,
  ) {
    // One host and no requirement: nothing to choose.
    if (hosts.length === 1 && kind === 'any') this.current = hosts[0];
  }

  static fromUrl(url: string, base: ClientConfig = {}, probeTimeoutMs?: number): HostSelector {
    const { hosts, sessionKind } = parseMultiHostUrl(url);
    return new HostSelector(hosts, sessionKind, base, probeTimeoutMs);
  }

  /** The host a new connection should use now (the remembered one, or the first). */
  get preferred(): HostTarget {
    return this.current ?? this.hosts[0];
  }

  get known(): boolean {
    return this.current !== undefined;
  }

  /** Whether a connection to `target` must check the server's role. */
  get checksRole(): boolean {
    return this.kind !== 'any';
  }

  accepts(role: Role): boolean {
    return suits(this.kind, role);
  }

  /** A connection to `target` broke or did not suit: the next one looks again. */
  forget(target: HostTarget): void {
    if (this.current === target && !(this.hosts.length === 1 && this.kind === 'any')) this.current = undefined;
  }

  /** Tries the hosts in order (once at a time for the whole pool) and remembers the first that suits. */
  discover(): Promise<HostTarget> {
    if (this.current) return Promise.resolve(this.current);
    this.discovering ??= this.search().finally(() => (this.discovering = undefined));
    return this.discovering;
  }

  /** Asks the hosts now, whatever is remembered (the service's availability probe). */
  probe(): Promise<HostTarget> {
    return this.search();
  }

  private async search(): Promise<HostTarget> {
    const tried: string[] = [];
    const roles = new Map<HostTarget, Role>();
    for (const target of this.hosts) {
      try {
        const role = await this.roleOf(target);
        roles.set(target, role);
        const wanted: SessionKind = this.kind === 'prefer-standby' ? 'standby' : this.kind;
        if (suits(wanted, role)) return (this.current = target);
        tried.push(`${target.label}: ${role.standby ? 'standby' : role.readOnly ? 'read-only' : 'primary'}`);
      } catch (err) {
        tried.push(`${target.label}: ${(err as Error).message}`);
      }
    }
    // prefer-standby: no standby answered, so any server that answered will do.
    const fallback = this.kind === 'prefer-standby' ? this.hosts.find((h) => roles.has(h)) : undefined;
    if (fallback) return (this.current = fallback);
    throw new NoSuitableHostError(this.kind, tried);
  }

  private async roleOf(target: HostTarget): Promise<Role> {
    const client = new Client({ ...this.base, connectionString: target.url, connectionTimeoutMillis: this.probeTimeoutMs });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean; read_only: boolean }>(ROLE_SQL);
      return { standby: rows[0].standby, readOnly: rows[0].read_only };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * A write waits for the standby itself (wait event SyncRep), or behind a transaction that does:
 * until the standby confirms, a committed-locally transaction still holds its locks and is not
 * visible, so a voter's second cast meets the first one's unique key and waits on it.
 */
const WAITS_FOR_STANDBY_SQL = `SELECT a.wait_event = 'SyncRep' OR EXISTS (
  SELECT 1 FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid)) AND b.wait_event = 'SyncRep') AS waiting
FROM pg_stat_activity a WHERE a.pid = $1`;

type Callback = (err: Error | null, result?: unknown) => void;

/** The Client class a pool is given (`new Pool({ Client })`) to connect through `selector`. */
export function failoverClientClass(selector: HostSelector): typeof Client {
  return class FailoverClient extends Client {
    /** The host this connection went to. */
    target: HostTarget;
    /** Closed on purpose by the standby deadline: its later errors are not a lost database. */
    abandoned: StandbyUnconfirmedError | undefined;
    private syncCancelNotice = false;

    constructor(config?: ClientConfig) {
      const target = selector.preferred;
      super({ ...config, connectionString: target.url });
      this.target = target;
      this.on('notice', (n: { code?: string; message?: string }) => {
        if (/synchronous replication/i.test(n.message ?? '')) this.syncCancelNotice = true;
      });
    }

    override connect(...args: unknown[]): never {
      const callback = args[0] as Callback | undefined;
      const done = this.connectToSuitable().then(() => this);
      if (typeof callback !== 'function') return done as never;
      done.then((c) => callback(null, c), (err: Error) => callback(err));
      return undefined as never;
    }

    private async connectToSuitable(): Promise<void> {
      if (!selector.known) {
        const target = await selector.discover();
        this.target = target;
        this.host = target.host;
        this.port = target.port;
        // The pool's connect timeout may have fired while the hosts were being tried.
        if (this.connection.stream.destroyed) throw new Error('timeout exceeded when trying to connect');
      }
      try {
        await super.connect();
      } catch (err) {
        selector.forget(this.target);
        throw err;
      }
      this.on('error', () => selector.forget(this.target));
      if (!selector.checksRole) return;
      const { rows } = await super.query(ROLE_SQL);
      if (!selector.accepts({ standby: rows[0].standby, readOnly: rows[0].read_only })) {
        selector.forget(this.target);
        await this.end().catch(() => undefined);
        throw new NoSuitableHostError(selector.kind, [`${this.target.label} no longer suits`]);
      }
    }

    // Every call form of Client#query: (text|config, values?, callback?). Submittables (cursors,
    // streams) pass through untouched.
    override query(...args: unknown[]): never {
      const first = args[0] as { submit?: unknown } | undefined;
      if (first && typeof first === 'object' && typeof first.submit === 'function') return (super.query as (...a: unknown[]) => never)(...args);
      const at = args.findIndex((a) => typeof a === 'function');
      const callback = at >= 0 ? (args[at] as Callback) : undefined;
      const plain = at >= 0 ? args.slice(0, at) : args;
      const result = this.guarded(plain);
      if (!callback) return result as never;
      result.then((r) => callback(null, r), (err: Error) => callback(err));
      return undefined as never;
    }

    private guarded(args: unknown[]): Promise<QueryResult> {
      if (this.abandoned) return Promise.reject(this.abandoned);
      const ms = currentStandbyDeadline();
      this.syncCancelNotice = false;
      const pending = (super.query as (...a: unknown[]) => Promise<QueryResult>)(...args);
      return new Promise<QueryResult>((resolve, reject) => {
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          fn();
        };
        pending.then(
          (r) => finish(() => {
            // The server stopped waiting for the standby and called it a success: it is not one.
            if (this.syncCancelNotice) reject(this.abandon(ms ?? 0));
            else resolve(r);
          }),
          (err) => finish(() => reject(err)),
        );
        if (!ms) return;
        const check = async () => {
          const waiting = await this.waitsForStandby().catch(() => false);
          if (settled) return;
          if (waiting) finish(() => reject(this.abandon(ms)));
          else timer = setTimeout(() => void check(), Math.min(ms, 1_000));
        };
        timer = setTimeout(() => void check(), ms);
      });
    }

    private abandon(ms: number): StandbyUnconfirmedError {
      this.abandoned = new StandbyUnconfirmedError(ms, this.target.label);
      this.connection.stream.destroy();
      return this.abandoned;
    }

    /** Whether this connection's server process is waiting for the synchronous standby now,
     * itself or behind a lock held by one that is (asked on a connection of its own: this one is busy). */
    private async waitsForStandby(): Promise<boolean> {
      const side = new Client({ connectionString: this.target.url, connectionTimeoutMillis: 2_000 });
      side.on('error', () => undefined);
      try {
        await side.connect();
        const { rows } = await side.query<{ waiting: boolean }>(WAITS_FOR_STANDBY_SQL, [(this as unknown as { processID: number }).processID]);
        return rows[0]?.waiting === true;
      } finally {
        await side.end().catch(() => undefined);
      }
    }
  } as unknown as typeof Client;
}
