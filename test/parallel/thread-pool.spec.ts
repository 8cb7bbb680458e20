/**
 * ThreadPool (piscina underneath): ordered results whatever the completion order, errors
 * carried back from the worker, a dead worker failing its task and the queue, close()
 * terminating everything.
 * The worker script is TypeScript loaded by Node in the thread (not by Jest), as in production.
 */
import { join } from 'node:path';
import { poolSize, usesWorkers } from '../../src/parallel/pool-size';
import { ThreadPool, ThreadPoolError } from '../../src/parallel/thread-pool';

const SCRIPT = join(__dirname, 'fixtures', 'echo-worker.ts');

interface Task { value?: unknown; delayMs?: number; fail?: string; exit?: number }
interface Answer { value: unknown; threadId: number; setup: unknown }

describe('ThreadPool', () => {
  const pools: ThreadPool<Task, Answer>[] = [];
  const newPool = (size: number) => {
    const p = new ThreadPool<Task, Answer>(SCRIPT, { size, workerData: { election: 'e-1' } });
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  it('returns results in input order although later tasks finish first, using every worker', async () => {
    const pool = newPool(2);
    const tasks = [120, 10, 90, 5, 60, 0].map((delayMs, i) => ({ value: `t${i}`, delayMs }));
    const answers = await pool.map(tasks);
    expect(answers.map((a) => a.value)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
    expect(answers[0].setup).toEqual({ election: 'e-1' });
  });

  it('rejects a task that fails in its worker with the worker\'s message, and keeps serving', async () => {
    const pool = newPool(2);
    const results = await Promise.allSettled([pool.run({ value: 1 }), pool.run({ fail: 'proof 3 does not hold' }), pool.run({ value: 3 })]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: expect.objectContaining({ value: 1 }) });
    expect(results[2]).toEqual({ status: 'fulfilled', value: expect.objectContaining({ value: 3 }) });
    const rejected = results[1] as PromiseRejectedResult;
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toBeInstanceOf(ThreadPoolError);
    expect(rejected.reason).toMatchObject({ code: 'TASK_FAILED', message: 'proof 3 does not hold', workerErrorName: 'FixtureTaskError' });
    await expect(pool.map([{ fail: 'bad ballot' }, { value: 2 }])).rejects.toThrow('bad ballot');
    await expect(pool.run({ value: 'still' })).resolves.toMatchObject({ value: 'still' });
  });

  it('fails the running task and the queued ones when a worker dies, and refuses new work', async () => {
    const pool = newPool(1);
    const [dying, queued] = await Promise.allSettled([pool.run({ exit: 7, delayMs: 20 }), pool.run({ value: 'never', delayMs: 0 })]);
    expect(dying).toMatchObject({ status: 'rejected', reason: { code: 'WORKER_DIED' } });
    expect(queued).toMatchObject({ status: 'rejected', reason: expect.any(ThreadPoolError) });
    await expect(pool.run({ value: 1 })).rejects.toBeInstanceOf(ThreadPoolError);
  });

  it('close() rejects queued and running tasks and terminates the workers', async () => {
    const pool = newPool(1);
    const running = pool.run({ value: 'slow', delayMs: 5_000 });
    const queued = pool.run({ value: 'queued' });
    const settled = Promise.allSettled([running, queued]);
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    const [r1, r2] = await settled;
    expect(r1).toMatchObject({ status: 'rejected', reason: { code: 'POOL_CLOSED' } });
    expect(r2).toMatchObject({ status: 'rejected', reason: { code: 'POOL_CLOSED' } });
    await expect(pool.run({ value: 1 })).rejects.toMatchObject({ code: 'POOL_CLOSED' });
    await pool.close(); // twice is harmless
  });

  it('sizes from URNA_WORKERS, else the available cores; 0 and 1 mean no workers', () => {
    expect(poolSize({ URNA_WORKERS: '3' })).toBe(3);
    expect(poolSize({ URNA_WORKERS: '0' })).toBe(0);
    expect(poolSize({})).toBeGreaterThanOrEqual(1);
    expect(() => poolSize({ URNA_WORKERS: 'many' })).toThrow(/URNA_WORKERS/);
    expect([0, 1, 2].map(usesWorkers)).toEqual([false, false, true]);
  });
});
