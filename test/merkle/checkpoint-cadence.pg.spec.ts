/**
 * The adaptive checkpoint cadence (docs/spec/log.md §4.2) on a real PostgreSQL log: a receipt
 * that waits makes the loop sign as soon as the log holds its leaf, not at the next interval
 * (the interval here is an hour, so only the demand can bring the checkpoint); a burst of
 * receipts shares few checkpoints; a checkpoint signed in this process settles receipts without
 * a query; and with nobody waiting the loop still signs growth at the interval. Counted, not timed.
 */
import type { Pool } from 'pg';
import { CheckpointService, DEFAULT_MIN_GAP_MS } from '../../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { utf8 } from '../../src/ledger/merkle/encoding';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { CheckpointWaiter } from '../../src/voting/checkpoint-waiter';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const HOUR = 3_600_000;

describe('adaptive checkpoint cadence', () => {
  const schemas: string[] = [];
  let pool: Pool;
  const running: CheckpointService[] = [];
  let next = 0;

  beforeAll(() => {
    pool = testPool();
  });

  afterAll(async () => {
    for (const c of running) await c.stop();
    for (const s of schemas) await dropSchema(pool, s);
    await pool.end();
  });

  async function freshLog(options: { intervalMs: number; minGapMs?: number }) {
    const schema = freshSchemaName('cadence');
    schemas.push(schema);
    const log = new MerkleLog(pool, { schema });
    await log.migrate();
    const checkpoints = new CheckpointService(pool, log, new SoftwareNoteSigner('cadence.urna.test/log', new Uint8Array(32).fill(9)), options);
    await checkpoints.migrate();
    running.push(checkpoints);
    return { log, checkpoints };
  }

  const until = async (what: () => Promise<boolean>, ms = 10_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await what()) return;
    throw new Error('timed out');
  };

  it('signs as soon as a waiting receipt\'s leaf is in the log, whatever the interval', async () => {
    const { log, checkpoints } = await freshLog({ intervalMs: HOUR });
    checkpoints.start();
    await until(async () => (await checkpoints.count()) === 1); // the empty tree, then an hour's sleep
    const waiter = new CheckpointWaiter(checkpoints, { pollMs: HOUR });
    const first = await log.append([utf8(`leaf ${next++}`), utf8(`leaf ${next++}`), utf8(`leaf ${next++}`)]);
    const receipt = await waiter.waitFor(first + 2, 10_000);
    expect(receipt.size).toBe(3);
    expect(receipt.sequence).toBe(1);
    // One look when the wait began; the signing itself settled the receipt, with no query.
    expect(waiter.looks).toBe(1);
    expect(await checkpoints.count()).toBe(2);
  });

  it('asks again when the leaf reaches the log after the receipt began to wait', async () => {
    const { log, checkpoints } = await freshLog({ intervalMs: HOUR });
    checkpoints.start();
    await until(async () => (await checkpoints.count()) === 1);
    const waiter = new CheckpointWaiter(checkpoints, { pollMs: HOUR });
    // The cast is recorded (position 0) before the sequencer has put its leaf in the log.
    const receipt = waiter.waitFor(0, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    await log.append([utf8('late leaf')]);
    expect((await receipt).size).toBe(1);
    expect(await checkpoints.count()).toBe(2);
  });

  it('lets a burst of concurrent receipts share a few checkpoints', async () => {
    const { log, checkpoints } = await freshLog({ intervalMs: HOUR, minGapMs: 200 });
    checkpoints.start();
    await until(async () => (await checkpoints.count()) === 1);
    const waiter = new CheckpointWaiter(checkpoints, { pollMs: HOUR });
    const N = 120;
    const receipts = await Promise.all(Array.from({ length: N }, async (_, k) => {
      await new Promise((r) => setTimeout(r, k * 3)); // casts arriving over ~360 ms
      const index = await log.append([utf8(`burst ${k}`)]);
      const c = await waiter.waitFor(index, 10_000);
      expect(c.size).toBeGreaterThan(index);
      return c.sequence;
    }));
    const signed = (await checkpoints.count()) - 1;
    expect(new Set(receipts).size).toBe(signed);
    expect(signed).toBeLessThanOrEqual(N / 4);
  });

  it('by default signs at most one round per 250 ms while receipts keep coming (each round costs the witnesses a cosignature)', async () => {
    expect(DEFAULT_MIN_GAP_MS).toBe(250);
    const { log, checkpoints } = await freshLog({ intervalMs: HOUR });
    checkpoints.start();
    await until(async () => (await checkpoints.count()) === 1);
    const waiter = new CheckpointWaiter(checkpoints, { pollMs: HOUR });
    const started = Date.now();
    // One cast every 10 ms for 1.5 s, each waiting for its receipt: at 20 ms a round, as before,
    // this made dozens of checkpoints.
    const receipts = await Promise.all(Array.from({ length: 150 }, async (_, k) => {
      await new Promise((r) => setTimeout(r, k * 10));
      const index = await log.append([utf8(`steady ${k}`)]);
      return (await waiter.waitFor(index, 10_000)).sequence;
    }));
    const elapsed = Date.now() - started;
    const signed = (await checkpoints.count()) - 1;
    expect(new Set(receipts).size).toBe(signed);
    expect(signed).toBeGreaterThanOrEqual(2);
    expect(signed).toBeLessThanOrEqual(Math.ceil(elapsed / DEFAULT_MIN_GAP_MS) + 1);
  });

  it('still signs an idle log\'s growth at the interval when nobody waits', async () => {
    const { log, checkpoints } = await freshLog({ intervalMs: 100 });
    checkpoints.start();
    await log.append([utf8('nobody waits for me')]);
    await until(async () => (await checkpoints.latest())?.size === 1);
    await checkpoints.stop();
    expect(await checkpoints.count()).toBe(2);
  });
});
