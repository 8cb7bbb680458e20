/**
 * The range guards of the tree math: every size, index and range that no RFC 9162 proof can
 * have is refused with a RangeError (or Error) naming the bad value, before any hash is read.
 * A guard that let one through would make the prover ask storage for nodes that do not exist
 * (or answer a proof for a leaf past the tree), so each test tries one bad input per guard and
 * checks the message, since a missing guard often still throws later, from splitPoint.
 */
import { assertSize, consistencyRanges, inclusionRanges, rootSubtrees, splitPoint, subtreesOf } from '../../src/ledger/merkle/tree-math';

describe('assertSize: non-negative safe integers only', () => {
  it.each([0, 1, 7, Number.MAX_SAFE_INTEGER])('accepts %p', (v) => {
    expect(() => assertSize('size', v)).not.toThrow();
  });
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %p, naming the value', (v) => {
    expect(() => assertSize('treeSize', v)).toThrow(RangeError);
    expect(() => assertSize('treeSize', v)).toThrow(`treeSize must be a non-negative safe integer, got ${v}`);
  });
});

describe('splitPoint: only trees of two or more leaves split', () => {
  it.each([0, 1, -3])('refuses %p leaves', (n) => {
    expect(() => splitPoint(n)).toThrow(RangeError);
    expect(() => splitPoint(n)).toThrow(`cannot split a tree of ${n} leaves`);
  });
  it('the largest power of two strictly below n', () => {
    expect([2, 3, 4, 5, 8, 9].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8]);
  });
});

describe('subtreesOf: a range that is not a chain of aligned, shrinking subtrees is refused', () => {
  it('refuses a range whose start is not aligned to its subtrees', () => {
    // [1, 3) is leaf 1 then leaf 2: two equal widths, which no RFC 9162 subtree decomposes into.
    expect(() => subtreesOf({ start: 1, end: 3 })).toThrow('range [1, 3) is not a Merkle subtree');
    expect(() => subtreesOf({ start: 3, end: 7 })).toThrow('range [3, 7) is not a Merkle subtree');
  });
  it('decomposes aligned ranges largest first', () => {
    expect(subtreesOf({ start: 4, end: 7 })).toEqual([{ level: 1, index: 2 }, { level: 0, index: 6 }]);
    expect(subtreesOf({ start: 8, end: 16 })).toEqual([{ level: 3, index: 1 }]);
  });
  it('the empty tree has no subtrees', () => {
    expect(rootSubtrees(0)).toEqual([]);
    expect(rootSubtrees(6)).toEqual([{ level: 2, index: 0 }, { level: 1, index: 2 }]);
  });
});

describe('inclusionRanges: only a leaf inside the tree has a path', () => {
  it('refuses a bad size or index, naming which', () => {
    expect(() => inclusionRanges(0, -1)).toThrow('size must be a non-negative safe integer, got -1');
    expect(() => inclusionRanges(-1, 4)).toThrow('index must be a non-negative safe integer, got -1');
    expect(() => inclusionRanges(0.5, 4)).toThrow('index must be a non-negative safe integer, got 0.5');
  });
  it('refuses a leaf at or past the tree size', () => {
    expect(() => inclusionRanges(4, 4)).toThrow(RangeError);
    expect(() => inclusionRanges(4, 4)).toThrow('leaf index 4 is not below tree size 4');
    expect(() => inclusionRanges(0, 0)).toThrow('leaf index 0 is not below tree size 0');
  });
  it('the last leaf has a path, and a one-leaf tree an empty one', () => {
    expect(inclusionRanges(3, 4)).toEqual([{ start: 2, end: 3 }, { start: 0, end: 2 }]);
    expect(inclusionRanges(0, 1)).toEqual([]);
  });
});

describe('consistencyRanges: only 0 < old size <= new size', () => {
  it('refuses a bad size, naming which', () => {
    expect(() => consistencyRanges(-1, 4)).toThrow('oldSize must be a non-negative safe integer, got -1');
    expect(() => consistencyRanges(1, -1)).toThrow('newSize must be a non-negative safe integer, got -1');
  });
  it('refuses from the empty tree and backwards, with its own message', () => {
    expect(() => consistencyRanges(0, 4)).toThrow(RangeError);
    expect(() => consistencyRanges(0, 4)).toThrow('no consistency proof from size 0 to 4');
    expect(() => consistencyRanges(5, 4)).toThrow('no consistency proof from size 5 to 4');
  });
  it('a tree is consistent with itself by an empty proof', () => {
    expect(consistencyRanges(4, 4)).toEqual([]);
    expect(consistencyRanges(3, 3)).toEqual([]);
  });
});
