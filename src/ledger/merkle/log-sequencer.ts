/**
 * The log's single writer: follows the ledger in global order and appends one leaf per
 * event, in batches. Restart-safe: it always resumes from the log's committed size, and a
 * batch is committed atomically, so after a crash nothing is doubled and nothing skipped.
 *
 * The same property carries it through a lost database: when an append fails with a connection
 * loss (whether or not it committed is unknown), it does not stop but resynchronises: drops
 * what it held, waits until the log's size can be read again, and follows the ledger afresh
 * from there.
 */
import type { EventStore, RecordedEvent, Subscription } from '../event-store';
import { isConnectionLoss } from '../postgres/connection-loss';
import { deliveredLeafDataOf } from './delivered-leaf-data';
import type { MerkleLog } from './merkle-log';
import { LogSequenceError } from './merkle-log-errors';
import { type EpochSource, isFenced, NotLeaderError } from '../leadership/log-fence';

export interface LogSequencerOptions {
  /** Leaves per append. Default 500. */
  batchSize?: number;
  /** Longest a partial batch waits before it is appended. Default 20 ms. */
  maxDelayMs?: number;
  onError?: (err: Error) => void;
  /** Under a log lease (src/ledger/leadership/): the epoch every append claims; an append while
   * it is undefined (not leading) is not attempted. Without it, appends claim no epoch. */
  epoch?: EpochSource;
}

export class LogSequencer {
  private subscription: Subscription | undefined;
  private pending: RecordedEvent[] = [];
  private nextPosition = 0;
  private flushing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failure: Error | undefined;
  private readonly batchSize: number;
  private readonly maxDelayMs: number;
  /** While resynchronising after a connection loss, events the old subscription still hands
   * over are ignored (the new one delivers them again from the log's size). */
  private ignoreEvents = false;
  private resyncing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly log: MerkleLog,
    private readonly options: LogSequencerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 20;
  }

  /** Starts following the ledger from the log's current size. */
  async start(): Promise<void> {
    if (this.subscription) throw new Error('the log sequencer is already running');
    this.stopped = false;
    this.failure = undefined;
    this.ignoreEvents = false; // a leader that stepped down and leads again starts afresh
    this.pending = [];
    this.nextPosition = await this.log.size();
    this.subscription = this.store.subscribeToAll(this.nextPosition, (e) => this.receive(e), (err) => this.fail(err));
  }

  /** Stops following and appends what was already received. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.resyncing;
    const sub = this.subscription;
    this.subscription = undefined;
    await sub?.close();
    this.clearTimer();
    await this.flush().catch((err) => {
      if (!isFenced(err)) throw err; // stopping because the lease moved on: nothing to report
    });
  }

  /** The first error that stopped the sequencer, if any (for health reporting). */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Resolves once every event received so far is in the log. */
  async drain(): Promise<void> {
    await this.flush();
  }

  private async receive(event: RecordedEvent): Promise<void> {
    if (this.ignoreEvents) return;
    if (this.failure) throw this.failure;
    if (event.position !== this.nextPosition) {
      const err = new LogSequenceError(`ledger delivered position ${event.position}, the log expected ${this.nextPosition}`);
      this.fail(err);
      throw err;
    }
    this.pending.push(event);
    this.nextPosition++;
    if (this.pending.length >= this.batchSize) {
      this.clearTimer();
      // back-pressure: the subscription waits while a full batch is written
      await this.flush().catch((err) => {
        if (!isFenced(err)) throw err;
      });
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(() => undefined);
      }, this.maxDelayMs);
    }
  }

  private flush(): Promise<void> {
    const run = this.flushing.then(async () => {
      if (this.pending.length === 0 || this.failure) return;
      const batch = this.pending;
      this.pending = [];
      // If another writer appended meanwhile, append refuses (the single-sequencer rule was
      // broken) and we stop rather than publish leaves whose index is not their position.
      const epoch = this.options.epoch ? this.options.epoch() : undefined;
      if (this.options.epoch && epoch === undefined) throw new NotLeaderError('log append');
      await this.log.append(batch.map(deliveredLeafDataOf), batch[0].position, epoch);
    });
    this.flushing = run.catch((err) => (isFenced(err) ? this.standBy() : isConnectionLoss(err) ? this.resync() : this.fail(err as Error)));
    return run;
  }

  /**
   * Refused by the lease's fence, or no longer leading: not a fault of the log. Drop what is
   * held and ignore what follows (appending after a dropped batch would leave a gap) until the
   * lease loop stops this sequencer, or starts it again from the log's size when it leads again;
   * the leader meanwhile appends those events.
   */
  private standBy(): void {
    this.ignoreEvents = true;
    this.pending = [];
    this.clearTimer();
  }

  /** After a connection loss: start over from the log's committed size once it can be read. */
  private resync(): void {
    if (this.resyncing || this.stopped) return;
    const old = this.subscription;
    this.subscription = undefined;
    this.ignoreEvents = true;
    this.pending = [];
    this.clearTimer();
    this.resyncing = (async () => {
      await old?.close();
      for (let pause = 200; !this.stopped; pause = Math.min(pause * 2, 2_000)) {
        await new Promise((r) => setTimeout(r, pause));
        try {
          this.nextPosition = await this.log.size();
          this.pending = [];
          this.ignoreEvents = false;
          this.subscription = this.store.subscribeToAll(this.nextPosition, (e) => this.receive(e), (err) => this.fail(err));
          return;
        } catch (err) {
          if (!isConnectionLoss(err)) return this.fail(err as Error);
        }
      }
    })().finally(() => {
      this.resyncing = undefined;
    });
  }

  private fail(err: Error): void {
    if (!this.failure) {
      this.failure = err;
      this.options.onError?.(err);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
