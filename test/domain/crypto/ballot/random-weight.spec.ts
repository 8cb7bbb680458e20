/**
 * The batch verifier's weights (linear-combination.ts): if an adversary could predict them, or
 * if two equations shared one, a failing equation could be cancelled by another. They come from
 * a pooled Web Crypto draw: each 16 bytes used once, never zero, one draw per 256 weights.
 */
import { randomWeight } from '../../../../src/domain/crypto/ballot/linear-combination';

describe('randomWeight', () => {
  afterEach(() => jest.restoreAllMocks());

  it('gives 10,000 distinct non-zero weights below 2^128, drawing Web Crypto once per 256', () => {
    const draw = jest.spyOn(globalThis.crypto, 'getRandomValues');
    const seen = new Set<bigint>();
    for (let i = 0; i < 10_000; i++) {
      const w = randomWeight();
      expect(w > 0n && w < 1n << 128n).toBe(true);
      seen.add(w);
    }
    expect(seen.size).toBe(10_000);
    expect(draw.mock.calls.length).toBeLessThanOrEqual(Math.ceil(10_000 / 256) + 1);
    expect(draw.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(10_000 / 256));
  });

  it('never hands out the same bytes twice, and skips a zero weight', () => {
    // Web Crypto made to give a pool whose first 16 bytes are zero and the rest a counter:
    // the zero is skipped and every later weight is its own slice.
    jest.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      bytes.fill(0);
      for (let k = 1; k < bytes.length / 16; k++) bytes[16 * k] = k & 0xff, bytes[16 * k + 1] = k >> 8;
      return array;
    });
    // Drain whatever an earlier test left in the pool, then start a fresh one.
    const first = new Set<bigint>();
    let fresh = 0;
    for (let i = 0; i < 600; i++) {
      const w = randomWeight();
      expect(w).not.toBe(0n);
      if (w === 1n) fresh++;
      first.add(w);
    }
    expect(fresh).toBeGreaterThanOrEqual(1);
    // Between two refills (weights 1 … 255 of one pool), none repeats.
    const run: bigint[] = [];
    for (let i = 0; i < 255; i++) run.push(randomWeight());
    expect(new Set(run).size).toBe(255);
  });
});
