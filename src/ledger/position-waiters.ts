/**
 * Callers waiting until a follower of the ledger (a subscription's handler) has been handed
 * every event below a position: the follower reports how far it got with `reached`, and a
 * waiter is released once that reaches its position, or after its timeout, or when the
 * follower gives up (`failAll`). Shared by the voting projection and the spoiled-ballot set.
 */
interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PositionWaiters {
  private waiters: Waiter[] = [];

  /** True once `reached` passes `position`; false after `timeoutMs`; rejected by `failAll`. */
  wait(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const waiter: Waiter = {
        position, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Every event below `next` was handed to the follower. */
  reached(next: number): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= next);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > next);
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve(true);
    }
  }

  /** The follower stopped: every waiter is rejected with `err` now. */
  failAll(err: Error): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}
