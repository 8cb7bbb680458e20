import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from './event-store';
import { EVENT_STORE } from './ledger.tokens';

export interface LedgerHealthStatus {
  status: 'up' | 'down';
  /** 'postgres' or 'kurrentdb'. */
  adapter: string;
  /** Events recorded (= next global position), when reachable. */
  head?: number;
  error?: string;
}

/** The ledger's line on /health: which adapter, and whether it answers with its head. */
@Injectable()
export class LedgerHealth {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async check(): Promise<LedgerHealthStatus> {
    const adapter = (this.store as { adapterName?: string }).adapterName ?? 'unknown';
    try {
      return { status: 'up', adapter, head: await this.store.head() };
    } catch (err) {
      return { status: 'down', adapter, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
