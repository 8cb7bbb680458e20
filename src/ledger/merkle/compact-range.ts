/**
 * The right edge of the tree: one complete-subtree hash per set bit of the size. Appending a
 * leaf merges equal-sized subtrees and yields every complete subtree that the leaf finishes,
 * which is exactly what storage must write. O(log n) memory, used by the single sequencer.
 */
import { type HashFn, emptyTreeRoot, nobleSha256, hashChildren } from './hash';
import { foldSubtrees } from './proof-builder';
import type { NodeId } from './tree-math';
import { rootSubtrees } from './tree-math';

export interface StoredNode extends NodeId {
  hash: Uint8Array;
}

export class CompactRange {
  /** level -> hash of the complete subtree at that level on the right edge. */
  private readonly edge = new Map<number, Uint8Array>();

  constructor(
    private treeSize: number,
    edgeHashes: Uint8Array[],
    private readonly hash: HashFn = nobleSha256,
  ) {
    const ids = rootSubtrees(treeSize);
    if (ids.length !== edgeHashes.length) throw new Error(`tree of size ${treeSize} needs ${ids.length} edge hashes, got ${edgeHashes.length}`);
    ids.forEach((id, i) => this.edge.set(id.level, edgeHashes[i]));
  }

  /** The nodes to read to rebuild the edge of a tree of `size` (see constructor). */
  static edgeIds(size: number): NodeId[] {
    return rootSubtrees(size);
  }

  get size(): number {
    return this.treeSize;
  }

  /** Adds one leaf hash; returns the nodes it completes, the leaf itself (level 0) first. */
  append(leafHash: Uint8Array): StoredNode[] {
    const written: StoredNode[] = [{ level: 0, index: this.treeSize, hash: leafHash }];
    let level = 0;
    let index = this.treeSize;
    let current = leafHash;
    while (index % 2 === 1) {
      const left = this.edge.get(level);
      if (!left) throw new Error(`compact range is missing level ${level}`);
      this.edge.delete(level);
      current = hashChildren(left, current, this.hash);
      level++;
      index = Math.floor(index / 2);
      written.push({ level, index, hash: current });
    }
    this.edge.set(level, current);
    this.treeSize++;
    return written;
  }

  /** The right edge in the constructor's order (largest subtree first): what a follower
   * stores to resume appending later (urna monitor's state). */
  edgeHashes(): Uint8Array[] {
    return rootSubtrees(this.treeSize).map((id) => this.edge.get(id.level)!);
  }

  root(): Uint8Array {
    if (this.treeSize === 0) return emptyTreeRoot(this.hash);
    const levels = [...this.edge.keys()].sort((a, b) => b - a);
    return foldSubtrees(levels.map((l) => this.edge.get(l)!), this.hash);
  }
}

/**
 * RFC 9162 Merkle tree hash (MTH) of a whole list of leaf hashes, in order: for commitments
 * computed at once (the roll) rather than grown leaf by leaf like the log. Browser-safe.
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[], hash: HashFn = nobleSha256): Uint8Array {
  const range = new CompactRange(0, [], hash);
  for (const leaf of leafHashes) range.append(leaf);
  return range.root();
}
