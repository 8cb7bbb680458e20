/**
 * Index arithmetic of the RFC 9162 Merkle tree, shared by the prover and the storage layer.
 *
 * Storage addresses complete subtrees only: node (level, index) is the hash of the 2^level
 * leaves [index·2^level, (index+1)·2^level). Such a node never changes once its last leaf
 * exists, so it can be written once and read by anyone. Every other hash a proof needs
 * (the ragged right edge of a tree) is the fold of O(log n) of these nodes.
 *
 * Sizes are plain numbers (exact up to 2^53); we never use 32-bit bitwise operators on them.
 */

export interface NodeId {
  level: number;
  index: number;
}

/** A range of leaves [start, end) whose RFC 9162 subtree hash a proof needs. */
export interface LeafRange {
  start: number;
  end: number;
}

export function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

/** Largest power of two strictly smaller than n (n >= 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  if (n < 2) throw new RangeError(`cannot split a tree of ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete subtrees whose fold is the hash of [start, end), largest first.
 * Valid for the ranges RFC 9162 proofs use: each is the binary decomposition of its length. */
export function subtreesOf(range: LeafRange): NodeId[] {
  const ids: NodeId[] = [];
  let at = range.start;
  let lastWidth = Infinity;
  while (at < range.end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= range.end) level++;
    const width = 2 ** level;
    if (width >= lastWidth) throw new Error(`range [${range.start}, ${range.end}) is not a Merkle subtree`);
    ids.push({ level, index: at / width });
    lastWidth = width;
    at += width;
  }
  return ids;
}

/** Complete subtrees covering the whole tree of `size` leaves (its root's decomposition). */
export function rootSubtrees(size: number): NodeId[] {
  return size === 0 ? [] : subtreesOf({ start: 0, end: size });
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, in proof order (leaf to root). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  assertSize('size', size);
  assertSize('index', index);
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
    }
  }
  return ranges.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as leaf ranges, in proof order. Requires 0 < m <= n. */
export function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  assertSize('oldSize', oldSize);
  assertSize('newSize', newSize);
  if (oldSize === 0 || oldSize > newSize) throw new RangeError(`no consistency proof from size ${oldSize} to ${newSize}`);
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = newSize;
  let m = oldSize; // relative to start
  let wholeOldTree = true; // RFC's flag b: is [start, start+m) the complete old tree?
  for (;;) {
    if (m === end - start) {
      if (!wholeOldTree) ranges.push({ start, end });
      break;
    }
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  return ranges.reverse();
}

export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}
