/**
 * A bound on costly work that strangers can trigger (issue 16 §4.1). Anyone may send a sign-in,
 * so anyone can make the service check signatures, read and append to the ledger and send SMS.
 * Without a bound, a flood of such requests waits in the database pool and the event loop
 * together with real voters, and a real voter's sign-in slows from a fraction of a second to
 * tens of seconds. A WorkBudget sheds the flood instead of queueing it:
 *
 * - **Fixed concurrency**: at most `concurrency` jobs run at once; the others wait in one queue.
 * - **Fair order**: when a slot frees, the job to start is chosen among the waiting ones by, in
 *   order: a known name before an unknown one; the key with the fewest jobs running; the job
 *   waiting longest. A plain FIFO put a real voter behind every job a flood had queued before
 *   (one address's eight, or the eight unknown names of many), each a ledger read, a signature
 *   check and an append: seconds on a loaded machine (bench/signin-flood.bench.ts). Now a real
 *   voter waits for one slot to free, whatever the flood holds. Putting known names first tells
 *   a client nothing a refusal did not already: unknown names beyond their budget are refused at
 *   once, and a username is a random 60-bit credential, not a guessable name.
 * - **Global budget**: at most `queue` jobs wait. Beyond that, or after `maxWaitMs` in the queue,
 *   a job is refused `busy` (the HTTP layer answers 503 with Retry-After): failing fast keeps a
 *   real voter's answer short, and the booth retries after the time it is told.
 * - **Per-key budget**: at most `perKey` jobs of one key (a client address, grouped by /64 in
 *   IPv6, see addressKey; or one voter) run or wait together. Beyond that: `key` (429).
 * - **Unknown names**: a job the caller marks `unknown` (a username or account that does not
 *   exist) counts against a separate, smaller budget of `unknown` jobs running or waiting. A
 *   flood of made-up names from many addresses fills that budget and nothing else, so a real
 *   voter's job always finds room. Beyond it: `unknown`; the caller decides what to answer
 *   (the voter sign-in answers what every failed sign-in answers, so the refusal tells nothing
 *   the answer did not).
 *
 * The checks are made in this order, at admission: key, then global, then unknown. So a name
 * that exists and one that does not get the same refusal while the key's or the global budget
 * is spent.
 *
 * Pure TypeScript with no I/O: it holds counters in this process (each instance of the
 * service has its own; the per-address request budgets shared between instances are the
 * throttlers', src/voting/voter-throttling.module.ts). Reusable for any costly step (a
 * password hash of an operator's sign-in, say): call `run` around the work, then map
 * WorkRefusedError to an HTTP answer (src/voting/voting-errors.ts does it for the voter API).
 */

import { reportWorkTiming } from './work-timings';

/** The limits of one budget. */
export interface WorkBudgetLimits {
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs waiting, all keys together. */
  queue: number;
  /** Jobs of one key running or waiting. */
  perKey: number;
  /** Jobs marked unknown running or waiting. */
  unknown: number;
  /** Longest wait in the queue before a job is refused `busy`. */
  maxWaitMs: number;
  /** Set: each job's wait and run times are reported under this name (work-timings.ts, for /metrics). */
  name?: string;
}

/** Why a job was refused: its key's budget, the global one, or the unknown names'. */
export type WorkRefusal = 'key' | 'busy' | 'unknown';

export class WorkRefusedError extends Error {
  constructor(readonly reason: WorkRefusal, readonly retryAfterSeconds: number) {
    super(`work refused (${reason}); retry after ${retryAfterSeconds} s`);
    this.name = 'WorkRefusedError';
  }
}

/** Who asks for the work: `key` spends its own budget; `unknown` marks a name that does not exist. */
export interface WorkClaim {
  key: string;
  unknown?: boolean;
}

/** Counters for monitoring and tests. */
export interface WorkBudgetSnapshot {
  running: number;
  waiting: number;
  unknown: number;
  done: number;
  refused: Record<WorkRefusal, number>;
}

interface Waiting {
  key: string;
  unknown: boolean;
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Sign-in work (a login attempt's reads, signature check, appends and SMS; a cast code's SMS).
 * Eight at once per address: voters behind one NAT (a consulate's network, a household) sign in
 * together, and a flood from one address is still held to a small share.
 */
export const SIGN_IN_WORK: WorkBudgetLimits = { concurrency: 4, queue: 32, perKey: 8, unknown: 8, maxWaitMs: 1500, name: 'sign_in' };

/**
 * Ballot checks on cast (proofs on worker threads), keyed by voter: a cast needs a session, so
 * only signed-in voters reach it, and one voter's requests are already bounded by the per-voter
 * throttler (20 in a burst). This budget bounds the total: what the workers cannot start within
 * 10 s is refused (503) instead of piling up; one voter may hold at most half the queue.
 */
export const BALLOT_CHECK_WORK: WorkBudgetLimits = { concurrency: 4, queue: 128, perKey: 64, unknown: 0, maxWaitMs: 10_000, name: 'ballot_check' };

export class WorkBudget {
  private running = 0;
  private unknownOutstanding = 0;
  private done = 0;
  private readonly waiting: Waiting[] = [];
  private readonly perKey = new Map<string, number>();
  /** Jobs running per key, for the fair order. */
  private readonly runningPerKey = new Map<string, number>();
  private readonly refused: Record<WorkRefusal, number> = { key: 0, busy: 0, unknown: 0 };

  constructor(readonly limits: WorkBudgetLimits) {
    for (const [name, value] of Object.entries(limits)) {
      if (name === 'name') continue;
      if (!Number.isInteger(value) || value < 0) throw new Error(`work budget: ${name} must be a whole number ≥ 0`);
    }
    if (limits.concurrency < 1 || limits.perKey < 1) throw new Error('work budget: concurrency and perKey must be at least 1');
  }

  /** Runs `work` within the budget, or throws WorkRefusedError without running it. */
  async run<T>(claim: WorkClaim, work: () => Promise<T> | T): Promise<T> {
    this.admit(claim);
    const own = this.perKey.get(claim.key) ?? 0;
    this.perKey.set(claim.key, own + 1);
    if (claim.unknown) this.unknownOutstanding++;
    try {
      const queuedAt = performance.now();
      await this.slot(claim);
      const startedAt = performance.now();
      let failed = true;
      try {
        const result = await work();
        failed = false;
        return result;
      } finally {
        if (this.limits.name !== undefined) {
          reportWorkTiming({ budget: this.limits.name, waitedMs: startedAt - queuedAt, ranMs: performance.now() - startedAt, failed });
        }
        const running = (this.runningPerKey.get(claim.key) ?? 1) - 1;
        if (running === 0) this.runningPerKey.delete(claim.key);
        else this.runningPerKey.set(claim.key, running);
        this.running--;
        this.done++;
        this.next();
      }
    } finally {
      const left = (this.perKey.get(claim.key) ?? 1) - 1;
      if (left === 0) this.perKey.delete(claim.key);
      else this.perKey.set(claim.key, left);
      if (claim.unknown) this.unknownOutstanding--;
    }
  }

  snapshot(): WorkBudgetSnapshot {
    return { running: this.running, waiting: this.waiting.length, unknown: this.unknownOutstanding, done: this.done, refused: { ...this.refused } };
  }

  private admit(claim: WorkClaim): void {
    if ((this.perKey.get(claim.key) ?? 0) >= this.limits.perKey) this.refuse('key', 1);
    const mustWait = this.running >= this.limits.concurrency;
    if (mustWait && this.waiting.length >= this.limits.queue) this.refuse('busy', this.waitSeconds());
    if (claim.unknown && this.unknownOutstanding >= this.limits.unknown) this.refuse('unknown', this.waitSeconds());
  }

  private refuse(reason: WorkRefusal, retryAfterSeconds: number): never {
    this.refused[reason]++;
    throw new WorkRefusedError(reason, retryAfterSeconds);
  }

  private waitSeconds(): number {
    return Math.max(1, Math.ceil(this.limits.maxWaitMs / 1000));
  }

  /** Resolves when the job may run (a slot is taken for it); rejects `busy` after maxWaitMs. */
  private slot(claim: WorkClaim): Promise<void> {
    if (this.running < this.limits.concurrency && this.waiting.length === 0) {
      this.running++;
      this.runningPerKey.set(claim.key, (this.runningPerKey.get(claim.key) ?? 0) + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: Waiting = {
        key: claim.key,
        unknown: claim.unknown === true,
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          this.refused.busy++;
          reject(new WorkRefusedError('busy', this.waitSeconds()));
        }, this.limits.maxWaitMs),
      };
      // A timer of a waiting job must not keep a process alive on its own.
      (entry.timer as { unref?: () => void }).unref?.();
      this.waiting.push(entry);
    });
  }

  private next(): void {
    while (this.running < this.limits.concurrency && this.waiting.length > 0) {
      const [entry] = this.waiting.splice(this.fairest(), 1);
      this.running++;
      // Counted now, not when the job's continuation runs, so that the next pick in this loop sees it.
      this.runningPerKey.set(entry.key, (this.runningPerKey.get(entry.key) ?? 0) + 1);
      entry.start();
    }
  }

  /** Index of the waiting job to start: known before unknown, then fewest running of its key, then longest waiting. */
  private fairest(): number {
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const a = this.waiting[i];
      const b = this.waiting[best];
      if (a.unknown !== b.unknown) {
        if (!a.unknown) best = i;
        continue;
      }
      if ((this.runningPerKey.get(a.key) ?? 0) < (this.runningPerKey.get(b.key) ?? 0)) best = i;
    }
    return best;
  }
}

/**
 * The budget key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber usually holds
 * a whole /64, so its addresses are one client's). Give it `req.ip`, which Express derives from
 * X-Forwarded-For only for the trusted proxies (URNA_TRUSTED_PROXIES).
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'address:unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return `address:${v4[1]}`;
  if (!ip.includes(':')) return `address:${ip}`;
  return `address:${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const bare = ip.split('%')[0].toLowerCase();
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
