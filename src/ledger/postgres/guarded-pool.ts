import { Pool, type PoolConfig } from 'pg';

/**
 * A pg Pool that never takes the process down when PostgreSQL goes away.
 *
 * node-postgres re-emits a broken connection as an 'error' event: on the pool for an idle
 * client, but on the client itself for one that is checked out (a LISTEN connection, a
 * transaction between two queries). An 'error' event nobody listens to is thrown by Node and
 * ends the process ("Unhandled 'error' event … on Client"), which is what a kill -9 of the
 * server did to the service. So every client the pool creates gets a listener at once, and the
 * pool has one too; both report the loss to `onLost` (the service marks the database down and
 * starts probing). The failed query itself still rejects, and the pool drops the broken client
 * on release, so the next query simply opens a new connection: reconnecting needs nothing more.
 *
 * `connectionTimeoutMillis` (default 30 s) bounds how long a request waits for a connection, so
 * that a server that stopped answering (no refusal, just silence) fails a request with a 503
 * instead of hanging it; generous, so that a busy pool under a casting burst only queues.
 */
export function createGuardedPool(config: PoolConfig, onLost: (err: Error) => void = () => undefined): Pool {
  const pool = new Pool({ connectionTimeoutMillis: 30_000, ...config });
  pool.on('error', onLost);
  pool.on('connect', (client) => client.on('error', onLost));
  return pool;
}
