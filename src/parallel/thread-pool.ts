import { Piscina } from 'piscina';

/**
 * A fixed number of worker threads running one script, on piscina (which queues the tasks,
 * hands them to idle workers and keeps idle workers from holding the process open). What this
 * file adds is Urna's policy around it:
 *   - TypeScript worker scripts (Jest, `node -r urna-ts-register`) get `-r urna-ts-register`
 *     in their threads; compiled .js scripts start with no extra Node options;
 *   - a task that throws in its worker rejects with a ThreadPoolError carrying the worker's
 *     message and error name (TASK_FAILED); the pool keeps serving;
 *   - a worker that dies rejects its task and every queued one (WORKER_DIED) and the pool
 *     refuses new work: the results it was computing are incomplete (piscina alone would start
 *     a replacement thread and go on);
 *   - close() terminates the workers; queued and running tasks, and later ones, reject with
 *     POOL_CLOSED (piscina alone would accept work again after destroy()).
 * `run` resolves with the task's own result, so `Promise.all(tasks.map(run))` keeps the input
 * order whatever the order of completion.
 *
 * The worker script exports its task function wrapped by `poolTask` (see crypto-worker.ts).
 */
export class ThreadPoolError extends Error {
  constructor(message: string, readonly code: 'POOL_CLOSED' | 'WORKER_DIED' | 'TASK_FAILED', readonly workerErrorName?: string) {
    super(message);
    this.name = 'ThreadPoolError';
  }
}

export interface ThreadPoolOptions {
  size: number;
  /** Passed to every worker as `workerData` (its set-up: election context, styles…). */
  workerData?: unknown;
}

/** A task's failure as it crosses the thread boundary: structured clone keeps an Error's
 * message but not its name, so the worker sends both as plain data. */
interface TaskFailure {
  urnaTaskFailure: true;
  name: string;
  message: string;
}

const isTaskFailure = (x: unknown): x is TaskFailure => typeof x === 'object' && x !== null && (x as TaskFailure).urnaTaskFailure === true;

/** Worker side: the script's default export, `export default poolTask(async (task) => …)`. */
export function poolTask<T, R>(run: (task: T) => R | Promise<R>): (task: T) => Promise<R> {
  return async (task) => {
    try {
      return await run(task);
    } catch (err) {
      const e = err as Error;
      const failure: TaskFailure = { urnaTaskFailure: true, name: e?.name ?? 'Error', message: e?.message ?? String(err) };
      throw failure;
    }
  };
}

export class ThreadPool<T, R> {
  private readonly piscina: Piscina<T, R>;
  private failure: ThreadPoolError | undefined;
  private closed = false;
  private stopped: Promise<void> | undefined;

  constructor(script: string, readonly options: ThreadPoolOptions) {
    const { size, workerData } = options;
    if (!Number.isInteger(size) || size < 1) throw new Error(`a worker pool needs at least one worker, got ${size}`);
    this.piscina = new Piscina<T, R>({
      filename: script,
      minThreads: size,
      maxThreads: size,
      workerData,
      // TypeScript sources (tests, `node -r urna-ts-register`) are compiled in each worker too.
      execArgv: script.endsWith('.ts') ? ['-r', 'urna-ts-register'] : [],
    });
    // piscina reports a worker that fails with no task running as an 'error' event.
    this.piscina.on('error', (err: Error) => this.fail(new ThreadPoolError(`a worker thread failed: ${err?.message ?? String(err)}`, 'WORKER_DIED', err?.name)));
  }

  get size(): number {
    return this.options.size;
  }

  /** Queues one task; resolves with its result. */
  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(closedError());
    if (this.failure) return Promise.reject(this.failure);
    return this.piscina.run(task).catch((err: unknown) => {
      throw this.rejection(err);
    });
  }

  /** Runs every task; results in input order. The first failure rejects (the rest still run). */
  map(tasks: readonly T[]): Promise<R[]> {
    return Promise.all(tasks.map((t) => this.run(t)));
  }

  /** Terminates every worker; queued and running tasks reject with POOL_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  private rejection(err: unknown): ThreadPoolError {
    if (isTaskFailure(err)) return new ThreadPoolError(err.message, 'TASK_FAILED', err.name);
    if (this.closed) return closedError();
    // Anything else means a thread stopped under its task (or we stopped it after another
    // thread died): the pool's results are incomplete.
    return this.fail(new ThreadPoolError(`a worker thread failed: ${(err as Error)?.message ?? String(err)}`, 'WORKER_DIED'));
  }

  private fail(err: ThreadPoolError): ThreadPoolError {
    if (this.closed) return closedError();
    this.failure ??= err;
    void this.stop();
    return this.failure;
  }

  private stop(): Promise<void> {
    return (this.stopped ??= this.piscina.destroy());
  }
}

const closedError = () => new ThreadPoolError('the worker pool is closed', 'POOL_CLOSED');
