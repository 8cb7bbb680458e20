/**
 * The PostgreSQL store hands its subscriptions the events another subscription of the process
 * already read (RecentEvents, postgres-event-store.ts readPageShared), and the database only the
 * rest. The adversary here is time: subscriptions that drift apart, events committed by another
 * writer that this process never read, and notifications that never come. Every subscription
 * must still get every event once, in order, and without waiting for a poll it need not wait for.
 */
import { Pool } from 'pg';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../../src/ledger/postgres/postgres-event-store';
import { thing } from './ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl, testPool } from '../support/postgres';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(60_000);

const APP = `urna-recent-${process.pid}`;

describe('PostgreSQL event store: subscriptions share the events recently read', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  /** Two stores on one schema, each with its own pool: `other` stands for another process. */
  async function withStores(options: PostgresEventStoreOptions, run: (store: PostgresEventStore, other: PostgresEventStore) => Promise<void>): Promise<void> {
    const schema = freshSchemaName('recent');
    const pools = [APP, 'urna-recent-other'].map((application_name) => new Pool({ connectionString: requireDatabaseUrl(), max: 6, application_name }));
    for (const pool of pools) pool.on('error', () => undefined); // a terminated LISTEN connection, as in the service
    const store = new PostgresEventStore(pools[0], { schema, ...options });
    const other = new PostgresEventStore(pools[1], { schema, pollIntervalMs: 60_000 });
    await store.migrate();
    try {
      await run(store, other);
    } finally {
      await store.close();
      await other.close();
      await dropSchema(observer, schema);
      for (const pool of pools) await closePool(pool);
    }
  }

  /** Rows the store read for its subscriptions, counted from readAll's answers. */
  function rowsRead(store: PostgresEventStore): { rows: number; restore: () => void } {
    const counter = { rows: 0, restore: () => spy.mockRestore() };
    const original = store.readAll.bind(store);
    const spy = jest.spyOn(store, 'readAll').mockImplementation(async (o) => {
      const page = await original(o);
      counter.rows += page.length;
      return page;
    });
    return counter;
  }

  async function driftingSubscriptions(recentEvents: number, writersElsewhere = 1): Promise<{ rows: number; events: number }> {
    let result = { rows: 0, events: 0 };
    await withStores({ pollIntervalMs: 60_000, recentEvents }, async (store, other) => {
      const read = rowsRead(store);
      const seen = Array.from({ length: 6 }, () => [] as RecordedEvent[]);
      // Handlers of different speeds: the subscriptions drift apart, as the sequencer and the
      // projections do while ballots are cast.
      const subs = seen.map((list, k) => store.subscribeToAll(0, async (e) => {
        list.push(e);
        if (k > 0 && e.position % (k + 2) === 0) await new Promise((r) => setTimeout(r, k));
      }));
      try {
        // Two writers in this process (their events kept as appended) and one in another (its
        // events kept once a subscription has read them).
        const writers = [store, store, store].map((s, w) => (w < 3 - writersElsewhere ? s : other)).map(async (writer, w) => {
          for (let i = 0; i < 40; i++) await writer.append(`s-${w}`, [thing(i)], i === 0 ? 'no_stream' : i - 1);
        });
        await Promise.all(writers);
        const head = await store.head();
        await waitUntil('every event everywhere', () => seen.every((l) => l.length >= head));
        const truth = await store.readAll({ from: 0 });
        // Each subscription: every event once, in order, and the same event as the ledger holds.
        for (const list of seen) expect(list).toEqual(truth);
        result = { rows: read.rows - truth.length, events: head };
      } finally {
        await Promise.all(subs.map((s) => s.close()));
        read.restore();
      }
    });
    return result;
  }

  it('six drifting subscriptions get every event once and in order, reading far fewer rows than without the kept events', async () => {
    const kept = await driftingSubscriptions(512);
    const none = await driftingSubscriptions(0);
    expect(kept.events).toBe(120);
    // Without: each drifting subscription reads most events itself (here 467-552 rows). With:
    // those of another process once or twice, this process's own only when a notification
    // outruns the append's answer (158-241 rows).
    expect(kept.rows).toBeLessThanOrEqual(3 * kept.events);
    expect(kept.rows).toBeLessThan(0.75 * none.rows);
  });

  it('appends of this process only: its subscriptions are handed them as appended, hardly reading any back', async () => {
    const kept = await driftingSubscriptions(512, 0);
    // 0 rows here in 3 runs; without waiting for the commit's answer, 120.
    expect(kept.rows).toBeLessThanOrEqual(0.25 * kept.events);
  });

  it('kept events short of the announced head: the rest comes from the database at once, not after a poll', async () => {
    await withStores({ pollIntervalMs: 60_000 }, async (store, other) => {
      for (let i = 0; i < 5; i++) await store.append('mine', [thing(i)], i === 0 ? 'no_stream' : i - 1);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first: number[] = [];
      // The first subscription reads 0..4 (now kept) and is held on the last: it reads no more.
      const a = store.subscribeToAll(0, async (e) => {
        first.push(e.position);
        if (e.position === 4) await held;
      });
      const second: number[] = [];
      let b: { close(): Promise<void> } | undefined;
      try {
        await waitUntil('the first subscription at 4', () => first.length === 5);
        // Another process commits 5..9; this store hears the head (10) but has not read them.
        for (let i = 0; i < 5; i++) await other.append('theirs', [thing(i)], i === 0 ? 'no_stream' : i - 1);
        await new Promise((r) => setTimeout(r, 300)); // the notification has arrived
        b = store.subscribeToAll(0, async (e) => { second.push(e.position); });
        // With a 60 s poll, only reading past the kept events gets 5..9 in time.
        await waitUntil('the second subscription past the kept events', () => second.length === 10, 5_000);
        expect(second).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      } finally {
        release();
        await a.close();
        await b?.close();
      }
    });
  });

  it('the LISTEN connection lost: what other processes commit meanwhile is read from the database, not missed until a poll', async () => {
    await withStores({ pollIntervalMs: 60_000 }, async (store, other) => {
      for (let i = 0; i < 5; i++) await store.append('mine', [thing(i)], i === 0 ? 'no_stream' : i - 1);
      const first: number[] = [];
      const a = store.subscribeToAll(0, async (e) => { first.push(e.position); });
      const second: number[] = [];
      let b: { close(): Promise<void> } | undefined;
      try {
        await waitUntil('the first subscription listening at the head', () => first.length === 5);
        await new Promise((r) => setTimeout(r, 300));
        await store.append('mine', [thing(5)], 4); // announced: the head (6) is now trusted
        await waitUntil('the announced event', () => first.length === 6);
        // The LISTEN connection dies; another process commits 6..10 while nobody listens.
        await observer.query("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = $1 AND query ILIKE 'LISTEN%'", [APP]);
        await new Promise((r) => setTimeout(r, 300));
        for (let i = 0; i < 5; i++) await other.append('theirs', [thing(i)], i === 0 ? 'no_stream' : i - 1);
        // A new subscription finds 0..5 kept, up to the head announced before the loss: with a
        // 60 s poll and no notification to come, only the database can give it 6..10 in time.
        b = store.subscribeToAll(0, async (e) => { second.push(e.position); });
        await waitUntil('the second subscription past the unannounced events', () => second.length === 11, 5_000);
        expect(second).toEqual(Array.from({ length: 11 }, (_, i) => i));
      } finally {
        await a.close();
        await b?.close();
      }
    });
  });
});
