/**
 * Group commit of the PostgreSQL ledger (ledger-schema.ts, append_group): appends that arrive
 * while one is in flight go together in one transaction, and yet each is judged alone: one that
 * loses a revision race, or reuses an event id, is refused alone while the rest of its group
 * commits; positions stay dense; a voter's two racing casts still give one ballot. Counted by
 * the queries the store sends, not timed.
 */
import { randomUUID } from 'node:crypto';
import { Pool, type QueryConfig } from 'pg';
import { InvalidEventError, WrongExpectedRevisionError } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { thing } from './ledger-contract-events';

describe('group commit of concurrent appends', () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
  const schema = freshSchemaName('group_commit');
  const store = new PostgresEventStore(pool, { schema });
  const sent: string[] = [];
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;

  beforeAll(async () => {
    await store.migrate();
    (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as QueryConfig).text;
      sent.push(text);
      return query(...args);
    };
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  const event = (n: number, id?: string) => thing(n, id ? { id } : {});
  const groups = () => sent.filter((t) => t.includes('append_group(')).length;
  const alone = () => sent.filter((t) => t.includes('.append(')).length;

  it('commits a burst in far fewer transactions than appends, positions dense', async () => {
    sent.length = 0;
    const N = 60;
    const results = await Promise.all(Array.from({ length: N }, (_, k) => store.append(`burst-${k}`, [event(k)], 'no_stream')));
    const positions = results.flatMap((r) => r.positions).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: N }, (_, k) => positions[0] + k));
    expect(groups()).toBeGreaterThanOrEqual(1);
    expect(groups() + alone()).toBeLessThanOrEqual(N / 4);
  });

  it('refuses only the losers of a revision race inside one group; one ballot per voter', async () => {
    sent.length = 0;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, k) => store.append('voter-ballots-1', [event(k)], 'no_stream')));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) expect(l.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(groups()).toBeGreaterThanOrEqual(1); // the race was judged inside a group
    expect(await store.readStream('voter-ballots-1')).toHaveLength(1);
  });

  it('refuses an id conflict alone while the rest of its group commits', async () => {
    const id = randomUUID();
    await store.append('ids-a', [event(0, id)], 'no_stream');
    sent.length = 0;
    const head = await store.head();
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, k) => store.append(`ids-ok-${k}`, [event(k)], 'no_stream')),
      store.append('ids-b', [event(99, id)], 'no_stream'),
      ...Array.from({ length: 10 }, (_, k) => store.append(`ids-ok2-${k}`, [event(k)], 'no_stream')),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    expect((outcomes[10] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidEventError);
    expect(groups()).toBeGreaterThanOrEqual(1);
    expect(await store.head()).toBe(head + 20);
    const all = await store.readAll({ from: head });
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, k) => head + k));
  });

  it('returns the original result for a retried append with the same ids, inside a group', async () => {
    const ids = [randomUUID(), randomUUID()];
    const first = await store.append('retry-1', [event(1, ids[0]), event(2, ids[1])], 'no_stream');
    const again = await Promise.all([
      store.append('filler-1', [event(0)], 'any'),
      store.append('retry-1', [event(1, ids[0]), event(2, ids[1])], 'no_stream'),
      store.append('filler-2', [event(0)], 'any'),
    ]);
    expect(again[1]).toEqual(first);
  });
});
