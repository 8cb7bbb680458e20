/**
 * The ledger's most recent events, as this process appended them or its subscriptions last read
 * them, kept in memory so that the subscriptions of the process need not read them again
 * (postgres-event-store.ts, readPageShared).
 *
 * Why: every subscription of a process (the log sequencer, the projections, the voting
 * projection, the mailer, the monitors) reads every event. They drift apart as their handlers
 * take different times, so sharing only reads that ask for the same page at the same moment
 * still read each event about 5.7 times while ballots were cast (casting-load bench, 900 events
 * appended: about 5,100 rows read by subscriptions), a third of them ballots of about 35 kB that
 * PostgreSQL sends and this process parses again.
 *
 * Safe to share because a recorded event never changes and positions are dense: what is kept for
 * a position is what any later read of that position returns. Subscribers, and the writer an
 * append answered, only read the events they are handed (as with shared page reads). The
 * capacity bounds the memory: the oldest added go first.
 */
import type { RecordedEvent } from './event-store';

export class RecentEvents {
  private readonly byPosition = new Map<number, RecordedEvent>();

  /** `capacity` events at most (0: nothing is kept). */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError('the recent-events capacity is a whole number, 0 or more');
  }

  get size(): number {
    return this.byPosition.size;
  }

  /** Keeps events as read from the ledger (dropping the oldest kept beyond the capacity). */
  add(events: readonly RecordedEvent[]): void {
    if (this.capacity === 0) return;
    for (const event of events) {
      // Re-inserted, so that the eviction order (the Map's insertion order) is the latest read.
      this.byPosition.delete(event.position);
      this.byPosition.set(event.position, event);
    }
    for (const position of this.byPosition.keys()) {
      if (this.byPosition.size <= this.capacity) break;
      this.byPosition.delete(position);
    }
  }

  /** The kept events from `from` on, without a gap, at most `limit`: possibly none. */
  run(from: number, limit: number): RecordedEvent[] {
    const run: RecordedEvent[] = [];
    for (let position = from; run.length < limit; position++) {
      const event = this.byPosition.get(position);
      if (!event) break;
      run.push(event);
    }
    return run;
  }
}
