import { randomSalt } from '../../src/ledger/random-salt';

/** A sealed event's salt hides its content's hash from anyone who could guess the content: two
 * events must never share one, and none may be predictable (all zeros, a stale pool). */
describe('randomSalt', () => {
  it('hands out 32 bytes as hex, each salt once, across several refills of its pool', () => {
    const salts = Array.from({ length: 1000 }, () => randomSalt()); // 1,000 > 7 refills of 128
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('never hands out a used (wiped) or all-zero slot: the pool is refilled when spent', () => {
    const zero = '0'.repeat(64);
    for (let k = 0; k < 600; k++) expect(randomSalt()).not.toBe(zero);
  });

  it('looks uniform: each hex digit about 1/16 of 64,000 digits', () => {
    const counts = new Map<string, number>();
    for (let k = 0; k < 1000; k++) for (const c of randomSalt()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(16);
    // 4,000 expected per digit; a binomial standard deviation of ~61: ±600 is ~10σ.
    for (const n of counts.values()) expect(Math.abs(n - 4000)).toBeLessThan(600);
  });
});
