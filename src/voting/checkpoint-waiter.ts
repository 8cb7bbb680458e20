/**
 * A receipt names a signed checkpoint that already includes the ballot and, when the election
 * has witnesses, that a quorum of them cosigned (docs/spec/log.md §8.5). This waits, for any
 * number of casts at once, with one poll per interval: first for the newest quorum-cosigned
 * checkpoint whose size exceeds the ballot's log index; if none comes within `quorumWaitMs`
 * after a checkpoint covers the ballot, it settles for the latest covering checkpoint with what
 * cosignatures it has and status 'waiting' (a witness that is down delays the quorum, never the
 * receipt beyond that). Without witnesses the first covering checkpoint is the answer, as
 * before. This never signs.
 */
import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { WitnessedCheckpoint, WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';

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
  pollMs?: number;
  /** Witnessed view of the checkpoints; without it no cosignature is waited for. */
  witnessed?: WitnessedCheckpoints;
  /** How long to wait for the quorum once a checkpoint covers the ballot. Default 10 s. */
  quorumWaitMs?: number;
}

export class CheckpointWaiter {
  private waiters: Waiter[] = [];
  private polling = false;
  private readonly pollMs: number;

  constructor(private readonly checkpoints: CheckpointService, options: number | CheckpointWaiterOptions = {}) {
    this.options = typeof options === 'number' ? { pollMs: options } : options;
    this.pollMs = this.options.pollMs ?? 25;
  }

  private readonly options: CheckpointWaiterOptions;

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
      if (!this.polling) void this.poll();
    });
  }

  private settle(w: Waiter, c: WitnessedCheckpoint): void {
    clearTimeout(w.timer);
    this.waiters = this.waiters.filter((x) => x !== w);
    w.resolve(c);
  }

  private async pollOnce(): Promise<void> {
    const witnessed = this.options.witnessed;
    if (!witnessed || witnessed.policy.quorum === 0) {
      const latest = await this.checkpoints.latest().catch(() => undefined);
      if (!latest) return;
      const plain: WitnessedCheckpoint = { ...latest, cosignedNote: latest.note, witnessing: { quorum: 0, cosigners: [], status: 'cosigned' } };
      for (const w of this.waiters.filter((x) => x.index < latest.size)) this.settle(w, plain);
      return;
    }
    const lowest = Math.min(...this.waiters.map((w) => w.index));
    const cosigned = await witnessed.latestCosignedAbove(lowest).catch(() => undefined);
    if (cosigned) for (const w of this.waiters.filter((x) => x.index < cosigned.size)) this.settle(w, cosigned);
    if (this.waiters.length === 0) return;
    const latest = await witnessed.latest().catch(() => undefined);
    if (!latest) return;
    const now = Date.now();
    for (const w of this.waiters.filter((x) => x.index < latest.size)) {
      w.coveredAt ??= now;
      if (now - w.coveredAt >= (this.options.quorumWaitMs ?? 10_000)) this.settle(w, latest);
    }
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.length > 0) {
        await this.pollOnce();
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
