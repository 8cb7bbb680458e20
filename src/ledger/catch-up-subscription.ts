/**
 * The subscription loop both adapters share: read a page of the global order from the next
 * position, hand each event to the handler (awaiting it), and when a page comes back short
 * wait for a wake-up (a notification from the store) or a poll interval, whichever is first.
 * Because it always reads from "last delivered + 1", every event is delivered once, in order,
 * and a lost notification costs at most one poll interval.
 *
 * A lost database does not end it (issue 16 §3): a read, or a handler, failing with a
 * connection loss (./postgres/connection-loss.ts) is tried again after a growing pause (up to
 * RETRY_MAX_MS), from the same position, until the database is back. So a handler that failed
 * that way is handed the same event again: handlers must tolerate that (the projections' and the
 * log sequencer's do). Any other error still ends the subscription through `onError`.
 */
import type { RecordedEvent, Subscription } from './event-store';
import { isConnectionLoss } from './postgres/connection-loss';

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 2_000;

export interface CatchUpSource {
  readPage(from: number, limit: number): Promise<RecordedEvent[]>;
  /** Resolves when new events may exist, or after `timeoutMs`; `signal` aborts the wait. */
  waitForMore(timeoutMs: number, signal: AbortSignal): Promise<void>;
}

export interface CatchUpOptions {
  pageSize?: number;
  pollIntervalMs?: number;
  /** The adapter's open subscriptions: this one is in it until closed, so the adapter's
   * close() can stop every subscription still running. */
  openSubscriptions?: Set<Subscription>;
}

export function startCatchUpSubscription(
  source: CatchUpSource,
  from: number,
  handler: (event: RecordedEvent) => Promise<void>,
  onError: (err: Error) => void = () => undefined,
  options: CatchUpOptions = {},
): Subscription {
  const pageSize = options.pageSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const stop = new AbortController();
  let next = from;

  const pass = async (): Promise<void> => {
    const page = await source.readPage(next, pageSize);
    for (const event of page) {
      if (stop.signal.aborted) return;
      if (event.position !== next) throw new Error(`ledger subscription expected position ${next}, got ${event.position}`);
      await handler(event);
      next = event.position + 1;
    }
    if (page.length < pageSize && !stop.signal.aborted) await source.waitForMore(pollIntervalMs, stop.signal);
  };

  const run = async (): Promise<void> => {
    let pause = RETRY_FIRST_MS;
    while (!stop.signal.aborted) {
      try {
        await pass();
        pause = RETRY_FIRST_MS;
      } catch (err) {
        if (stop.signal.aborted || !isConnectionLoss(err)) throw err;
        await abortableSleep(pause, stop.signal);
        pause = Math.min(pause * 2, RETRY_MAX_MS);
      }
    }
  };

  const done = run().catch((err: unknown) => {
    if (!stop.signal.aborted) onError(err instanceof Error ? err : new Error(String(err)));
  });

  const subscription: Subscription = {
    async close() {
      options.openSubscriptions?.delete(subscription);
      stop.abort();
      await done;
    },
  };
  options.openSubscriptions?.add(subscription);
  return subscription;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** A wake-up signal: `notify()` releases every current waiter. */
export class WakeUp {
  private waiters = new Set<() => void>();
  /** How many notifications so far: a reader that notes it before reading knows, after, whether
   * something may have been appended meanwhile (then it need not wait). */
  generation = 0;

  notify(): void {
    this.generation++;
    const current = this.waiters;
    this.waiters = new Set();
    for (const wake of current) wake();
  }

  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      signal.addEventListener('abort', finish);
      this.waiters.add(finish);
    });
  }
}
