/** The sequencer against the real PostgreSQL ledger adapter. */
import type { Pool } from 'pg';
import type { NewEvent } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { LogSequencer } from '../../src/ledger/merkle/log-sequencer';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const pub = (n: number): NewEvent => ({ type: 'test.public', version: 1, data: { n }, metadata: { actor: 'test:seq' }, visibility: 'public' });
const sealed = (n: number): NewEvent => ({ type: 'test.sealed', version: 1, data: { voter: `v${n}` }, metadata: { actor: 'test:seq' }, visibility: 'sealed' });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('LogSequencer', () => {
  let pool: Pool;
  const ledgerSchema = freshSchemaName('seq_ledger');
  const logSchema = freshSchemaName('seq_log');
  let store: PostgresEventStore;
  let log: MerkleLog;

  beforeAll(async () => {
    pool = testPool();
    store = new PostgresEventStore(pool, { schema: ledgerSchema, isKnownType: () => true, pollIntervalMs: 50 });
    await store.migrate();
    log = new MerkleLog(pool, { schema: logSchema });
    await log.migrate();
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    await pool.end();
  });

  it('appends one leaf per ledger event in global order, and resumes after a restart', async () => {
    for (let i = 0; i < 30; i++) await store.append(`s-${i % 3}`, [i % 4 === 0 ? sealed(i) : pub(i)], 'any');
    const first = new LogSequencer(store, log, { batchSize: 7 });
    await first.start();
    await until(async () => (await log.size()) === 30, 'catch-up');

    // live events while running
    await store.append('s-live', [pub(100), pub(101)], 'no_stream');
    await until(async () => (await log.size()) === 32, 'live events');
    await first.stop();

    // events while the sequencer is down, then a new one resumes from the log's size
    await store.append('s-down', [pub(200), sealed(201), pub(202)], 'no_stream');
    const second = new LogSequencer(store, log, { batchSize: 500 });
    await second.start();
    await until(async () => (await log.size()) === 35, 'resume');
    await second.stop();
    expect(second.error).toBeUndefined();

    // Independent recomputation from the ledger: same leaves, same root, nothing doubled.
    const events = await store.readAll({ from: 0, limit: 1000 });
    expect(events).toHaveLength(35);
    const reference = new MemoryMerkleTree();
    events.forEach((e) => reference.appendData(leafDataOf(e)));
    expect(Buffer.from(await log.root(35))).toEqual(Buffer.from(reference.currentRoot()));
    const stored = await log.entries(0, 35);
    expect(stored.map((s) => Buffer.from(s.data).toString())).toEqual(events.map((e) => Buffer.from(leafDataOf(e)).toString()));
  });
});
