/**
 * Gives KurrentDB's ledger events the dense global positions the port promises.
 *
 * KurrentDB orders every event in its `$all` log, but an event's place there is a commit
 * position (a byte offset in the transaction file), which has gaps and also counts system
 * events. The sequencer follows `$all` with one catch-up subscription (system events filtered
 * out) and numbers the ledger's own events 0, 1, 2, … in `$all` order. The number is therefore
 * a pure function of the log's content: every adapter instance, and a restart, computes the
 * same numbering, and nothing extra is written to the database.
 *
 * It keeps, per event, its `$all` position and id (≈100 bytes each: ~200 MB for 2 M events).
 * Persisting this map (or KurrentDB's own secondary indexes, once stable) would bound start-up
 * time and memory for very large elections; not done yet.
 */
import { excludeSystemEvents, KurrentDBClient, Position, START, END, BACKWARDS, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { WakeUp } from '../catch-up-subscription';

export interface SequencedEvent {
  position: Position;
  id: string;
}

/** Our own events carry this marker in their metadata; others in the database are not ours. */
export const URNA_MARKER = 'urna';

export function isLedgerEvent(metadata: unknown): boolean {
  return typeof metadata === 'object' && metadata !== null && (metadata as Record<string, unknown>)[URNA_MARKER] === 1;
}

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
const RESUBSCRIBE_AFTER_MS = 1_000;

export class DenseSequencer {
  readonly wakeUp = new WakeUp();
  private readonly entries: SequencedEvent[] = [];
  private readonly ordinalById = new Map<string, number>();
  /** The last `$all` position seen (ours or not): the sequencer is complete up to here. */
  private seen: Position | null = null;
  private subscription: AllStreamSubscription | null = null;
  private stopped = false;
  private lastError: Error | null = null;

  constructor(private readonly client: KurrentDBClient) {}

  start(): void {
    const subscription = this.client.subscribeToAll({
      fromPosition: this.seen ?? START,
      filter: excludeSystemEvents({ checkpointInterval: 1 }),
    });
    this.subscription = subscription;
    subscription.on('data', (resolved) => {
      const event = resolved.event;
      if (!event) return;
      if (isLedgerEvent(event.metadata) && !this.ordinalById.has(event.id)) {
        this.ordinalById.set(event.id, this.entries.length);
        this.entries.push({ position: event.position, id: event.id });
      }
      this.advance(event.position);
    });
    subscription.on('error', (err) => {
      this.lastError = err;
      if (!this.stopped) setTimeout(() => !this.stopped && this.start(), RESUBSCRIBE_AFTER_MS);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.unsubscribe().catch(() => undefined);
  }

  get count(): number {
    return this.entries.length;
  }

  entry(ordinal: number): SequencedEvent | undefined {
    return this.entries[ordinal];
  }

  ordinalOf(id: string): number | undefined {
    return this.ordinalById.get(id);
  }

  /** Waits until every non-system event up to `position` has been numbered. */
  async reach(position: Position, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const signal = new AbortController().signal;
    while (this.seen === null || before(this.seen, position)) {
      if (Date.now() > deadline) {
        throw new Error(`the KurrentDB ledger sequencer has not reached ${position.commit}${this.lastError ? `: ${this.lastError.message}` : ''}`);
      }
      await this.wakeUp.wait(100, signal);
    }
  }

  /** Waits until the sequencer has numbered everything in the database right now. */
  async catchUp(): Promise<void> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: excludeSystemEvents() })) {
      if (resolved.event) await this.reach(resolved.event.position);
    }
  }

  private advance(position: Position): void {
    if (this.seen === null || before(this.seen, position)) this.seen = position;
    this.wakeUp.notify();
  }
}
