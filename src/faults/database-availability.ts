/**
 * Whether the service can reach PostgreSQL now, and the loop that notices when it can again.
 *
 * Anything that sees a connection loss (a pool 'error' event, a request or a health check whose
 * query failed that way) calls `reportLoss`. From then on requests are answered 503 at once
 * instead of each waiting for a connection timeout, and a probe asks the server every
 * `retryMs` until it answers; then the service is up again by itself, without a restart.
 */
import { isConnectionLoss } from '../ledger/postgres/connection-loss';

export interface AvailabilityStatus {
  status: 'up' | 'down';
  /** When the database was lost (ISO 8601), while it is down. */
  since?: string;
  /** What the last failure said, while it is down. */
  error?: string;
}

export interface DatabaseAvailabilityOptions {
  /** Time between probes while down. Default 1000 ms. */
  retryMs?: number;
  log?: (level: 'warn' | 'log', line: string) => void;
}

export class DatabaseAvailability {
  private lost: { since: Date; error: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    /** Resolves when the database answers a trivial query. */
    private readonly probe: () => Promise<void>,
    private readonly options: DatabaseAvailabilityOptions = {},
  ) {}

  get isDown(): boolean {
    return this.lost !== undefined;
  }

  status(): AvailabilityStatus {
    return this.lost ? { status: 'down', since: this.lost.since.toISOString(), error: this.lost.error } : { status: 'up' };
  }

  /** Returns whether `err` was a connection loss (then the database is marked down). */
  reportLoss(err: unknown): boolean {
    if (!isConnectionLoss(err)) return false;
    const message = err instanceof Error ? err.message : String(err);
    if (this.lost) {
      this.lost.error = message;
      return true;
    }
    this.lost = { since: new Date(), error: message };
    this.options.log?.('warn', `PostgreSQL unreachable (${message}): answering 503 and retrying every ${this.retryMs} ms`);
    this.schedule(0);
    return true;
  }

  /** A query just succeeded (a health check): the database is back, whatever the probe's timer says. */
  reportReachable(): void {
    if (!this.lost) return;
    const downFor = Date.now() - this.lost.since.getTime();
    this.lost = undefined;
    this.options.log?.('log', `PostgreSQL reachable again after ${Math.round(downFor / 100) / 10} s`);
  }

  /** Stops probing (shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get retryMs(): number {
    return this.options.retryMs ?? 1_000;
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tryAgain();
    }, delayMs);
    // A pending probe must not keep a process alive that is otherwise done.
    this.timer.unref?.();
  }

  private async tryAgain(): Promise<void> {
    if (!this.lost || this.stopped) return;
    try {
      await this.probe();
      this.reportReachable();
    } catch (err) {
      if (this.lost) this.lost.error = err instanceof Error ? err.message : String(err);
      this.schedule(this.retryMs);
    }
  }
}
