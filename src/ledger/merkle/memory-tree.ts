/**
 * A whole Merkle log in memory: the same algorithms as the PostgreSQL log over a Map. Used by
 * tests as a second implementation and by auditors who rebuild the tree from /log/entries.
 */
import { type HashFn, hashLeaf, nobleSha256 } from './hash';
import { CompactRange } from './compact-range';
import { type HashReader, proveConsistency, proveInclusion, treeRoot } from './proof-builder';
import { type NodeId, nodeKey } from './tree-math';

export class MemoryMerkleTree implements HashReader {
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly range: CompactRange;

  constructor(private readonly hash: HashFn = nobleSha256) {
    this.range = new CompactRange(0, [], hash);
  }

  get size(): number {
    return this.range.size;
  }

  appendData(data: Uint8Array): void {
    this.appendLeafHash(hashLeaf(data, this.hash));
  }

  appendLeafHash(leafHash: Uint8Array): void {
    for (const n of this.range.append(leafHash)) this.nodes.set(nodeKey(n), n.hash);
  }

  /** Root of the current tree, from the compact range (no node reads). */
  currentRoot(): Uint8Array {
    return this.range.root();
  }

  async readHashes(ids: NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => {
      const h = this.nodes.get(nodeKey(id));
      if (!h) throw new Error(`node ${nodeKey(id)} does not exist`);
      return h;
    });
  }

  async root(size: number): Promise<Uint8Array> {
    this.checkSize(size);
    return treeRoot(size, this, this.hash);
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    this.checkSize(size);
    return proveInclusion(index, size, this, this.hash);
  }

  async consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    this.checkSize(newSize);
    return proveConsistency(oldSize, newSize, this, this.hash);
  }

  private checkSize(size: number): void {
    if (size > this.size) throw new RangeError(`size ${size} exceeds the tree size ${this.size}`);
  }
}
