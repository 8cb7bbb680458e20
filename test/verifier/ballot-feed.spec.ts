/**
 * V12's feed keeps a bounded number of chunks in flight (the box of a large election does not
 * fit in memory) and reads the next lines only as chunks come back, hands every chunk back once
 * and in order, and lets queued chunks finish before it reports a failure of the reading.
 */
import type { LineChunk } from '../../src/parallel/crypto-workers';
import { feedBallotLines, type LineChunkQueue } from '../../src/verifier/ballot-feed';

function fakeQueue() {
  const state = { inFlight: 0, maxInFlight: 0, settled: 0 };
  const queue: LineChunkQueue = {
    queueBallotLines: (start, lines) => {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      return new Promise<LineChunk>((resolve) => setTimeout(() => {
        state.inFlight--;
        state.settled++;
        resolve({ start, lines: lines.map(() => ({ ok: false, problem: 'not-json' })), sums: new Map() } as unknown as LineChunk);
      }, 1));
    },
  };
  return { queue, state };
}

function* ballots(n: number, read: { count: number }, failAt = -1) {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('the log could not be read');
    read.count++;
    yield { line: `line ${i}`, options: {} };
  }
}

describe('feedBallotLines', () => {
  it('at most `depth` chunks in flight, the lines read only a few chunks ahead, every chunk back once in order', async () => {
    const { queue, state } = fakeQueue();
    const read = { count: 0 };
    const starts: number[] = [];
    let readAhead = 0;
    await feedBallotLines(queue, ballots(1000, read), 16, 4, (chunk) => {
      readAhead = Math.max(readAhead, read.count - chunk.start);
      starts.push(chunk.start);
    });
    expect(state.maxInFlight).toBe(4);
    expect(readAhead).toBeLessThanOrEqual(5 * 16);
    expect(starts).toEqual(Array.from({ length: Math.ceil(1000 / 16) }, (_, k) => 16 * k));
  });

  it('a failure to read the lines is reported after the queued chunks finish', async () => {
    const { queue, state } = fakeQueue();
    await expect(feedBallotLines(queue, ballots(1000, { count: 0 }, 100), 16, 4, () => undefined)).rejects.toThrow('the log could not be read');
    expect(state.inFlight).toBe(0);
  });
});
