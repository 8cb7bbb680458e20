import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { nodeSha256 } from '../../src/ledger/merkle/node-sha256';
import { ProofError, verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { merkleTreeHash } from '../../src/ledger/merkle/compact-range';
import { refConsistency, refLeafHash, refMth, refPath } from './reference-tree';

const leafData = (i: number) => new TextEncoder().encode(`leaf ${i}`);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const hexes = (l: Uint8Array[]) => l.map(hex);

describe('tree algorithms against a naive recursive RFC 9162 reference, sizes 1..64', () => {
  const N = 64;
  const leaves = Array.from({ length: N }, (_, i) => leafData(i));
  const tree = new MemoryMerkleTree();
  // Built in beforeAll, not while Jest collects the tests: broken hashing then fails these tests
  // instead of the file's loading (which mutation testing counts as an error, not a kill).
  beforeAll(() => leaves.forEach((d) => tree.appendData(d)));

  it('hashes leaves as SHA-256(0x00 || data), same with noble and node:crypto', () => {
    expect(hex(hashLeaf(leaves[3]))).toBe(hex(refLeafHash(leaves[3])));
    expect(hex(hashLeaf(leaves[3], nodeSha256))).toBe(hex(refLeafHash(leaves[3])));
  });

  it('computes every root 0..64', async () => {
    for (let n = 0; n <= N; n++) expect(hex(await tree.root(n))).toBe(hex(refMth(leaves.slice(0, n))));
  });

  it('computes the tree hash of a whole leaf list (merkleTreeHash, used by the roll commitment) 0..64', () => {
    for (let n = 0; n <= N; n++) expect(hex(merkleTreeHash(leaves.slice(0, n).map((d) => hashLeaf(d))))).toBe(hex(refMth(leaves.slice(0, n))));
  });

  it('builds and verifies every inclusion proof', async () => {
    for (let n = 1; n <= N; n++) {
      const root = await tree.root(n);
      for (let i = 0; i < n; i++) {
        const proof = await tree.inclusionProof(i, n);
        expect(hexes(proof)).toEqual(hexes(refPath(i, leaves.slice(0, n))));
        verifyInclusion(i, n, refLeafHash(leaves[i]), proof, root);
        // the same proof must not verify another leaf
        if (n > 1) expect(() => verifyInclusion((i + 1) % n, n, refLeafHash(leaves[i]), proof, root)).toThrow(ProofError);
      }
    }
  });

  it('builds and verifies every consistency proof', async () => {
    for (let n = 1; n <= N; n++) {
      const newRoot = await tree.root(n);
      for (let m = 1; m <= n; m++) {
        const proof = await tree.consistencyProof(m, n);
        expect(hexes(proof)).toEqual(m === n ? [] : hexes(refConsistency(m, leaves.slice(0, n))));
        const oldRoot = await tree.root(m);
        verifyConsistency(m, n, proof, oldRoot, newRoot);
        if (m < n) {
          const wrongOld = refMth([...leaves.slice(0, m - 1), leafData(999)]);
          expect(() => verifyConsistency(m, n, proof, wrongOld, newRoot)).toThrow(ProofError);
        }
      }
    }
  });

  it('current root from the compact range equals the root from stored nodes', async () => {
    expect(hex(tree.currentRoot())).toBe(hex(await tree.root(N)));
  });

  it('rejects impossible requests', async () => {
    await expect(tree.inclusionProof(64, 64)).rejects.toThrow(RangeError);
    await expect(tree.inclusionProof(0, 65)).rejects.toThrow(RangeError);
    await expect(tree.consistencyProof(0, 5)).rejects.toThrow(RangeError);
    await expect(tree.consistencyProof(6, 5)).rejects.toThrow(RangeError);
  });
});
