/**
 * Chunks of work queued in order with at most `limit` of them not yet taken back, so a reader
 * that makes the chunks as it reads (a ballot box of 10^5 lines of ~34 kB) holds a bounded
 * amount of it: when the window is full the reader takes the oldest answer before it reads on.
 * With `limit` ≥ 2 per worker each worker has its next chunk queued while it runs one, so the
 * bound costs the workers no idle time as long as the reader keeps up.
 */
export class ChunkWindow<T> {
  private readonly pending: Promise<T>[] = [];
  /** The most chunks that were ever in the window at once (tests and benches read it). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a chunk window holds at least one chunk, got ${limit}`);
  }

  get full(): boolean {
    return this.pending.length >= this.limit;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Queues one chunk's answer; the caller takes answers back (`next`) while `full`. */
  add(answer: Promise<T>): void {
    if (this.full) throw new Error('the chunk window is full: take the oldest answer first');
    answer.catch(() => undefined); // taken in order below; one left behind by a failure elsewhere must not be an unhandled rejection
    this.pending.push(answer);
    this.peak = Math.max(this.peak, this.pending.length);
  }

  /** The oldest answer, awaited (rejects as it does). */
  next(): Promise<T> {
    const oldest = this.pending.shift();
    if (!oldest) throw new Error('the chunk window is empty');
    return oldest;
  }
}

/** Chunks in flight per worker (one running, one queued behind it); the calling thread: 2. */
export const chunksInFlight = (workers: number): number => 2 * Math.max(1, workers);
