import type { Pool } from 'pg';
import { settleWithin } from './settle-within';

/**
 * Ends a pg Pool and waits until every one of its connections has really closed.
 *
 * `pool.end()` resolves as soon as the pool has *asked* its idle clients to end, not when their
 * sockets are closed. Stopping the server right after (the embedded PostgreSQL at the end of a
 * simulacro or of the CLI) can then terminate a backend that has not yet read the client's
 * Terminate message: the client receives "terminating connection due to administrator command",
 * the pool re-emits it as an 'error' event and, with no listener, the process dies. So: errors
 * while ending are expected and swallowed (the caller's own 'connection lost' listeners are
 * dropped), the clients are counted, and we wait for each 'remove' (emitted once a client's
 * `end()` has finished).
 */
export async function closePool(pool: Pool, timeoutMs = 10_000): Promise<void> {
  pool.removeAllListeners('error');
  pool.on('error', () => undefined);
  let open = pool.totalCount;
  const allRemoved = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open <= 0) resolve();
    });
  });
  await pool.end();
  await settleWithin(allRemoved, timeoutMs);
}
