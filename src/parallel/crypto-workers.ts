/**
 * The election's CPU-bound checks on every core: a ThreadPool (piscina) of crypto-worker.ts when
 * the pool size is 2 or more, else the same functions in the calling thread (URNA_WORKERS=0 or 1),
 * one chunk per turn of the event loop.
 * Either way the answers are the same: verdicts in input order and per-chunk sums that the
 * caller adds (EncryptedSums).
 */
import { extname, join } from 'node:path';
import type { VerifyOptions } from '../domain/crypto/ballot/verify-ballot';
import type { Ciphertext } from '../domain/crypto/elgamal';
import {
  cryptoEnvironment, decodeSums, MSM_BATCH, NATIVE_BATCH, runCryptoTask, verifyBallotChunk, verifyBallotLineChunk,
  type BallotVerdict, type LineVerdict, type ContestSums, type CryptoEnvironment, type CryptoSetup, type CryptoTask, type CryptoTaskResult,
  type PartialCheckItem, type PartialCheckVerdict, type SpoiledVerdict, type TallyResultFailure, type TallyResultItem,
} from './crypto-tasks';
import { announceGroupBackend, groupBackendFromEnv, type GroupBackendName } from './group-backend';
import { poolSize, usesWorkers } from './pool-size';
import { ThreadPool } from './thread-pool';

export interface BallotChunk {
  /** Index of the chunk's first ballot in the input. */
  start: number;
  verdicts: BallotVerdict[];
  sums: ContestSums<Ciphertext>;
}

export interface LineChunk {
  /** Index of the chunk's first line in the input. */
  start: number;
  lines: LineVerdict[];
  sums: ContestSums<Ciphertext>;
}

const WORKER_SCRIPT = join(__dirname, `crypto-worker${extname(__filename)}`);

/**
 * Lets the event loop turn once (timers, sockets) before the calling thread checks the next
 * chunk. A station or a verifier that checks in its own thread (URNA_WORKERS or --workers 0/1,
 * a one-core machine) runs for minutes with noble: chained only through promises, the chunks
 * would hold the loop the whole time, so no progress line, signal or timer would run, and an
 * HTTP client would not see the service close an idle kept-alive connection before its next
 * request went out on it.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Ballots per worker task: big enough that the main thread's decoding of the chunk's sums
 * (≤ 2 points per option) is small next to the proofs, small enough to spread the tail over
 * the workers (about six chunks per worker). Always a multiple of the MSM batch. */
export function chunkSize(ballots: number, workers: number): number {
  const target = Math.ceil(ballots / (workers * 6));
  return Math.min(256, Math.max(MSM_BATCH, Math.ceil(target / MSM_BATCH) * MSM_BATCH));
}

export class CryptoWorkers {
  private readonly pool: ThreadPool<CryptoTask, CryptoTaskResult> | undefined;
  private local: CryptoEnvironment | undefined;
  /** The last task queued in the calling thread, settled (see run). */
  private localTurns: Promise<void> = Promise.resolve();

  private readonly setup: CryptoSetup;

  constructor(setup: CryptoSetup, size: number = poolSize()) {
    const workerData: CryptoSetup = { ...setup, groupBackend: setup.groupBackend ?? groupBackendFromEnv() };
    // The calling thread's checks follow the same backend choice (crypto-tasks.ts: native batch
    // verification when decaf-native), so URNA_WORKERS=0/1 does not fall back to noble.
    this.setup = workerData;
    announceGroupBackend(workerData.groupBackend!);
    this.pool = usesWorkers(size) ? new ThreadPool(WORKER_SCRIPT, { size, workerData }) : undefined;
  }

  /** The ristretto255 backend of every check, in worker threads and in the calling thread. */
  get backend(): GroupBackendName {
    return this.setup.groupBackend!;
  }

  /** Worker threads in use (0: the calling thread does the work). */
  get workers(): number {
    return this.pool?.size ?? 0;
  }

  private env(): CryptoEnvironment {
    return (this.local ??= cryptoEnvironment(this.setup));
  }

  private run(task: CryptoTask): Promise<CryptoTaskResult> {
    if (this.pool) return this.pool.run(task);
    // One task per turn, in the order queued (setImmediates queued together would share a turn).
    const result = this.localTurns.then(nextTurn).then(() => runCryptoTask(this.env(), task));
    this.localTurns = result.then(() => undefined, () => undefined);
    return result;
  }

  /**
   * Verifies ballots chunk by chunk and yields the chunks in input order. In the calling thread
   * the chunks are the MSM batches (16) and nothing is encoded; with workers every chunk is
   * queued at once and each answer carries its sums encoded, decoded here once per chunk.
   */
  async *verifyBallots(ballots: readonly unknown[], options: readonly VerifyOptions[] = []): AsyncGenerator<BallotChunk> {
    if (!this.pool) {
      const step = this.env().native ? NATIVE_BATCH : MSM_BATCH;
      for (let start = 0; start < ballots.length; start += step) {
        await nextTurn();
        const out = verifyBallotChunk(this.env(), ballots.slice(start, start + step), options.slice(start, start + step));
        yield { start, ...out };
      }
      return;
    }
    const size = chunkSize(ballots.length, this.pool.size);
    const pending: { start: number; result: Promise<CryptoTaskResult> }[] = [];
    for (let start = 0; start < ballots.length; start += size) {
      const result = this.pool.run({ kind: 'ballots', ballots: ballots.slice(start, start + size), options: options.slice(start, start + size) });
      result.catch(() => undefined); // awaited below, in order; a caller that stops early must not leave an unhandled rejection
      pending.push({ start, result });
    }
    for (const { start, result } of pending) {
      const r = await result;
      if (r.kind !== 'ballots') throw new Error('unexpected worker answer');
      yield { start, verdicts: r.verdicts, sums: decodeSums(r.sums) };
    }
  }

  /**
   * verifyBallots over ballot-box lines (canonical JSON, without 0x0A): the workers parse each
   * line, check it is canonical when `canonical` (a box read from outside), and verify it; a
   * line with a format problem comes back as such, unverified. Chunks in input order.
   */
  async *verifyBallotLines(lines: readonly string[], options: readonly VerifyOptions[] = [], canonical = true): AsyncGenerator<LineChunk> {
    if (!this.pool) {
      const step = this.env().native ? NATIVE_BATCH : MSM_BATCH;
      for (let start = 0; start < lines.length; start += step) {
        await nextTurn();
        const out = verifyBallotLineChunk(lines.slice(start, start + step), options.slice(start, start + step), canonical, (b, o) => verifyBallotChunk(this.env(), b, o));
        yield { start, ...out };
      }
      return;
    }
    const size = chunkSize(lines.length, this.pool.size);
    const pending: Promise<LineChunk>[] = [];
    for (let start = 0; start < lines.length; start += size) {
      pending.push(this.queueBallotLines(start, lines.slice(start, start + size), options.slice(start, start + size), canonical));
    }
    for (const chunk of pending) yield await chunk;
  }

  /**
   * One chunk of lines, queued at once, for a caller that makes the lines as it goes (the tally
   * serializes ballots chunk by chunk, so the workers verify while it makes the rest). Await the
   * chunks in order; a caller that stops early must still let the rest settle (they are caught
   * here, so none is an unhandled rejection).
   */
  queueBallotLines(start: number, lines: string[], options: VerifyOptions[], canonical: boolean): Promise<LineChunk> {
    const chunk = this.run({ kind: 'ballot-lines', lines, options, canonical }).then((r): LineChunk => {
      if (r.kind !== 'ballot-lines') throw new Error('unexpected worker answer');
      return { start, lines: r.lines, sums: decodeSums(r.sums) };
    });
    chunk.catch(() => undefined);
    return chunk;
  }

  /** One ballot (the voting API's cast): off the event loop when workers are in use. */
  async verifyBallot(ballot: unknown, options: VerifyOptions = {}): Promise<BallotVerdict> {
    const r = await this.run({ kind: 'ballots', ballots: [ballot], options: [options] });
    if (r.kind !== 'ballots') throw new Error('unexpected worker answer');
    return r.verdicts[0];
  }

  async verifyPartials(items: readonly PartialCheckItem[]): Promise<PartialCheckVerdict[]> {
    const parts = await Promise.all(split(items, this.workers).map((chunk) => this.run({ kind: 'partials', items: chunk })));
    return parts.flatMap((r) => (r.kind === 'partials' ? r.verdicts : []));
  }

  async verifyTallyResults(items: readonly TallyResultItem[]): Promise<TallyResultFailure[][]> {
    const parts = await Promise.all(split(items, this.workers).map((chunk) => this.run({ kind: 'tally-results', items: chunk })));
    return parts.flatMap((r) => (r.kind === 'tally-results' ? r.failures : []));
  }

  /** Opens spoiled ballots from their disclosures (record.md V18); verdicts in input order. */
  async auditSpoiledBallots(items: readonly unknown[]): Promise<SpoiledVerdict[]> {
    const parts = await Promise.all(split(items, this.workers).map((chunk) => this.run({ kind: 'spoiled', items: chunk })));
    return parts.flatMap((r) => (r.kind === 'spoiled' ? r.verdicts : []));
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** Splits work into about four pieces per worker (one piece in the calling thread). */
function split<T>(items: readonly T[], workers: number): T[][] {
  if (items.length === 0) return [];
  const pieces = workers === 0 ? 1 : workers * 4;
  const size = Math.ceil(items.length / pieces);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
