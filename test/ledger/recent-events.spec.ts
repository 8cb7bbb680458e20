/**
 * RecentEvents (src/ledger/recent-events.ts): what a subscription may be handed instead of a
 * read is exactly the run of kept events from its position, without a gap, never more than it
 * asked for, and the memory stays within the capacity whatever order events are added in.
 */
import fc from 'fast-check';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { RecentEvents } from '../../src/ledger/recent-events';

const event = (position: number): RecordedEvent => ({
  id: `id-${position}`, stream: 's', revision: position, position, type: 'Thing', version: 1, data: { position },
  metadata: { actor: 'test', recordedAt: '2026-12-04T00:00:00.000Z' }, visibility: 'public',
});
const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i));

describe('RecentEvents', () => {
  it('hands back the run from a position, stopping at the first gap and at the limit', () => {
    const recent = new RecentEvents(100);
    recent.add(events(0, 5));
    recent.add(events(7, 3));
    expect(recent.run(0, 100).map((e) => e.position)).toEqual([0, 1, 2, 3, 4]);
    expect(recent.run(2, 2).map((e) => e.position)).toEqual([2, 3]);
    expect(recent.run(5, 10)).toEqual([]);
    expect(recent.run(7, 10).map((e) => e.position)).toEqual([7, 8, 9]);
    expect(recent.run(10, 10)).toEqual([]);
  });

  it('drops the oldest added beyond the capacity, and keeps nothing at capacity 0', () => {
    const recent = new RecentEvents(4);
    recent.add(events(0, 6));
    expect(recent.size).toBe(4);
    expect(recent.run(0, 10)).toEqual([]);
    expect(recent.run(2, 10).map((e) => e.position)).toEqual([2, 3, 4, 5]);
    const none = new RecentEvents(0);
    none.add(events(0, 3));
    expect(none.size).toBe(0);
    expect(none.run(0, 3)).toEqual([]);
    expect(() => new RecentEvents(-1)).toThrow(RangeError);
    expect(() => new RecentEvents(1.5)).toThrow(RangeError);
  });

  it('a position read again counts as the latest: it is not the next one dropped', () => {
    const recent = new RecentEvents(3);
    recent.add(events(0, 3));
    recent.add([event(0)]);
    recent.add([event(3)]);
    expect(recent.run(0, 1).map((e) => e.position)).toEqual([0]);
    expect(recent.run(1, 5)).toEqual([]);
    expect(recent.run(2, 5).map((e) => e.position)).toEqual([2, 3]);
  });

  it('any pages added in any order: never more than the capacity, and every run is gap-free, from its position and within its limit', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 20 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 15 })), { maxLength: 20 }),
      fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 30 }),
      (capacity, pages, from, limit) => {
        const recent = new RecentEvents(capacity);
        for (const [start, count] of pages) recent.add(events(start, count));
        expect(recent.size).toBeLessThanOrEqual(capacity);
        const run = recent.run(from, limit);
        expect(run.length).toBeLessThanOrEqual(limit);
        run.forEach((e, i) => expect(e.position).toBe(from + i));
      },
    ));
  });
});
