/**
 * Fencing of the log's writers (docs/spec/log.md §10). A writer that holds the lease says so in
 * the transaction that writes: it sets the transaction-local setting `urna.log_epoch` to its
 * epoch, and the database's triggers (log-lease.ts) compare it with the lease row under a share
 * lock. A writer whose epoch is no longer the lease's, or whose lease has expired on the
 * database's clock, has its whole transaction refused with SQLSTATE UF409.
 */
import type { Pool, PoolClient } from 'pg';

/** SQLSTATE of a write refused by the fence (a custom class: no PostgreSQL error uses it). */
export const FENCED_SQLSTATE = 'UF409';

/** The epoch this process may write under now, or undefined when it does not lead. */
export type EpochSource = () => number | undefined;

/** Raised before writing when this process does not lead (the database would refuse it anyway). */
export class NotLeaderError extends Error {
  constructor(what: string) {
    super(`${what}: this instance does not hold the log lease`);
    this.name = 'NotLeaderError';
  }
}

export function isFenced(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === FENCED_SQLSTATE || err instanceof NotLeaderError;
}

/** Claims `epoch` for the rest of the current transaction of `client`. */
export async function claimEpoch(client: PoolClient, epoch: number): Promise<void> {
  await client.query(`SELECT set_config('urna.log_epoch', $1, true)`, [epochSetting(epoch)]);
}

/** The value of the transaction-local setting `urna.log_epoch` that claims `epoch` (also set by the log's append_at). */
export function epochSetting(epoch: number): string {
  if (!Number.isSafeInteger(epoch) || epoch < 1) throw new Error(`invalid log epoch ${epoch}`);
  return String(epoch);
}

/** Runs one statement in its own transaction under `epoch` (what a fenced single write needs). */
export async function fencedQuery<R>(pool: Pool, epoch: number, text: string, values: unknown[]): Promise<{ rows: R[] }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await claimEpoch(client, epoch);
    const result = await client.query(text, values);
    await client.query('COMMIT');
    return { rows: result.rows as R[] };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
