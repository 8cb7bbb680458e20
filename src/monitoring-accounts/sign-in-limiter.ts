/**
 * Sign-in budgets of the monitoring API, like the voter API's (voter-throttling.module.ts):
 * per client address and per typed username (or per challenge id when confirming a code),
 * counted in PostgreSQL so that every instance shares them. Keys are SHA-256 of election,
 * budget and tracker, so the table lists no addresses or usernames. A spent budget answers 429
 * with Retry-After.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresThrottlerStorage } from '../http/postgres-throttler-storage';
import { monitoringApi, MonitoringHttpError } from './monitoring-errors';

export interface Budget {
  limit: number;
  windowMs: number;
}

export const DEFAULT_PER_ADDRESS: Budget = { limit: 30, windowMs: 5 * 60_000 };
export const DEFAULT_PER_USERNAME: Budget = { limit: 10, windowMs: 15 * 60_000 };

export class SignInLimiter {
  private readonly storage: PostgresThrottlerStorage;

  constructor(
    pool: Pool,
    schema: string,
    private readonly electionId: string,
    private readonly perAddress: Budget = DEFAULT_PER_ADDRESS,
    private readonly perUsername: Budget = DEFAULT_PER_USERNAME,
  ) {
    this.storage = new PostgresThrottlerStorage(pool, schema);
  }

  migrate(): Promise<void> {
    return this.storage.migrate();
  }

  /** Spends one attempt of the address's budget and of the name's; throws 429 when either is spent. */
  async spend(address: string, name: string): Promise<void> {
    for (const [budgetName, tracker, budget] of [['monitoring-address', address, this.perAddress], ['monitoring-name', name, this.perUsername]] as const) {
      const key = createHash('sha256').update(`${this.electionId}\n${budgetName}\n${tracker}`).digest('hex');
      const hit = await this.storage.increment(key, budget.windowMs, budget.limit, 0, budgetName);
      if (hit.isBlocked) {
        const wait = Math.max(1, hit.timeToBlockExpire);
        throw new MonitoringHttpError(429, 'RATE_LIMITED', monitoringApi.pair('error.rateLimited', { wait }), { retryAfter: wait });
      }
    }
  }
}
