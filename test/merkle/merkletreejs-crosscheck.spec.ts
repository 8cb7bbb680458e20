/** Independent cross-check: merkletreejs 0.6 configured for RFC 9162 (leaf hashes given with the
 * 0x00 prefix applied, hashLeaves false, a concatenator prepending 0x01) agrees with our roots
 * and accepts our inclusion proofs, for random trees. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MerkleTree } from 'merkletreejs';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { inclusionRanges } from '../../src/ledger/merkle/tree-math';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const rfc9162 = { hashLeaves: false, concatenator: (parts: Buffer[]) => Buffer.concat([Buffer.from([1]), ...parts]) };

describe('merkletreejs cross-check', () => {
  it('same roots and mutually accepted inclusion proofs for random trees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 300 }), fc.nat(), async (datas, pick) => {
        const ours = new MemoryMerkleTree();
        datas.forEach((d) => ours.appendData(d));
        const leafHashes = datas.map((d) => Buffer.from(hashLeaf(d)));
        const theirs = new MerkleTree(leafHashes, sha256, rfc9162);
        const n = datas.length;
        const root = await ours.root(n);
        expect(Buffer.from(root).toString('hex')).toBe(theirs.getRoot().toString('hex'));

        const index = pick % n;
        const proof = await ours.inclusionProof(index, n);
        // Our proof in merkletreejs' shape: each sibling is left or right of the path.
        const ranges = inclusionRanges(index, n);
        const asTheirs = proof.map((h, i) => ({ position: ranges[i].start > index ? 'right' : 'left', data: Buffer.from(h) }));
        expect(theirs.verify(asTheirs, leafHashes[index], theirs.getRoot())).toBe(true);
        expect(theirs.getProof(leafHashes[index], index).map((p) => p.data.toString('hex'))).toEqual(proof.map((h) => Buffer.from(h).toString('hex')));
      }),
      { numRuns: 150 },
    );
  });
});
