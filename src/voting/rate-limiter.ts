/**
 * A token bucket per key, in memory: `capacity` requests in a burst, refilled at
 * `refillPerSecond`. One process's view only (enough for one instance behind a balancer with
 * sticky clients; a shared limiter would live in PostgreSQL). Idle buckets are dropped.
 */
import type { RateLimit } from './voting-api.options';

interface Bucket { tokens: number; at: number }

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly limit: RateLimit, private readonly clock: () => number = () => Date.now()) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.clock();
    this.sweep(now);
    const b = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    b.tokens = Math.min(this.limit.capacity, b.tokens + ((now - b.at) / 1000) * this.limit.refillPerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.limit.refillPerSecond);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const full = (this.limit.capacity / this.limit.refillPerSecond) * 1000;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}
