/**
 * A projection's live events applied in batches (src/projections/live-batches.ts): in order,
 * each exactly once, what queued during one transaction in the next; a batch lost with the
 * connection tried again; any other failure reported once and the projection stopped.
 */
import type { RecordedEvent } from '../../src/ledger/event-store';
import { AlreadyReported, LiveBatches } from '../../src/projections/live-batches';

const event = (position: number) => ({ position, type: 'Thing', stream: 's', data: {} }) as unknown as RecordedEvent;
const connectionLost = () => Object.assign(new Error('Connection terminated unexpectedly'), {});

/** An apply whose transactions finish only when the test lets them. */
function heldApply() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const apply = (events: RecordedEvent[]) => {
    batches.push(events.map((e) => e.position));
    return new Promise<void>((r) => releases.push(r));
  };
  return { batches, apply, releaseNext: async () => { releases.shift()?.(); await new Promise((r) => setImmediate(r)); } };
}

describe('live batches of a projection', () => {
  it('applies what queued during a transaction in the next one, in order, each event once', async () => {
    const held = heldApply();
    const live = new LiveBatches(held.apply, () => { throw new Error('no failure expected'); });
    await live.push(event(0));
    for (let p = 1; p <= 5; p++) await live.push(event(p));
    expect(held.batches).toEqual([[0]]);
    await held.releaseNext();
    expect(held.batches).toEqual([[0], [1, 2, 3, 4, 5]]);
    await live.push(event(6));
    await held.releaseNext();
    await held.releaseNext();
    expect(held.batches).toEqual([[0], [1, 2, 3, 4, 5], [6]]);
    await live.close();
  });

  it('gathering: events that arrive within gatherMs of each other go in one transaction, at most one transaction per gatherMs', async () => {
    const batches: number[][] = [];
    const live = new LiveBatches(async (events) => { batches.push(events.map((e) => e.position)); }, () => { throw new Error('no failure expected'); }, { gatherMs: 40 });
    const start = Date.now();
    // A steady trickle, one event every 4 ms for about 200 ms: applied at once, that would be
    // about fifty transactions of one event.
    for (let p = 0; p < 50; p++) {
      await live.push(event(p));
      await new Promise((r) => setTimeout(r, 4));
    }
    await live.close();
    const elapsed = Date.now() - start;
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 40) + 1);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('gathering ends at close: what is queued is applied at once, not after the gathering time', async () => {
    const batches: number[][] = [];
    const live = new LiveBatches(async (events) => { batches.push(events.map((e) => e.position)); }, () => { throw new Error('no failure expected'); }, { gatherMs: 60_000 });
    await live.push(event(0));
    await live.push(event(1));
    const start = Date.now();
    await live.close();
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(batches).toEqual([[0, 1]]);
  });

  it('gathering never waits with a full queue: the subscription is not held for gatherMs', async () => {
    const batches: number[][] = [];
    const live = new LiveBatches(async (events) => { batches.push(events.map((e) => e.position)); }, () => { throw new Error('no failure expected'); }, { gatherMs: 60_000, maxQueued: 3 });
    const start = Date.now();
    for (let p = 0; p < 3; p++) await live.push(event(p));
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(batches).toEqual([[0, 1, 2]]);
    await live.close();
  });

  it('makes the subscription wait when the queue is full, so memory stays bounded', async () => {
    const held = heldApply();
    const live = new LiveBatches(held.apply, () => undefined, { maxQueued: 3 });
    await live.push(event(0)); // running
    await live.push(event(1));
    await live.push(event(2));
    let fourth = false;
    const pushed = live.push(event(3)).then(() => (fourth = true));
    await new Promise((r) => setImmediate(r));
    expect(fourth).toBe(false);
    await held.releaseNext();
    await held.releaseNext();
    await pushed;
    expect(held.batches).toEqual([[0], [1, 2, 3]]);
    await live.close();
  });

  it('tries a batch lost with the connection again, with the events that came meanwhile, until it is applied', async () => {
    const seen: number[][] = [];
    let failures = 2;
    const live = new LiveBatches(async (events) => {
      seen.push(events.map((e) => e.position));
      if (failures-- > 0) throw connectionLost();
    }, () => { throw new Error('a lost connection is not a failure'); }, { retryFirstMs: 1, retryMaxMs: 2 });
    await live.push(event(0));
    await live.push(event(1));
    for (let i = 0; i < 200 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await live.close();
    expect(seen[0]).toEqual([0]);
    expect(seen[seen.length - 1]).toEqual([0, 1]);
    expect(seen).toHaveLength(3);
  });

  it('reports any other failure once and refuses every later event as already reported', async () => {
    const reported: Error[] = [];
    const live = new LiveBatches(async () => { throw new Error('projection bug'); }, (err) => reported.push(err));
    await live.push(event(0));
    await live.close();
    expect(reported.map((e) => e.message)).toEqual(['projection bug']);
    await expect(live.push(event(1))).rejects.toBeInstanceOf(AlreadyReported);
    expect(reported).toHaveLength(1);
  });

  it('on closing, stops retrying a batch the database keeps refusing (a restart resumes from the stored position)', async () => {
    let tries = 0;
    const live = new LiveBatches(async () => { tries++; throw connectionLost(); }, () => { throw new Error('not a failure'); }, { retryFirstMs: 5, retryMaxMs: 5 });
    await live.push(event(0));
    await new Promise((r) => setTimeout(r, 30));
    await live.close();
    const after = tries;
    await new Promise((r) => setTimeout(r, 30));
    expect(tries).toBe(after);
    expect(after).toBeGreaterThan(1);
  });
});
