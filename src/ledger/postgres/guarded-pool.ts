import { Pool, type PoolConfig } from 'pg';
import { failoverClientClass, HostSelector } from './failover-client';
import { currentStandbyDeadline, withStandbyDeadline } from './standby-wait';

/**
 * A pg Pool that never takes the process down when PostgreSQL goes away, and that follows a
 * promotion when given several hosts.
 *
 * node-postgres re-emits a broken connection as an 'error' event: on the pool for an idle
 * client, but on the client itself for one that is checked out (a LISTEN connection, a
 * transaction between two queries). An 'error' event nobody listens to is thrown by Node and
 * ends the process ("Unhandled 'error' event … on Client"), which is what a kill -9 of the
 * server did to the service. So every client the pool creates gets a listener at once, and the
 * pool has one too; both report the loss to `onLost` (the service marks the database down and
 * starts probing). The failed query itself still rejects, and the pool drops the broken client
 * on release, so the next query simply opens a new connection: reconnecting needs nothing more.
 * A client closed on purpose because the synchronous standby did not confirm in time
 * (standby-wait.ts) is not a lost database and is not reported.
 *
 * `connectionString` may name several hosts with `target_session_attrs`
 * (postgres://u:p@h1:5432,h2:5432/db?target_session_attrs=read-write): every connection then
 * goes to a host that suits, and after a failover the next connection finds the new primary
 * (failover-client.ts).
 *
 * `connectionTimeoutMillis` (default 30 s) bounds how long a request waits for a connection, so
 * that a server that stopped answering (no refusal, just silence) fails a request with a 503
 * instead of hanging it; generous, so that a busy pool under a casting burst only queues.
 */
export function createGuardedPool(config: PoolConfig, onLost: (err: Error) => void = () => undefined): Pool {
  const { connectionString, ...rest } = config;
  const selector = connectionString ? HostSelector.fromUrl(connectionString, rest) : undefined;
  const Client = selector ? failoverClientClass(selector) : undefined;
  const pool = new DeadlinePool({ connectionTimeoutMillis: 30_000, ...config, ...(Client ? { Client } : {}) });
  pool.on('error', (err) => onLost(err));
  pool.on('connect', (client) =>
    client.on('error', (err) => {
      if (!(client as { abandoned?: unknown }).abandoned) onLost(err);
    }),
  );
  return pool;
}

/**
 * A request's standby deadline must reach the query even when the connection it gets was freed
 * by someone else (pg-pool then calls back from that other context): the deadline in force when
 * `connect` was called is put back around the callback.
 */
class DeadlinePool extends Pool {
  override connect(...args: unknown[]): never {
    const callback = args[0];
    if (typeof callback !== 'function') return (super.connect as unknown as () => never)();
    const ms = currentStandbyDeadline() ?? 0;
    return (super.connect as unknown as (cb: unknown) => never)((...results: unknown[]) => withStandbyDeadline(ms, () => (callback as (...a: unknown[]) => unknown)(...results)));
  }
}
