/**
 * How long a request may wait for the synchronous standby, and what happens when it may not.
 *
 * With `synchronous_commit` on and a `synchronous_standby_names` set, the primary's COMMIT (or an
 * autocommitted INSERT) does not return until the standby confirms it. If the standby is lost or
 * falls far behind, that wait has no end. A voter must get an answer: after the configured time
 * the request is answered 503 and the connection that waits is closed from this side.
 *
 * Why not PostgreSQL's own timeouts: a statement_timeout or a cancel that arrives during the
 * wait for the standby makes the server stop waiting and report the COMMIT as *successful* with
 * only a WARNING ("canceling wait for synchronous replication … the transaction has already
 * committed locally"). Reported to the service as success, that would become a receipt for a
 * ballot the standby does not hold. Closing the socket instead means the service never sees a
 * success for it. The primary may keep the transaction (it committed locally); the voter, told
 * 503, tries again and is told the ballot is already recorded, or, if a promotion lost it,
 * casts once: the one-ballot rule decides either way (docs/operations/scaling.md §3).
 *
 * Only requests have a deadline: they run inside `withStandbyDeadline` (a middleware enters it).
 * Background writers (log sequencer, checkpoints, projections) keep waiting, which is right —
 * nothing is acknowledged to anyone while they wait.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const deadlineOf = new AsyncLocalStorage<{ ms: number }>();

/** Runs `fn` with queries limited to `ms` of waiting for the standby (0: no limit). */
export function withStandbyDeadline<T>(ms: number, fn: () => T): T {
  return ms > 0 ? deadlineOf.run({ ms }, fn) : fn();
}

/** The deadline of the request this code runs for, if any. */
export function currentStandbyDeadline(): number | undefined {
  return deadlineOf.getStore()?.ms;
}

export const STANDBY_UNCONFIRMED = 'URNA_STANDBY_UNCONFIRMED';

/** A write the synchronous standby did not confirm in time: never a success. */
export class StandbyUnconfirmedError extends Error {
  readonly code = STANDBY_UNCONFIRMED;
  constructor(readonly waitedMs: number, readonly host: string) {
    super(`the synchronous standby did not confirm a write to ${host} within ${waitedMs} ms; the connection was closed so that it is not reported as done`);
    this.name = 'StandbyUnconfirmedError';
  }
}

export function isStandbyUnconfirmed(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if ((err as { code?: unknown }).code === STANDBY_UNCONFIRMED) return true;
  return isStandbyUnconfirmed((err as { cause?: unknown }).cause, depth + 1);
}
