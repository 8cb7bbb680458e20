import { Worker } from 'node:worker_threads';

/**
 * A small pool of worker threads running one script. Tasks queue in order; `run` resolves with
 * the task's own result (so `Promise.all(tasks.map(run))` keeps the input order whatever the
 * order of completion). A task that throws in its worker rejects with that error's message; a
 * worker that dies rejects its task and every queued one (the pool is then broken). `close`
 * terminates the workers and rejects what is still queued. Idle workers do not keep the process
 * alive (unref), busy ones do.
 *
 * Protocol with the worker script (see crypto-worker.ts): the pool posts {id, task}, the worker
 * answers {id, ok: true, value} or {id, ok: false, error: {name, message}}.
 */
export class WorkerPoolError extends Error {
  constructor(message: string, readonly code: 'POOL_CLOSED' | 'WORKER_DIED' | 'TASK_FAILED', readonly workerErrorName?: string) {
    super(message);
    this.name = 'WorkerPoolError';
  }
}

interface Pending<R> {
  id: number;
  task: unknown;
  transfer?: readonly ArrayBuffer[];
  resolve: (value: R) => void;
  reject: (err: Error) => void;
}

interface Slot<R> {
  worker: Worker;
  current?: Pending<R>;
}

export interface WorkerPoolOptions {
  size: number;
  /** Passed to every worker as `workerData` (its set-up: election context, styles…). */
  workerData?: unknown;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[] = [];
  private readonly queue: Pending<R>[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(script: string, options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`a worker pool needs at least one worker, got ${options.size}`);
    // TypeScript sources (tests, `node -r @swc-node/register`) are compiled in each worker too.
    const execArgv = script.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
    for (let i = 0; i < options.size; i++) {
      const worker = new Worker(script, { workerData: options.workerData, execArgv });
      const slot: Slot<R> = { worker };
      worker.unref();
      worker.on('message', (msg: { id: number; ok: boolean; value?: R; error?: { name: string; message: string } }) => {
        const job = slot.current;
        if (!job || job.id !== msg.id) return;
        slot.current = undefined;
        worker.unref();
        if (msg.ok) job.resolve(msg.value as R);
        else job.reject(new WorkerPoolError(msg.error?.message ?? 'the task failed in its worker', 'TASK_FAILED', msg.error?.name));
        this.dispatch();
      });
      worker.on('error', (err) => this.fail(slot, new WorkerPoolError(`a worker thread failed: ${err.message}`, 'WORKER_DIED', err.name)));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(slot, new WorkerPoolError(`a worker thread exited (code ${code})`, 'WORKER_DIED'));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Queues one task; resolves with its result. */
  run(task: T, transfer?: readonly ArrayBuffer[]): Promise<R> {
    if (this.closed) return Promise.reject(new WorkerPoolError('the worker pool is closed', 'POOL_CLOSED'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Runs every task; results in input order. The first failure rejects (the rest still run). */
  map(tasks: readonly T[]): Promise<R[]> {
    return Promise.all(tasks.map((t) => this.run(t)));
  }

  /** Terminates every worker; queued and running tasks reject with POOL_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new WorkerPoolError('the worker pool is closed', 'POOL_CLOSED');
    for (const job of this.queue.splice(0)) job.reject(err);
    for (const slot of this.slots) {
      slot.current?.reject(err);
      slot.current = undefined;
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current) continue;
      const job = this.queue.shift()!;
      slot.current = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task }, (job.transfer ?? []) as ArrayBuffer[]);
    }
  }

  private fail(slot: Slot<R>, err: Error): void {
    if (this.closed) return;
    this.failure ??= err;
    slot.current?.reject(err);
    slot.current = undefined;
    for (const job of this.queue.splice(0)) job.reject(err);
    // A dead worker makes the pool's results incomplete: stop the others too.
    void this.close();
  }
}
