import { Inject, Injectable, Optional } from '@nestjs/common';
import { DatabaseAvailability } from '../faults/database-availability';
import { settleWithin } from './postgres/settle-within';
import type { EventStore } from './event-store';
import { EVENT_STORE } from './ledger.tokens';

export interface LedgerHealthStatus {
  status: 'up' | 'down';
  /** 'postgres' or 'kurrentdb'. */
  adapter: string;
  /** Events recorded (= next global position), when reachable. */
  head?: number;
  /** Since when the database has been unreachable (ISO 8601), while it is. */
  downSince?: string;
  error?: string;
}

/** Longest a health check waits for the ledger: /health must answer even when the database hangs. */
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

/** The ledger's line on /health: which adapter, and whether it answers with its head. */
@Injectable()
export class LedgerHealth {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(DatabaseAvailability) private readonly availability?: DatabaseAvailability,
  ) {}

  async check(): Promise<LedgerHealthStatus> {
    const adapter = (this.store as { adapterName?: string }).adapterName ?? 'unknown';
    try {
      const head = await withTimeout(this.store.head(), HEALTH_CHECK_TIMEOUT_MS);
      // What /health says and what requests get must agree: reachable now means open the gate.
      this.availability?.reportReachable();
      return { status: 'up', adapter, head };
    } catch (err) {
      // A health check that finds the database gone starts the reconnection probe too.
      this.availability?.reportLoss(err);
      const since = this.availability?.status().since;
      return { status: 'down', adapter, ...(since ? { downSince: since } : {}), error: err instanceof Error ? err.message : String(err) };
    }
  }
}

/** `promise`, or a rejection after `ms` (the late result is ignored). */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let settled = false;
  const guarded = promise.finally(() => (settled = true));
  guarded.catch(() => undefined);
  await settleWithin(guarded, ms);
  if (!settled) throw Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
  return guarded;
}
