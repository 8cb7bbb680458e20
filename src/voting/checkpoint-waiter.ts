/**
 * A receipt names a signed checkpoint that already includes the ballot and, when the election
 * has witnesses, that a quorum of them cosigned (docs/spec/log.md §8.5). This waits, for any
 * number of casts at once: first for the newest quorum-cosigned checkpoint whose size exceeds
 * the ballot's log index; if none comes within `quorumWaitMs` after a checkpoint covers the
 * ballot, it settles for the latest covering checkpoint with what cosignatures it has and status
 * 'waiting' (a witness that is down delays the quorum, never the receipt beyond that). Without
 * witnesses the first covering checkpoint is the answer.
 *
 * It never signs, but it tells the checkpoint loop that a receipt waits (CheckpointService.want:
 * the loop signs as soon as the log holds the leaf, log.md §4.2), and it is woken the moment
 * this process signs a checkpoint or stores a cosignature. Without witnesses a checkpoint just
 * signed here settles its waiters with no query at all. A look at the database is one query
 * (WitnessedCheckpoints.forWaiters), made on each wake and every `pollMs` as a fallback: another
 * instance may be the one that signs (the log lease, log.md §10).
 */
import type { CheckpointService, StoredCheckpoint } from '../ledger/checkpoint/checkpoint-service';
import { type WitnessedCheckpoint, WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';

interface Waiter {
  index: number;
  resolve: (c: WitnessedCheckpoint) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  /** When a checkpoint was first seen covering it (ms), for the quorum wait. */
  coveredAt?: number;
}

export class CheckpointTimeoutError extends Error {
  constructor(readonly index: number) {
    super(`no checkpoint covered log index ${index} in time`);
    this.name = 'CheckpointTimeoutError';
  }
}

export interface CheckpointWaiterOptions {
  /** The fallback look when nothing wakes the waiter (another instance signs). Default 100 ms. */
  pollMs?: number;
  /** Witnessed view of the checkpoints; without it no cosignature is waited for. */
  witnessed?: WitnessedCheckpoints;
  /** How long to wait for the quorum once a checkpoint covers the ballot. Default 10 s. */
  quorumWaitMs?: number;
}

export class CheckpointWaiter {
  private waiters: Waiter[] = [];
  private polling = false;
  /** Set while the poll loop sleeps: ends the sleep early. */
  private wake: (() => void) | undefined;
  /** A wake that came while the loop was querying: look once more before sleeping. */
  private wokenDuringLook = false;
  private readonly pollMs: number;
  private readonly witnessed: WitnessedCheckpoints;
  private readonly options: CheckpointWaiterOptions;
  private unsubscribe: (() => void) | undefined;
  /** Looks at the database so far (for tests: a wait costs few queries). */
  looks = 0;

  constructor(private readonly checkpoints: CheckpointService, options: number | CheckpointWaiterOptions = {}) {
    this.options = typeof options === 'number' ? { pollMs: options } : options;
    this.pollMs = this.options.pollMs ?? 100;
    this.witnessed = this.options.witnessed ?? new WitnessedCheckpoints(checkpoints, undefined, { quorum: 0, witnesses: [] });
  }

  /** A checkpoint whose size is > index (it therefore includes leaf `index`), cosigned by the quorum when possible. */
  waitFor(index: number, timeoutMs: number): Promise<WitnessedCheckpoint> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        index, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new CheckpointTimeoutError(index));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      this.unsubscribe ??= this.witnessed.onChange((signed) => this.changed(signed));
      this.checkpoints.want(index);
      if (!this.polling) void this.poll();
    });
  }

  /** This process signed a checkpoint (`signed`) or stored cosignatures. */
  private changed(signed: StoredCheckpoint | undefined): void {
    if (signed && this.witnessed.policy.quorum === 0) {
      const plain = this.witnessed.freshlySigned(signed);
      for (const w of this.waiters.filter((x) => x.index < signed.size)) this.settle(w, plain);
      if (this.waiters.length > 0) return;
    }
    // Look again (or, with nobody left waiting, let the loop end instead of sleeping on).
    if (this.wake) this.wake();
    else this.wokenDuringLook = true;
  }

  private settle(w: Waiter, c: WitnessedCheckpoint): void {
    clearTimeout(w.timer);
    this.waiters = this.waiters.filter((x) => x !== w);
    w.resolve(c);
  }

  private async look(): Promise<void> {
    if (this.waiters.length === 0) return;
    this.looks++;
    const lowest = Math.min(...this.waiters.map((w) => w.index));
    const { latest, cosigned } = await this.witnessed.forWaiters(lowest).catch(() => ({ latest: undefined, cosigned: undefined }));
    if (cosigned) for (const w of this.waiters.filter((x) => x.index < cosigned.size)) this.settle(w, cosigned);
    if (!latest) return;
    const now = Date.now();
    for (const w of this.waiters.filter((x) => x.index < latest.size)) {
      w.coveredAt ??= now;
      if (now - w.coveredAt >= (this.options.quorumWaitMs ?? 10_000)) this.settle(w, latest);
    }
    // A receipt whose leaf the latest checkpoint lacks: the signing loop may have missed it (restarted).
    for (const w of this.waiters) if (w.index >= latest.size) this.checkpoints.want(w.index);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.length > 0) {
        this.wokenDuringLook = false;
        await this.look();
        if (this.waiters.length === 0 || this.wokenDuringLook) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, this.pollMs);
          const wake = () => done();
          this.wake = wake;
          function done() {
            clearTimeout(timer);
            resolve();
          }
        });
        this.wake = undefined;
      }
    } finally {
      this.polling = false;
      this.wake = undefined;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  /** Fails every pending wait (shutdown). */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('shutting down'));
    }
    this.waiters = [];
    this.wake?.();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
