/**
 * The events a projection's live subscription hands over one at a time, applied in batches:
 * while one transaction runs, the events that arrive queue up, and the next transaction applies
 * all of them with one position update.
 *
 * Why: applied one per transaction, every event cost each projection a BEGIN, a locked read of
 * its position, the rows, the position write and a COMMIT, whatever the event. During casting
 * that was more than half of all PostgreSQL transactions (five projections, about eleven events
 * per voter; measured with pg_stat_database in a simulacro). A batch keeps the runner's rule
 * (rows and position move together, ProjectionRunner.applyBatch) at a fraction of the cost.
 *
 * Once handed over, an event is this object's to apply: the subscription has moved past it. So
 * a batch lost with the database connection is tried again here, after a growing pause, until
 * it is applied or the batches are closed (the stored position says where a restart resumes).
 * Any other failure ends the projection: reported once through `fail`, and every later event
 * refused with AlreadyReported, which the runner does not report again.
 */
import type { RecordedEvent } from '../ledger/event-store';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';

/** A batch failed earlier and was reported then; the subscription should end quietly. */
export class AlreadyReported extends Error {
  constructor(readonly earlier: Error) {
    super(`projection stopped earlier: ${earlier.message}`);
    this.name = 'AlreadyReported';
  }
}

export interface LiveBatchesOptions {
  /** Events queued before `push` waits for the running batch (memory stays bounded). Default 2,000. */
  maxQueued?: number;
  /** First and longest pause before a batch lost with the connection is tried again. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** How long the events that arrive are gathered before each transaction. Default 0 (apply at
   * once); ProjectionRunner gathers for 50 ms. */
  gatherMs?: number;
}

export class LiveBatches {
  private queue: RecordedEvent[] = [];
  private draining: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private readonly maxQueued: number;
  /** Ends the current gathering early (closing applies what is queued at once). */
  private stopGathering: (() => void) | undefined;

  constructor(
    private readonly apply: (events: RecordedEvent[]) => Promise<void>,
    private readonly fail: (err: Error) => void,
    private readonly options: LiveBatchesOptions = {},
  ) {
    this.maxQueued = options.maxQueued ?? 2_000;
  }

  /** Queues one event (in the ledger's order); waits only when the queue is full. */
  async push(event: RecordedEvent): Promise<void> {
    if (this.failure) throw new AlreadyReported(this.failure);
    this.queue.push(event);
    this.draining ??= this.drain();
    if (this.queue.length >= this.maxQueued) {
      this.stopGathering?.();
      await this.draining;
    }
  }

  /** Stops retrying and resolves once no batch runs (queued events are applied first unless the database is gone). */
  async close(): Promise<void> {
    this.closed = true;
    this.stopGathering?.();
    await this.draining;
  }

  /**
   * Why gather: a projection that applied whatever had queued as soon as the last transaction
   * ended ran back-to-back transactions of one or two events while ballots were cast (its
   * transactions got faster, so it only made more of them: 16,449 for 11,196 events in a
   * simulacro, five projections). Gathering bounds a projection to 1,000/gatherMs transactions
   * a second whatever the load; a read model is then up to gatherMs later, which no reader sees.
   */
  private gather(): Promise<void> {
    const ms = this.options.gatherMs ?? 0;
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopGathering = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopGathering = done;
    });
  }

  private async drain(): Promise<void> {
    let pause = this.options.retryFirstMs ?? 200;
    try {
      while (this.queue.length > 0 && !this.failure) {
        if (this.queue.length < this.maxQueued) await this.gather();
        const batch = this.queue;
        this.queue = [];
        try {
          await this.apply(batch);
          pause = this.options.retryFirstMs ?? 200;
        } catch (err) {
          if (isConnectionLoss(err) && !this.closed) {
            this.queue = batch.concat(this.queue);
            await new Promise((r) => setTimeout(r, pause));
            pause = Math.min(pause * 2, this.options.retryMaxMs ?? 2_000);
            continue;
          }
          if (isConnectionLoss(err)) return; // closing with the database away: a restart resumes from the stored position
          this.failure = err instanceof Error ? err : new Error(String(err));
          this.queue = [];
          this.fail(this.failure);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
