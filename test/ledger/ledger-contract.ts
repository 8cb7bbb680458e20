/**
 * The ledger contract: what every EventStore adapter must do. Each adapter's spec calls
 * `ledgerContract` with a factory; the same assertions run against PostgreSQL and KurrentDB.
 *
 * Tests share one store per adapter, so they use fresh stream names and measure the global
 * order relative to the head they start from.
 */
import { randomUUID } from 'node:crypto';
import {
  EventStore,
  EventTooLargeError,
  InvalidEventError,
  MAX_EVENT_BYTES,
  RecordedEvent,
  UnknownEventTypeError,
  WrongExpectedRevisionError,
} from '../../src/ledger/event-store';
import { secret, thing } from './ledger-contract-events';

export interface LedgerUnderTest {
  store: EventStore;
  dispose(): Promise<void>;
}

const fresh = (prefix: string) => `${prefix}-${randomUUID()}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

export function ledgerContract(adapter: string, open: () => Promise<LedgerUnderTest>): void {
  describe(`ledger contract: ${adapter}`, () => {
    let ledger: LedgerUnderTest;
    let store: EventStore;

    beforeAll(async () => {
      ledger = await open();
      store = ledger.store;
    });
    afterAll(async () => {
      await ledger?.dispose();
    });

    describe('append and read a stream', () => {
      it('records a batch with consecutive revisions and positions and reads it back unchanged', async () => {
        const stream = fresh('election');
        const events = [thing(1, { id: randomUUID() }), thing(2), thing(3, { version: 2 })];
        const head0 = await store.head();
        const result = await store.append(stream, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.positions).toEqual(range(head0, 3));
        expect(await store.head()).toBe(head0 + 3);

        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.position)).toEqual(result.positions);
        expect(read.map((e) => e.stream)).toEqual([stream, stream, stream]);
        expect(read[0].id).toBe(events[0].id);
        expect(new Set(read.map((e) => e.id)).size).toBe(3);
        read.forEach((e, i) => {
          expect(e.type).toBe(events[i].type);
          expect(e.version).toBe(events[i].version);
          expect(e.visibility).toBe('public');
          expect(e.data).toEqual(events[i].data);
          // byte-for-byte: key order survives, so hashes over the stored JSON are reproducible
          expect(JSON.stringify(e.data)).toBe(JSON.stringify(events[i].data));
          expect(e.metadata).toMatchObject({ actor: 'test:contract', correlationId: 'corr-1' });
        });
      });

      it('reads a stream from a revision with a limit, and an unknown stream as empty', async () => {
        const stream = fresh('roll');
        await store.append(stream, range(0, 6).map((n) => thing(n)), 'no_stream');
        const part = await store.readStream(stream, { from: 2, limit: 3 });
        expect(part.map((e) => e.revision)).toEqual([2, 3, 4]);
        expect(part.map((e) => (e.data as { n: number }).n)).toEqual([2, 3, 4]);
        expect(await store.readStream(fresh('nobody'))).toEqual([]);
      });

      it('stamps recordedAt (ISO 8601, UTC) at append time', async () => {
        const stream = fresh('clock');
        const before = Date.now();
        await store.append(stream, [thing(1), thing(2)], 'no_stream');
        const after = Date.now();
        const [a, b] = await store.readStream(stream);
        for (const e of [a, b]) {
          expect(e.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
          const t = Date.parse(e.metadata.recordedAt);
          expect(t).toBeGreaterThanOrEqual(before - 2_000);
          expect(t).toBeLessThanOrEqual(after + 2_000);
        }
        expect(Date.parse(b.metadata.recordedAt)).toBeGreaterThanOrEqual(Date.parse(a.metadata.recordedAt));
      });
    });

    describe('what an append answers', () => {
      it('answers the appended events exactly as a read returns them, public and sealed', async () => {
        const stream = fresh('answer');
        await store.append(stream, [thing(0)], 'no_stream');
        const result = await store.append(stream, [secret(1), thing(2, { id: randomUUID(), version: 2 }), secret(3)], 0);
        const read = await store.readStream(stream, { from: 1 });
        expect(result.recorded).toEqual(read);
        expect(result.recorded.map((e) => JSON.stringify(e.data))).toEqual(read.map((e) => JSON.stringify(e.data)));
        expect(result.recorded.map((e) => e.position)).toEqual(result.positions);
        expect(result.recorded.map((e) => e.revision)).toEqual([1, 2, 3]);
        expect(result.recorded[0].salt).toMatch(/^[0-9a-f]{64}$/);
        expect('salt' in result.recorded[1]).toBe(false);
      });

      it('answers each of many concurrent appends with its own events', async () => {
        const streams = range(0, 20).map(() => fresh('answer-many'));
        const results = await Promise.all(streams.map((stream, n) => store.append(stream, [thing(n), secret(n)], 'no_stream')));
        for (const [n, stream] of streams.entries()) {
          expect(results[n].recorded).toEqual(await store.readStream(stream));
          expect(results[n].recorded.map((e) => (e.data as { n?: number; voter?: string }).n ?? e.data)).toEqual([n, { voter: `voter-${n}` }]);
        }
      });

      it('answers a retried append with the events recorded the first time, not the retry\'s content', async () => {
        const stream = fresh('answer-retry');
        const ids = [randomUUID(), randomUUID()];
        const first = await store.append(stream, [thing(1, { id: ids[0] }), thing(2, { id: ids[1] })], 'no_stream');
        const again = await store.append(stream, [thing(7, { id: ids[0] }), thing(8, { id: ids[1] })], 'no_stream');
        expect(again.recorded).toEqual(first.recorded);
        expect(again.recorded.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
      });
    });

    describe('expected revision', () => {
      it('accepts the right revision and each special state where it holds', async () => {
        const stream = fresh('ballot');
        await expect(store.append(stream, [thing(0)], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
        await expect(store.append(stream, [thing(1)], 0)).resolves.toMatchObject({ nextExpectedRevision: 1 });
        await expect(store.append(stream, [thing(2)], 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 2 });
        await expect(store.append(stream, [thing(3)], 'any')).resolves.toMatchObject({ nextExpectedRevision: 3 });
        await expect(store.append(fresh('any-new'), [thing(0)], 'any')).resolves.toMatchObject({ nextExpectedRevision: 0 });
      });

      it('rejects a stale revision with a clear error and appends nothing', async () => {
        const stream = fresh('tally');
        await store.append(stream, [thing(0), thing(1)], 'no_stream');
        const head0 = await store.head();
        const err = await rejection(store.append(stream, [thing(2)], 0));
        expect(err).toBeInstanceOf(WrongExpectedRevisionError);
        expect(err).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', stream, expected: 0, actual: 1 });
        expect((err as Error).message).toContain(stream);
        expect((err as Error).message).toMatch(/expected revision 0.*at 1/);
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await store.head()).toBe(head0);
      });

      it('rejects no_stream on an existing stream and stream_exists or a revision on a missing one', async () => {
        const existing = fresh('opened');
        await store.append(existing, [thing(0)], 'no_stream');
        await expect(store.append(existing, [thing(1)], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0 });

        const missing = fresh('missing');
        await expect(store.append(missing, [thing(0)], 'stream_exists')).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_REVISION',
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        await expect(store.append(missing, [thing(0)], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(missing)).toEqual([]);
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
        const stream = fresh('race');
        await store.append(stream, [thing(0)], 'no_stream');
        const outcomes = await Promise.allSettled(range(1, 20).map((n) => store.append(stream, [thing(n)], 0)));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('serialises 20 concurrent "any" appends to one stream without losing any', async () => {
        const stream = fresh('any-race');
        const results = await Promise.all(range(0, 20).map((n) => store.append(stream, [thing(n)], 'any')));
        expect(results.map((r) => r.nextExpectedRevision).sort((a, b) => a - b)).toEqual(range(0, 20));
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual(range(0, 20));
      });
    });

    describe('global order', () => {
      it('keeps positions dense and gapless under concurrent appends to many streams', async () => {
        const head0 = await store.head();
        const streams = range(0, 8).map(() => fresh('many'));
        const appends = streams.flatMap((stream) => range(0, 10).map((i) => ({ stream, count: 1 + (i % 3) })));
        const results = await Promise.all(appends.map(({ stream, count }) => store.append(stream, range(0, count).map((n) => thing(n)), 'any')));
        const total = appends.reduce((sum, a) => sum + a.count, 0);
        expect(await store.head()).toBe(head0 + total);

        const all = await store.readAll({ from: head0 });
        expect(all.map((e) => e.position)).toEqual(range(head0, total));
        expect(results.flatMap((r) => r.positions).sort((a, b) => a - b)).toEqual(range(head0, total));
        for (const r of results) expect(r.positions).toEqual(range(r.positions[0], r.positions.length));
        for (const stream of streams) {
          const mine = all.filter((e) => e.stream === stream);
          expect(mine.map((e) => e.revision)).toEqual(range(0, mine.length));
        }
      });

      it('pages through readAll with from and limit', async () => {
        const head0 = await store.head();
        await store.append(fresh('page'), range(0, 23).map((n) => thing(n)), 'no_stream');
        const whole = await store.readAll({ from: head0 });
        expect(whole).toHaveLength(23);
        const pages: RecordedEvent[] = [];
        for (let from = head0; ; ) {
          const page = await store.readAll({ from, limit: 7 });
          expect(page.length).toBeLessThanOrEqual(7);
          if (page.length === 0) break;
          pages.push(...page);
          from = page[page.length - 1].position + 1;
        }
        expect(pages).toEqual(whole);
        expect(await store.readAll({ from: await store.head() })).toEqual([]);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, goes live, and delivers every event once, in order, one at a time', async () => {
        const start = await store.head();
        const early = fresh('early');
        for (let i = 0; i < 5; i++) await store.append(early, range(0, 5).map((n) => thing(n)), 'any');

        const received: RecordedEvent[] = [];
        const errors: Error[] = [];
        let inFlight = 0;
        let maxInFlight = 0;
        const subscription = store.subscribeToAll(
          start,
          async (event) => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((r) => setTimeout(r, 1));
            received.push(event);
            inFlight--;
          },
          (err) => errors.push(err),
        );
        try {
          const live = range(0, 3).map(() => fresh('live'));
          await Promise.all(live.map(async (stream) => {
            for (let i = 0; i < 10; i++) await store.append(stream, [thing(i)], 'any');
          }));
          const expected = 25 + 30;
          await waitFor(`${expected} events`, () => received.length >= expected || errors.length > 0);
          expect(errors).toEqual([]);
          expect(received.map((e) => e.position)).toEqual(range(start, expected));
          expect(new Set(received.map((e) => e.id)).size).toBe(expected);
          expect(maxInFlight).toBe(1);
          const all = await store.readAll({ from: start, limit: expected });
          expect(received).toEqual(all);
        } finally {
          await subscription.close();
        }
        const countAtClose = received.length;
        await store.append(fresh('after-close'), [thing(0)], 'no_stream');
        await new Promise((r) => setTimeout(r, 1_000));
        expect(received).toHaveLength(countAtClose);
      });

      it('starts from the given position', async () => {
        const stream = fresh('from');
        const { positions } = await store.append(stream, range(0, 10).map((n) => thing(n)), 'no_stream');
        const received: number[] = [];
        const subscription = store.subscribeToAll(positions[6], async (e) => {
          received.push(e.position);
        });
        try {
          await waitFor('4 events', () => received.length >= 4);
          await store.append(stream, [thing(10)], 9);
          await waitFor('5 events', () => received.length >= 5);
          expect(received).toEqual(range(positions[6], 5));
        } finally {
          await subscription.close();
        }
      });

      it('stops and reports when the handler fails', async () => {
        const { positions } = await store.append(fresh('fail'), range(0, 5).map((n) => thing(n)), 'no_stream');
        const seen: number[] = [];
        const errors: Error[] = [];
        const subscription = store.subscribeToAll(
          positions[0],
          async (e) => {
            seen.push(e.position);
            if (seen.length === 3) throw new Error('projection broke');
          },
          (err) => errors.push(err),
        );
        await waitFor('the error', () => errors.length > 0);
        await subscription.close();
        expect(errors[0].message).toBe('projection broke');
        expect(seen).toEqual(positions.slice(0, 3));
      });
    });

    describe('bad input changes nothing', () => {
      it('rejects an oversized event, even beside valid ones', async () => {
        const stream = fresh('big');
        const head0 = await store.head();
        const huge = thing(1, { data: { blob: 'x'.repeat(MAX_EVENT_BYTES) } });
        const err = await rejection(store.append(stream, [thing(0), huge], 'no_stream'));
        expect(err).toBeInstanceOf(EventTooLargeError);
        expect(err).toMatchObject({ code: 'EVENT_TOO_LARGE' });
        expect((err as EventTooLargeError).size).toBeGreaterThan(MAX_EVENT_BYTES);
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.head()).toBe(head0);
        // just under the limit is fine
        const fits = thing(2, { data: { blob: 'x'.repeat(MAX_EVENT_BYTES - 200) } });
        await expect(store.append(stream, [fits], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
      });

      it('rejects unknown event types and versions', async () => {
        const stream = fresh('unknown');
        const head0 = await store.head();
        await expect(store.append(stream, [thing(0), thing(1, { type: 'contract.never-heard-of' })], 'any')).rejects.toBeInstanceOf(UnknownEventTypeError);
        await expect(store.append(stream, [thing(0, { version: 3 })], 'any')).rejects.toMatchObject({ code: 'UNKNOWN_EVENT_TYPE' });
        expect(await store.head()).toBe(head0);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('rejects invalid streams, batches, events and expected revisions', async () => {
        const head0 = await store.head();
        const stream = fresh('invalid');
        const circular: Record<string, unknown> = { a: 1 };
        circular.self = circular;
        const id = randomUUID();
        const bad: Array<[string, () => Promise<unknown>]> = [
          ['empty stream name', () => store.append('', [thing(0)], 'any')],
          ['system stream name', () => store.append('$all', [thing(0)], 'any')],
          ['stream name with a space', () => store.append('a b', [thing(0)], 'any')],
          ['stream name too long', () => store.append('s'.repeat(201), [thing(0)], 'any')],
          ['empty batch', () => store.append(stream, [], 'any')],
          ['undefined inside data', () => store.append(stream, [thing(0, { data: { a: undefined } })], 'any')],
          ['bigint data', () => store.append(stream, [thing(0, { data: { a: 1n } })], 'any')],
          ['NaN data', () => store.append(stream, [thing(0, { data: { a: NaN } })], 'any')],
          ['Date data', () => store.append(stream, [thing(0, { data: { at: new Date() } })], 'any')],
          ['function data', () => store.append(stream, [thing(0, { data: () => 1 })], 'any')],
          ['circular data', () => store.append(stream, [thing(0, { data: circular })], 'any')],
          ['lone surrogate', () => store.append(stream, [thing(0, { data: { s: '\ud800' } })], 'any')],
          ['bad visibility', () => store.append(stream, [thing(0, { visibility: 'secret' as never })], 'any')],
          ['no actor', () => store.append(stream, [thing(0, { metadata: { actor: '' } })], 'any')],
          ['recordedAt from the writer', () => store.append(stream, [thing(0, { metadata: { actor: 'a', recordedAt: 'x' } as never })], 'any')],
          ['id not a UUID', () => store.append(stream, [thing(0, { id: 'ballot-1' })], 'any')],
          ['same id twice in a batch', () => store.append(stream, [thing(0, { id }), thing(1, { id })], 'any')],
          ['version 0', () => store.append(stream, [thing(0, { version: 0 })], 'any')],
          ['negative expected revision', () => store.append(stream, [thing(0)], -1 as never)],
          ['fractional expected revision', () => store.append(stream, [thing(0)], 1.5 as never)],
        ];
        for (const [what, attempt] of bad) {
          const err = await rejection(attempt());
          if (!(err instanceof InvalidEventError)) throw new Error(`${what}: expected InvalidEventError, got ${String(err)}`);
          expect(err.code).toBe('INVALID_EVENT');
        }
        expect(await store.head()).toBe(head0);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('idempotency', () => {
      it('treats a retried append with the same event ids as already done', async () => {
        const stream = fresh('retry');
        const batch = [thing(0, { id: randomUUID() }), thing(1, { id: randomUUID() })];
        const first = await store.append(stream, batch, 'no_stream');
        const head1 = await store.head();
        const again = await store.append(stream, batch, 'no_stream');
        expect(again).toEqual(first);
        expect(await store.head()).toBe(head1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('sealed events', () => {
      it('get a fresh 32-byte salt each; public events get none', async () => {
        const stream = fresh('voter');
        const { positions } = await store.append(stream, [secret(1), thing(2), secret(3)], 'no_stream');
        const read = await store.readStream(stream);
        const [a, p, b] = read;
        expect(a.visibility).toBe('sealed');
        expect(a.salt).toMatch(/^[0-9a-f]{64}$/);
        expect(b.salt).toMatch(/^[0-9a-f]{64}$/);
        expect(a.salt).not.toBe(b.salt);
        expect(p.visibility).toBe('public');
        expect(p.salt).toBeUndefined();
        expect('salt' in p).toBe(false);
        expect(await store.readAll({ from: positions[0], limit: 3 })).toEqual(read);
      });
    });
  });
}
