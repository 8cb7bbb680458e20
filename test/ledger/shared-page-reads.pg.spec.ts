/**
 * The PostgreSQL store's subscriptions share their page reads (postgres-event-store.ts,
 * readPageShared): woken by one append, every subscription of the process at the head is served
 * by one query, and none misses, repeats or reorders an event while appends race with the reads.
 */
import { Pool } from 'pg';
import { closePool } from '../../src/ledger/postgres/close-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { thing } from './ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl, testPool } from '../support/postgres';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(60_000);

describe('PostgreSQL event store: subscriptions share their page reads', () => {
  const observer = testPool();
  afterAll(() => observer.end());

  async function withStore(run: (store: PostgresEventStore) => Promise<void>): Promise<void> {
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    const schema = freshSchemaName('shared_reads');
    // A long poll: only notifications wake the subscriptions, so the reads counted are theirs.
    const store = new PostgresEventStore(pool, { schema, pollIntervalMs: 60_000 });
    await store.migrate();
    try {
      await run(store);
    } finally {
      await store.close();
      await dropSchema(observer, schema);
      await closePool(pool);
    }
  }

  it('one append wakes eight subscriptions at the head: one read serves them all', async () => {
    await withStore(async (store) => {
      await store.append('s-0', [thing(0)], 'no_stream');
      const seen = Array.from({ length: 8 }, () => [] as number[]);
      const subs = seen.map((list) => store.subscribeToAll(0, async (e) => { list.push(e.position); }));
      try {
        await waitUntil('the first event everywhere', () => seen.every((l) => l.length === 1));
        await new Promise((r) => setTimeout(r, 200)); // all eight now wait at the head
        const reads = jest.spyOn(store, 'readAll');
        await store.append('s-0', [thing(1)], 0);
        await waitUntil('the second event everywhere', () => seen.every((l) => l.length === 2));
        await new Promise((r) => setTimeout(r, 100));
        // Each subscription reads the new page, then once more at the head; shared, that is 2
        // queries (a few more if the notification reached some late), never one per subscription.
        expect(reads.mock.calls.length).toBeLessThanOrEqual(4);
        reads.mockRestore();
      } finally {
        await Promise.all(subs.map((s) => s.close()));
      }
    });
  });

  it('with appends racing the shared reads, every subscription gets every event once, in order', async () => {
    await withStore(async (store) => {
      const seen = Array.from({ length: 6 }, () => [] as number[]);
      // Handlers of different speeds, so the subscriptions drift apart and meet again.
      const subs = seen.map((list, k) => store.subscribeToAll(0, async (e) => {
        list.push(e.position);
        if (k % 3 === 0 && e.position % 7 === 0) await new Promise((r) => setTimeout(r, 3));
      }));
      try {
        const writers = Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 40; i++) await store.append(`s-${w}`, [thing(i)], i === 0 ? 'no_stream' : i - 1);
        });
        await Promise.all(writers);
        const head = await store.head();
        expect(head).toBe(160);
        await waitUntil('every event everywhere', () => seen.every((l) => l.length >= head));
        const all = Array.from({ length: head }, (_, i) => i);
        for (const list of seen) expect(list).toEqual(all);
      } finally {
        await Promise.all(subs.map((s) => s.close()));
      }
    });
  });
});
