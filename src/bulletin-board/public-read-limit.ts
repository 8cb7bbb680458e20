/**
 * A per-address budget for the public reads that cannot be cached (issue 16 §4.3): /log/* and
 * /api/board/* answered anew on every request (the latest checkpoint, a range cut at the tree's
 * end, turnout and results, receipts, the ballot box). Each such answer costs database work; 130
 * of them in a row from one client used to be served without a pause.
 *
 * What can be cached costs nothing here. A hash or entry tile (/log/tile/...) is never counted
 * nor refused: it is immutable, a CDN or mirror serves it, and a verifier downloads thousands.
 * Any other answer the controller marks `immutable` (log-caching.ts: a past checkpoint, a proof
 * between fixed sizes, a complete page) is not counted either: the budget is charged when the
 * answer goes out, by what it is. Once an address's budget is spent, its next reads (but tiles)
 * are refused with 429, Retry-After and the API's bilingual error shape, until it refills.
 *
 * A token bucket per address, in this process's memory: generous (the board's page polls a few
 * endpoints every few seconds; the default allows 1,200 at once and 20 a second after), so that
 * only a client hammering the service meets it. The address is req.ip: behind a reverse proxy,
 * URNA_TRUSTED_PROXIES makes it the client's, not the proxy's (src/voting/http-settings.ts);
 * IPv6 addresses count by /64 (addressKey). Each instance counts its own clients.
 */
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { addressKey } from '../http/work-budget';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { BULLETIN_BOARD_OPTIONS } from './bulletin-board.tokens';

export interface PublicReadBudget {
  /** Reads one address may make at once. */
  capacity: number;
  /** Reads an address regains per second. */
  refillPerSecond: number;
}

export const DEFAULT_PUBLIC_READS: PublicReadBudget = { capacity: 1200, refillPerSecond: 20 };

/** Addresses remembered at most; beyond, full buckets (idle addresses) are forgotten first. */
const MAX_TRACKED = 100_000;

const m = messagesOf(voterApiMessages);

/** The buckets, apart from HTTP so that they can be tested and reused. */
export class PublicReadBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly budget: PublicReadBudget, private readonly clock: () => number = Date.now) {
    if (!(budget.capacity >= 1) || !(budget.refillPerSecond > 0)) throw new Error(`invalid public read budget ${JSON.stringify(budget)}`);
  }

  /** Seconds until `key` may read again; 0 when it may read now. */
  waitFor(key: string): number {
    const tokens = this.tokens(key);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.budget.refillPerSecond));
  }

  /** One read answered for `key`. */
  charge(key: string): void {
    this.buckets.set(key, { tokens: this.tokens(key) - 1, at: this.clock() });
    if (this.buckets.size > MAX_TRACKED) this.forgetIdle();
  }

  private tokens(key: string): number {
    const b = this.buckets.get(key);
    if (!b) return this.budget.capacity;
    return Math.min(this.budget.capacity, b.tokens + ((this.clock() - b.at) / 1000) * this.budget.refillPerSecond);
  }

  private forgetIdle(): void {
    for (const key of this.buckets.keys()) if (this.tokens(key) >= this.budget.capacity) this.buckets.delete(key);
  }
}

/** Tiles are immutable by their path: never counted, never refused. */
const UNCOUNTED = /^\/log\/tile\//;

@Injectable()
export class PublicReadLimit implements NestMiddleware {
  private readonly buckets: PublicReadBuckets | undefined;

  constructor(@Inject(BULLETIN_BOARD_OPTIONS) options: { publicReads?: PublicReadBudget | false }) {
    this.buckets = options.publicReads === false ? undefined : new PublicReadBuckets(options.publicReads ?? DEFAULT_PUBLIC_READS);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const buckets = this.buckets;
    if (!buckets || UNCOUNTED.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const key = addressKey(req.ip);
    const wait = buckets.waitFor(key);
    if (wait > 0) {
      const refused = m.pair('error.rateLimited', { wait });
      res.setHeader('Retry-After', String(wait));
      res.status(429).json({ error: 'RATE_LIMITED', message: refused.en, mensaje: refused.es });
      return;
    }
    // Charged by what the answer turned out to be: an immutable one (or a 304 for it) is free.
    res.on('finish', () => {
      if (!/\bimmutable\b/.test(String(res.getHeader('Cache-Control') ?? ''))) buckets.charge(key);
    });
    next();
  }
}
