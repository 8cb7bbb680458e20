/**
 * Issue 15 §9 and §11, past the old limits: the auditors' page lists every log slice however
 * long the log (it once stopped at the first 10,000 entries), each slice within what one
 * /log/entries read serves; and the board's live stream refuses a new watcher with 503 once
 * MAX_WATCHERS streams are open, counting a stream only while it is subscribed.
 */
import { HttpException } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import { Subject } from 'rxjs';
import { SLICE, sliceRanges } from '../../bulletin-board-web/src/downloads-view';
import { MAX_ENTRIES_PER_READ } from '../../src/ledger/merkle/merkle-log';
import { BoardEventsController, MAX_WATCHERS } from '../../src/projections/board-events.controller';
import type { BoardNotices } from '../../src/projections/board-notices';
import type { BoardQueries } from '../../src/projections/board-queries';

describe('every log slice, past 10,000 entries', () => {
  it('covers [0, size) without gap or overlap, the last slice short, for sizes around and far beyond 10,000', () => {
    for (const size of [0, 1, SLICE, 9_999, 10_000, 10_001, 25_500, 1_000_001]) {
      const ranges = sliceRanges(size);
      expect(ranges.length).toBe(Math.ceil(size / SLICE));
      let next = 0;
      for (const r of ranges) {
        expect(r.start).toBe(next);
        expect(r.end - r.start).toBeGreaterThan(0);
        expect(r.end - r.start).toBeLessThanOrEqual(Math.min(SLICE, MAX_ENTRIES_PER_READ));
        next = r.end;
      }
      expect(next).toBe(size);
    }
    expect(sliceRanges(10_001).at(-1)).toEqual({ start: 10_000, end: 10_001 });
  });
});

describe('the live stream\'s cap on watchers', () => {
  const queries = { execute: async () => 'e1' } as unknown as QueryBus;
  const board = { electionExists: async (id: string) => id === 'e1' } as unknown as BoardQueries;
  const notices = { watch: () => new Subject() } as unknown as BoardNotices;

  it(`serves up to ${MAX_WATCHERS} open streams, refuses the next with 503, and takes one again once a stream closes`, async () => {
    const controller = new BoardEventsController(queries, board, notices);
    const subscriptions = [];
    // Counted only while subscribed: an Observable never subscribed takes no place.
    await controller.events(undefined);
    expect(controller.openStreams).toBe(0);
    for (let i = 0; i < MAX_WATCHERS; i++) subscriptions.push((await controller.events(undefined)).subscribe());
    expect(controller.openStreams).toBe(MAX_WATCHERS);
    const refused = await controller.events(undefined).then(() => undefined, (err: unknown) => err);
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(503);
    expect((refused as HttpException).getResponse()).toMatchObject({ error: 'busy' });
    subscriptions.pop()!.unsubscribe();
    expect(controller.openStreams).toBe(MAX_WATCHERS - 1);
    subscriptions.push((await controller.events(undefined)).subscribe());
    expect(controller.openStreams).toBe(MAX_WATCHERS);
    for (const s of subscriptions) s.unsubscribe();
    expect(controller.openStreams).toBe(0);
  });

  it('an unknown election gets a 404 before any stream starts', async () => {
    const controller = new BoardEventsController(queries, board, notices);
    const err = await controller.events('nope').then(() => undefined, (e: unknown) => e);
    expect((err as HttpException).getStatus()).toBe(404);
    expect(controller.openStreams).toBe(0);
  });
});
