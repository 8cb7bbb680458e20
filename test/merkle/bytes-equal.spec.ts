/**
 * bytesEqual compares hashes from proofs and checkpoints. A proof or a stored hash may be
 * short or long (truncated, or with bytes appended), so equal prefixes must not be enough.
 */
import { bytesEqual } from '../../src/ledger/merkle/hash';

const b = (...v: number[]) => Uint8Array.from(v);

describe('bytesEqual', () => {
  it('equal bytes, and the empty arrays, are equal', () => {
    expect(bytesEqual(b(1, 2, 3), b(1, 2, 3))).toBe(true);
    expect(bytesEqual(b(), b())).toBe(true);
  });
  it('a difference in any byte, first or last, is unequal', () => {
    expect(bytesEqual(b(9, 2, 3), b(1, 2, 3))).toBe(false);
    expect(bytesEqual(b(1, 2, 3), b(1, 2, 4))).toBe(false);
  });
  it('a prefix is not equal to the longer array, in either order', () => {
    expect(bytesEqual(b(1, 2), b(1, 2, 3))).toBe(false);
    expect(bytesEqual(b(1, 2, 3), b(1, 2))).toBe(false);
    expect(bytesEqual(b(), b(0))).toBe(false);
    expect(bytesEqual(b(0), b())).toBe(false);
  });
});
