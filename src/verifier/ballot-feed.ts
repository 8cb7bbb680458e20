/**
 * V12's ballots to the worker pool a chunk at a time, with backpressure: the lines are made as
 * the workers go (read again from the log, ballot-lines.ts) and at most `depth` chunks are in
 * flight, so memory holds a few chunks of a box that may be tens of GB, and the workers never
 * wait for this thread to read the next lines. Chunks come back to `onChunk` in input order.
 */
import type { VerifyOptions } from '../domain/crypto/ballot/verify-ballot';
import type { LineChunk } from '../parallel/crypto-workers';

export interface BallotToVerify {
  line: string;
  options: VerifyOptions;
}

/** What the feed needs of CryptoWorkers. */
export interface LineChunkQueue {
  queueBallotLines(start: number, lines: string[], options: VerifyOptions[], canonical: boolean): Promise<LineChunk>;
}

/** Groups of `size` ballots, read from the iterable only as each group is asked for. */
export function* chunksOf(ballots: Iterable<BallotToVerify>, size: number): Generator<{ lines: string[]; options: VerifyOptions[] }> {
  let lines: string[] = [];
  let options: VerifyOptions[] = [];
  for (const b of ballots) {
    lines.push(b.line);
    options.push(b.options);
    if (lines.length === size) {
      yield { lines, options };
      lines = [];
      options = [];
    }
  }
  if (lines.length > 0) yield { lines, options };
}

export async function feedBallotLines(queue: LineChunkQueue, ballots: Iterable<BallotToVerify>, size: number, depth: number, onChunk: (chunk: LineChunk) => void): Promise<void> {
  const inFlight: Promise<LineChunk>[] = [];
  try {
    let start = 0;
    for (const { lines, options } of chunksOf(ballots, size)) {
      inFlight.push(queue.queueBallotLines(start, lines, options, false));
      start += lines.length;
      if (inFlight.length >= depth) onChunk(await inFlight.shift()!);
    }
    while (inFlight.length > 0) onChunk(await inFlight.shift()!);
  } finally {
    await Promise.allSettled(inFlight); // a chunk still queued after an error must finish before the pool closes
  }
}
