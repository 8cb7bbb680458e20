/**
 * A receipt names a signed checkpoint that already includes the ballot. This waits, for any
 * number of casts at once, with one poll of the latest checkpoint per interval, until a
 * checkpoint's size exceeds the ballot's log index. The checkpoint loop signs at its own pace
 * (at most one per CheckpointService interval); this never signs.
 */
import type { CheckpointService, StoredCheckpoint } from '../ledger/checkpoint/checkpoint-service';

interface Waiter {
  index: number;
  resolve: (c: StoredCheckpoint) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class CheckpointTimeoutError extends Error {
  constructor(readonly index: number) {
    super(`no checkpoint covered log index ${index} in time`);
    this.name = 'CheckpointTimeoutError';
  }
}

export class CheckpointWaiter {
  private waiters: Waiter[] = [];
  private polling = false;

  constructor(private readonly checkpoints: CheckpointService, private readonly pollMs = 25) {}

  /** The first checkpoint seen whose size is > index (it therefore includes leaf `index`). */
  waitFor(index: number, timeoutMs: number): Promise<StoredCheckpoint> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        index, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new CheckpointTimeoutError(index));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.length > 0) {
        const latest = await this.checkpoints.latest().catch(() => undefined);
        if (latest) {
          const ready = this.waiters.filter((w) => w.index < latest.size);
          this.waiters = this.waiters.filter((w) => w.index >= latest.size);
          for (const w of ready) {
            clearTimeout(w.timer);
            w.resolve(latest);
          }
        }
        if (this.waiters.length > 0) await new Promise((r) => setTimeout(r, this.pollMs));
      }
    } finally {
      this.polling = false;
    }
  }

  /** Fails every pending wait (shutdown). */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('shutting down'));
    }
    this.waiters = [];
  }
}
