/**
 * The published spoiled ciphertexts a cast may not reuse, followed by a subscription
 * (src/voting/published-spoiled-ciphertexts.ts), on a real PostgreSQL ledger. Each test tries
 * to get a check to answer before it has seen a spoiled ballot published before it began: by
 * another instance (its events are not in this process's memory and arrive only through the
 * database), right before the check; by a subscription that never catches up; by one that
 * fails; by a close while a check waits.
 */
import type { Pool } from 'pg';
import { DatabaseUnavailableException } from '../../src/faults/database-unavailable';
import type { EventStore, RecordedEvent, Subscription } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { WorkRefusedError } from '../../src/http/work-budget';
import { PublishedSpoiledCiphertexts } from '../../src/voting/published-spoiled-ciphertexts';
import { toVotingHttpError } from '../../src/voting/voting-errors';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const ELECTION = 'e2026';
const hex = (n: number, salt = 0) => (n * 7919 + salt).toString(16).padStart(64, '0');
const ballotWith = (alpha: string, beta = hex(999_999)) => ({ styleId: 's', contests: [{ id: 'c', options: [{ alpha, beta }] }] });

const spoiled = (ballot: unknown): Parameters<EventStore['append']>[1][number] => ({
  type: 'BallotSpoiled', version: 1, visibility: 'public', metadata: { actor: 'system:benaloh' },
  data: { electionId: ELECTION, styleId: 's', trackingCode: 'x', ballot, disclosure: {}, spoiledAt: '2026-12-04T00:00:00.000Z' },
});

/** The store as is, but its subscriptions never hand over an event. */
const neverHandsOver = (store: EventStore): EventStore => Object.assign(Object.create(store) as EventStore, {
  subscribeToAll: (): Subscription => ({ close: async () => undefined }),
});

describe('published spoiled ciphertexts, followed by a subscription', () => {
  let pool: Pool;
  let schema: string;
  let ours: PostgresEventStore;
  let other: PostgresEventStore;

  beforeAll(async () => {
    pool = testPool();
    schema = freshSchemaName('spoiled_set');
    ours = new PostgresEventStore(pool, { schema, isKnownType: () => true });
    other = new PostgresEventStore(pool, { schema, isKnownType: () => true });
    await ours.migrate();
  });

  afterAll(async () => {
    await ours.close();
    await other.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('sees every spoiled ballot another instance published before the check began, and only this election\'s', async () => {
    const set = new PublishedSpoiledCiphertexts(ours, ELECTION);
    try {
      // Spoiled ballots of another election, and a cast ballot, on the way: none counts.
      await other.append(`spoiled-other-${hex(1)}`, [spoiled(ballotWith(hex(1, 1)))], 'no_stream');
      await other.append(`ballot-${ELECTION}-p1`, [{ ...spoiled(ballotWith(hex(2, 1))), type: 'BallotCast' }], 'no_stream');
      for (let k = 0; k < 25; k++) {
        const alpha = hex(k, 5);
        // Not yet published: allowed.
        expect(await set.reusedBy(ballotWith(alpha))).toBe(false);
        await other.append(`spoiled-${ELECTION}-${hex(k)}`, [spoiled(ballotWith(alpha, hex(k, 6)))], 'no_stream');
        // Published by the other instance a moment ago: refused at once, by α and by β.
        expect(await set.reusedBy(ballotWith(alpha))).toBe(true);
        expect(await set.reusedBy(ballotWith(hex(k, 7), hex(k, 6)))).toBe(true);
      }
      expect(await set.reusedBy(ballotWith(hex(1, 1)))).toBe(false);
      expect(await set.reusedBy(ballotWith(hex(2, 1)))).toBe(false);
    } finally {
      await set.close();
    }
  });

  it('a fresh set (a restarted service) reads what was published before it existed', async () => {
    const alpha = hex(77, 3);
    await other.append(`spoiled-${ELECTION}-${hex(77)}`, [spoiled(ballotWith(alpha))], 'no_stream');
    const set = new PublishedSpoiledCiphertexts(ours, ELECTION);
    try {
      expect(await set.reusedBy(ballotWith(alpha))).toBe(true);
    } finally {
      await set.close();
    }
  });

  it('a subscription that never reaches the head: the check answers 503 busy (the database answers), never "not reused"', async () => {
    const stuck = neverHandsOver(ours);
    const set = new PublishedSpoiledCiphertexts(stuck, ELECTION, { catchUpTimeoutMs: 150 });
    try {
      const refused = await set.reusedBy(ballotWith(hex(3))).then(() => undefined, (err: unknown) => err);
      expect(refused).toBeInstanceOf(WorkRefusedError);
      expect(refused).toMatchObject({ reason: 'busy', retryAfterSeconds: 2 });
      // What the voter is told: busy, try again shortly, nothing recorded; not a database outage.
      const answer = toVotingHttpError(refused);
      expect(answer).toMatchObject({ status: 503, code: 'SERVICE_BUSY', details: { retryAfterSeconds: 2 } });
      expect(answer.spanish).toMatch(/^El servicio atiende a muchas personas en este momento; intente de nuevo en 2 s\. No se registró nada/);
      expect(answer.english).toMatch(/^The service is serving many people right now; try again in 2 s\. Nothing was recorded/);
    } finally {
      await set.close();
    }
  });

  it('a subscription that ends with an error: the waiting check answers 503 at once, the next starts again where it stood', async () => {
    const froms: number[] = [];
    const failing: EventStore = Object.assign(Object.create(ours) as EventStore, {
      subscribeToAll: (from: number, handler: (e: RecordedEvent) => Promise<void>, onError?: (err: Error) => void): Subscription => {
        froms.push(from);
        if (froms.length > 1) return ours.subscribeToAll(from, handler, onError);
        // The first one hands over three events, then fails.
        let handed = 0;
        const real = ours.subscribeToAll(from, async (e) => {
          if (handed === 3) return;
          await handler(e);
          if (++handed === 3) setImmediate(() => void real.close().then(() => onError?.(new Error('the subscription broke'))));
        });
        return real;
      },
    });
    const alpha = hex(88, 3);
    await other.append(`spoiled-${ELECTION}-${hex(88)}`, [spoiled(ballotWith(alpha))], 'no_stream');
    const set = new PublishedSpoiledCiphertexts(failing, ELECTION, { catchUpTimeoutMs: 60_000 });
    try {
      const started = Date.now();
      await expect(set.reusedBy(ballotWith(alpha))).rejects.toBeInstanceOf(DatabaseUnavailableException);
      expect(Date.now() - started).toBeLessThan(30_000); // not the timer: the failure itself
      expect(await set.reusedBy(ballotWith(alpha))).toBe(true);
      expect(froms).toEqual([0, 3]);
    } finally {
      await set.close();
    }
  });

  it('close while a check waits: the check answers 503', async () => {
    const stuck = neverHandsOver(ours);
    const set = new PublishedSpoiledCiphertexts(stuck, ELECTION, { catchUpTimeoutMs: 60_000 });
    const waiting = set.reusedBy(ballotWith(hex(4)));
    await new Promise((r) => setTimeout(r, 50));
    await set.close();
    await expect(waiting).rejects.toBeInstanceOf(DatabaseUnavailableException);
  });
});
