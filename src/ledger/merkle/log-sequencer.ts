/**
 * The log's single writer: follows the ledger in global order and appends one leaf per
 * event, in batches. Restart-safe: it always resumes from the log's committed size, and a
 * batch is committed atomically, so after a crash nothing is doubled and nothing skipped.
 */
import type { EventStore, RecordedEvent, Subscription } from '../event-store';
import { leafDataOf } from './leaf-encoding';
import type { MerkleLog } from './merkle-log';
import { LogSequenceError } from './merkle-log-errors';

export interface LogSequencerOptions {
  /** Leaves per append. Default 500. */
  batchSize?: number;
  /** Longest a partial batch waits before it is appended. Default 20 ms. */
  maxDelayMs?: number;
  onError?: (err: Error) => void;
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
    this.failure = undefined;
    this.nextPosition = await this.log.size();
    this.subscription = this.store.subscribeToAll(this.nextPosition, (e) => this.receive(e), (err) => this.fail(err));
  }

  /** Stops following and appends what was already received. */
  async stop(): Promise<void> {
    const sub = this.subscription;
    this.subscription = undefined;
    await sub?.close();
    this.clearTimer();
    await this.flush();
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
      await this.flush(); // back-pressure: the subscription waits while a full batch is written
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
      await this.log.append(batch.map(leafDataOf), batch[0].position);
    });
    this.flushing = run.catch((err) => this.fail(err as Error));
    return run;
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
