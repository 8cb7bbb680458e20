/**
 * The log lease and its fence (src/ledger/leadership/), tried as two instances that both
 * believe they lead would: epochs only grow, one by one; a lease is taken only once expired; a
 * leader whose lease moved on has its appends and its checkpoints refused by the database, and
 * nothing of them is written; a takeover waits for an append in flight, so the new leader
 * reads a size that includes it (no gap, no double); two sequencers on one ledger with a stale
 * and a current epoch leave a log identical to the ledger, dense; a leader that stops renewing
 * is replaced within the lease time.
 */
import type { Pool } from 'pg';
import type { NewEvent } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { LogSequencer } from '../../src/ledger/merkle/log-sequencer';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { LogLease } from '../../src/ledger/leadership/log-lease';
import { LogLeadership, type LeadershipChange } from '../../src/ledger/leadership/log-leadership';
import { claimEpoch, FENCED_SQLSTATE, isFenced, NotLeaderError } from '../../src/ledger/leadership/log-fence';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const pub = (n: number): NewEvent => ({ type: 'test.public', version: 1, data: { n }, metadata: { actor: 'test:lease' }, visibility: 'public' });
const leaf = (n: number) => new TextEncoder().encode(`leaf ${n}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('log lease and fencing', () => {
  let pool: Pool;
  const schemas: string[] = [];

  /** A fresh log (leaves, nodes, log_state, checkpoints) with its lease, TTL `ttlMs`. */
  async function freshLog(ttlMs: number) {
    const schema = freshSchemaName('lease_log');
    schemas.push(schema);
    const log = new MerkleLog(pool, { schema });
    await log.migrate();
    const signer = SoftwareNoteSigner.generate('urna.test/lease-log');
    const checkpoints = new CheckpointService(pool, log, signer);
    await checkpoints.migrate();
    const lease = new LogLease(pool, schema, ttlMs);
    await lease.migrate();
    await lease.migrate(); // idempotent: a second instance starting runs it again
    return { schema, log, lease, signer, checkpoints };
  }

  beforeAll(() => {
    pool = testPool();
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(pool, s);
    await pool.end();
  });

  it('grants one holder at a time, renews only the current epoch, and epochs grow one by one', async () => {
    const { lease, schema } = await freshLog(1000);
    const a = await lease.acquire('A');
    expect(a).toEqual({ epoch: 1, holder: 'A' });
    expect(await lease.acquire('B')).toBeUndefined(); // live: refused
    expect(await lease.renew(1)).toBe(true);
    await sleep(1100);
    expect((await lease.current()).live).toBe(false);
    expect(await lease.renew(1)).toBe(false); // expired: a lapsed leader cannot come back by renewing
    const b = await lease.acquire('B');
    expect(b).toEqual({ epoch: 2, holder: 'B' });
    expect(await lease.renew(1)).toBe(false);
    // The same holder (a restarted process) takes it back at once, but under a new epoch.
    expect(await lease.acquire('B')).toEqual({ epoch: 3, holder: 'B' });
    await lease.release(3);
    expect(await lease.acquire('A')).toEqual({ epoch: 4, holder: 'A' });
    expect((await lease.epochs()).map((e) => [e.epoch, e.holder])).toEqual([[1, 'A'], [2, 'B'], [3, 'B'], [4, 'A']]);
    // The database keeps epochs monotonic even against a hand-written UPDATE or DELETE.
    await expect(pool.query(`UPDATE "${schema}".log_lease SET epoch = 2`)).rejects.toThrow(/only by one/);
    await expect(pool.query(`UPDATE "${schema}".log_lease SET epoch = 9`)).rejects.toThrow(/only by one/);
    await expect(pool.query(`DELETE FROM "${schema}".log_lease`)).rejects.toThrow(/never deleted/);
    await expect(pool.query(`DELETE FROM "${schema}".log_lease_epochs`)).rejects.toThrow(/append-only/);
  });

  it('refuses the appends and checkpoints of a leader whose epoch is stale, and writes nothing of them', async () => {
    const { log, lease, checkpoints, signer } = await freshLog(1000);
    // Instance A leads (epoch 1) and appends; its lease then lapses (a long GC pause, say) and B takes over (epoch 2).
    await lease.acquire('A');
    await log.append([leaf(0), leaf(1)], 0, 1);
    await sleep(1100);
    await lease.acquire('B');
    // A still believes it leads: its append under epoch 1 is refused by the database.
    const err = await refusal(log.append([leaf(2)], 2, 1));
    expect((err as { code?: string }).code).toBe(FENCED_SQLSTATE);
    expect(isFenced(err)) .toBe(true);
    expect(await log.size()).toBe(2);
    // A lapsed lease refuses even its own holder's epoch while nobody took over.
    await lease.release(2);
    expect(isFenced(await refusal(log.append([leaf(2)], 2, 2)))).toBe(true);
    const c = await lease.acquire('B');
    expect(c?.epoch).toBe(3);
    await log.append([leaf(2)], 2, 3);
    expect((await log.entries(0, 10)).map((e) => e.index)).toEqual([0, 1, 2]);
    // Checkpoints: A's signer (stale epoch 1) is refused; no epoch at all → not attempted; B's (epoch 3) is stored.
    const staleA = new CheckpointService(pool, log, signer, { epoch: () => 1 });
    expect(isFenced(await refusal(staleA.checkpointNow()))).toBe(true);
    expect(await checkpoints.count()).toBe(0);
    const notLeading = new CheckpointService(pool, log, signer, { epoch: () => undefined });
    expect(await refusal(notLeading.checkpointNow())).toBeInstanceOf(NotLeaderError);
    const leaderB = new CheckpointService(pool, log, signer, { epoch: () => 3 });
    expect((await leaderB.checkpointNow()).size).toBe(3);
    expect((await checkpoints.history()).map((h) => h.size)).toEqual([0, 3]);
  });

  it('makes a takeover wait for an append in flight, so the new leader reads a size that includes it', async () => {
    const { log, lease, schema } = await freshLog(1000);
    await lease.acquire('A');
    // A's append transaction passes the fence and is still open when A's lease expires.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await claimEpoch(client, 1);
      await client.query(`UPDATE "${schema}".log_state SET size = size`); // fires the fence: share lock on the lease
      await sleep(1100);
      let takenOver = false;
      const takeover = lease.acquire('B').then((g) => {
        takenOver = true;
        return g;
      });
      await sleep(300);
      expect(takenOver).toBe(false); // B waits for A's transaction, it does not run past it
      await client.query('COMMIT');
      expect((await takeover)?.epoch).toBe(2);
    } finally {
      client.release();
    }
    // And the converse: once B holds epoch 2, A's next transaction is refused at its first write.
    expect(isFenced(await refusal(log.append([leaf(0)], 0, 1)))).toBe(true);
    expect(await log.size()).toBe(0);
  });

  it('two sequencers on one ledger, a stale leader and the current one: the log is the ledger, dense, never forked', async () => {
    const { log, lease, schema } = await freshLog(5000);
    const ledgerSchema = freshSchemaName('lease_ledger');
    schemas.push(ledgerSchema);
    const store = new PostgresEventStore(pool, { schema: ledgerSchema, isKnownType: () => true, pollIntervalMs: 20 });
    await store.migrate();
    try {
      await lease.acquire('A');
      const stale = new LogSequencer(store, log, { batchSize: 3, maxDelayMs: 5, epoch: () => 1 });
      await stale.start();
      for (let i = 0; i < 10; i++) await store.append(`s-${i}`, [pub(i)], 'no_stream');
      await until(async () => (await log.size()) === 10, 'A sequencing');
      await lease.release(1); // A's lease lapses (as after a long pause) …
      await lease.acquire('B'); // … and B takes epoch 2, while A keeps running, believing it leads
      // Before B's sequencer starts, A alone sees new events: every append it tries is refused.
      for (let i = 10; i < 20; i++) await store.append(`s-${i}`, [pub(i)], 'no_stream');
      await sleep(500);
      expect(await log.size()).toBe(10);
      expect(stale.error).toBeUndefined(); // refused by the fence is not a fault: A just does not write
      const current = new LogSequencer(store, log, { batchSize: 3, maxDelayMs: 5, epoch: () => 2 });
      await current.start();
      for (let i = 20; i < 40; i++) await store.append(`s-${i}`, [pub(i)], 'no_stream');
      await until(async () => (await log.size()) === 40, 'B sequencing');
      await current.stop();
      await stale.stop();
      expect(current.error).toBeUndefined();
      const events = await store.readAll({ from: 0, limit: 100 });
      const reference = new MemoryMerkleTree();
      events.forEach((e) => reference.appendData(leafDataOf(e)));
      expect(Buffer.from(await log.root(40))).toEqual(Buffer.from(reference.currentRoot()));
      const { rows } = await pool.query(`SELECT count(*)::int AS n, min(idx)::int AS lo, max(idx)::int AS hi FROM "${schema}".leaves`);
      expect(rows[0]).toEqual({ n: 40, lo: 0, hi: 39 });
    } finally {
      await store.close();
    }
  });

  it('a leader whose renewal comes back late steps down and leads again under a new epoch, never resuming the old one', async () => {
    // TTL 5 s: this instance stops claiming its epoch after 4.5 s; the answer below comes after
    // 4.6 s, while the database's lease (renewed at once) still has 0.4 s to run.
    const { lease } = await freshLog(5000);
    const changes: string[] = [];
    let slow = false;
    const slowLease = Object.create(lease) as LogLease;
    slowLease.renew = async (epoch: number) => {
      const renewed = await lease.renew(epoch);
      if (slow) {
        slow = false;
        await sleep(4600); // the database renewed it, but the answer arrives after this instance's lease time
      }
      return renewed;
    };
    const a = new LogLeadership(slowLease, {
      lead: async (epoch) => void changes.push(`leads ${epoch}`),
      follow: async () => void changes.push('follows'),
    }, { holder: 'A', tickMs: 20 });
    try {
      await a.start();
      expect(a.epoch).toBe(1);
      slow = true;
      await until(() => changes.includes('follows'), 'A stepping down', 8000);
      await until(() => a.epoch === 2, 'A leading again', 3000);
      expect(changes).toEqual(['leads 1', 'follows', 'leads 2']);
    } finally {
      await a.stop();
    }
  });

  it('a leader that stops renewing is replaced within the lease time; a clean stop hands over at once', async () => {
    const { lease } = await freshLog(800);
    const changes: string[] = [];
    const roles = (name: string) => ({
      lead: async (epoch: number) => void changes.push(`${name} leads ${epoch}`),
      follow: async () => void changes.push(`${name} follows`),
    });
    // A's renewals hang from some moment on (its network to the database is cut).
    let cut = false;
    const aLease = Object.create(lease) as LogLease;
    aLease.renew = (epoch: number) => (cut ? new Promise<boolean>(() => undefined) : lease.renew(epoch));
    const onChange = (name: string) => (c: LeadershipChange) => changes.push(`${name} ${c.kind}`);
    const a = new LogLeadership(aLease, roles('A'), { holder: 'A', onChange: onChange('A') });
    const b = new LogLeadership(lease, roles('B'), { holder: 'B', onChange: onChange('B') });
    const c = new LogLeadership(lease, roles('C'), { holder: 'C', onChange: onChange('C') });
    try {
      await a.start();
      await b.start();
      expect(a.epoch).toBe(1);
      expect(b.epoch).toBeUndefined();
      await sleep(1000); // A renews meanwhile: B does not take over
      expect(b.epoch).toBeUndefined();
      cut = true;
      const cutAt = performance.now();
      await until(() => b.epoch !== undefined, 'B taking over', 5000);
      const takeoverMs = performance.now() - cutAt;
      expect(b.epoch).toBe(2);
      expect(a.epoch).toBeUndefined(); // A stopped claiming before B's epoch began
      expect(takeoverMs).toBeLessThan(800 + 3000); // TTL + ticks, with room for a loaded machine
      // B stops cleanly: C takes over at its next attempt, without waiting for expiry.
      await c.start();
      await b.stop();
      const stoppedAt = performance.now();
      await until(() => c.epoch !== undefined, 'C taking over', 5000);
      expect(performance.now() - stoppedAt).toBeLessThan(800);
      expect(c.epoch).toBe(3);
      expect(changes).toEqual(expect.arrayContaining(['A leads 1', 'B leads 2', 'B follows', 'C leads 3']));
      expect((await lease.epochs()).map((e) => e.holder)).toEqual(['A', 'B', 'C']);
    } finally {
      cut = false;
      await c.stop();
      await b.stop();
      (a as unknown as { running: boolean }).running = false;
    }
  });
});
