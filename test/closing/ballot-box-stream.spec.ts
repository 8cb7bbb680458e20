/**
 * ballotBoxStream gives the ballot box page by page through a spill file: these tests hold it to
 * the same bytes and order as ballotBoxLines(readCastBallots(...)) on random ledgers, and to
 * removing its spill file however the iteration ends.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ballotBoxLines, ballotBoxStream, readCastBallots, type BallotBoxStreamOptions, type BoxLine } from '../../src/closing/ballot-box';
import { memoryStore, randomLedger } from './random-ledger';

async function collect(it: AsyncIterable<BoxLine>): Promise<BoxLine[]> {
  const out: BoxLine[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('ballotBoxStream', () => {
  let spillDir: string;
  beforeEach(() => {
    spillDir = mkdtempSync(join(tmpdir(), 'urna-box-test-'));
  });
  afterEach(() => rmSync(spillDir, { recursive: true, force: true }));

  const cases: [number, number, BallotBoxStreamOptions][] = [
    [1, 0, {}],
    [2, 1, {}],
    [3, 40, { page: 7, readBatchLines: 3 }],
    [4, 200, { page: 13, readBatchBytes: 300 }],
    [5, 300, {}],
    [6, 120, { page: 1, readBatchBytes: 1, readBatchLines: 1 }],
  ];
  it.each(cases)('gives the same lines in the same order as ballotBoxLines (seed %i, %i ballots, %o)', async (seed, n, options) => {
    const store = memoryStore(randomLedger(seed, n));
    const expected = ballotBoxLines(await readCastBallots(store, 'e1'));
    const cast = await readCastBallots(store, 'e1');
    const got = await collect(ballotBoxStream(store, 'e1', undefined, { ...options, spillDir }));
    expect(got.map((x) => x.line)).toEqual(expected);
    expect(Buffer.from(got.map((x) => x.line).join(''), 'utf8').equals(Buffer.from(expected.join(''), 'utf8'))).toBe(true);
    // Each line comes with the facts of its own BallotCast.
    const byPosition = new Map(cast.map((c) => [c.position, c]));
    for (const { line, cast: facts } of got) {
      const c = byPosition.get(facts.position)!;
      expect(JSON.parse(line).trackingCode).toBe(facts.trackingCode);
      expect(facts).toEqual({ position: c.position, pseudonym: c.pseudonym, bindingNonce: c.bindingNonce, credential: c.credential, signature: c.signature, styleId: c.styleId, trackingCode: c.ballot.trackingCode });
    }
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('reports its progress page by page', async () => {
    const store = memoryStore(randomLedger(7, 25));
    const pages: [number, number][] = [];
    await collect(ballotBoxStream(store, 'e1', (read, head) => pages.push([read, head]), { spillDir, page: 10 }));
    const head = await store.head();
    expect(pages[pages.length - 1]).toEqual([head, head]);
    expect(pages.length).toBe(Math.ceil(head / 10));
  });

  it('keeps its spill file while the box is read, and removes it when the consumer stops early', async () => {
    const store = memoryStore(randomLedger(8, 50));
    let seen = 0;
    for await (const _ of ballotBoxStream(store, 'e1', undefined, { spillDir, readBatchLines: 4 })) {
      expect(readdirSync(spillDir)).toHaveLength(1);
      if (++seen === 5) break;
    }
    expect(seen).toBe(5);
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('removes its spill file when the consumer throws', async () => {
    const store = memoryStore(randomLedger(9, 50));
    await expect((async () => {
      for await (const _ of ballotBoxStream(store, 'e1', undefined, { spillDir })) throw new Error('consumer failed');
    })()).rejects.toThrow('consumer failed');
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('removes its spill file when reading the ledger fails', async () => {
    const store = memoryStore(randomLedger(10, 50), 20);
    await expect(collect(ballotBoxStream(store, 'e1', undefined, { spillDir, page: 10 }))).rejects.toThrow('ledger unavailable');
    expect(readdirSync(spillDir)).toEqual([]);
  });
});
