/**
 * Proof verification, RFC 9162 §2.1.3.2 and §2.1.4.2. Browser-safe. Every check a verifier
 * needs is here: hash lengths, index/size ranges, proof length, and the recomputed roots.
 */
import { HASH_SIZE, type HashFn, bytesEqual, hashChildren, nobleSha256 } from './hash';
import { assertSize } from './tree-math';

export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

function requireHash(what: string, value: Uint8Array): void {
  if (value.length !== HASH_SIZE) throw new ProofError(`${what} must be ${HASH_SIZE} bytes, got ${value.length}`);
}

function isOdd(x: number): boolean {
  return x % 2 === 1;
}

function half(x: number): number {
  return Math.floor(x / 2);
}

/** The root an inclusion proof leads to; throws ProofError if the proof is malformed. */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: Uint8Array[], hash: HashFn = nobleSha256): Uint8Array {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new ProofError(`leaf index ${index} is not below tree size ${size}`);
  requireHash('leaf hash', leafHash);
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const [i, p] of proof.entries()) {
    requireHash(`proof[${i}]`, p);
    if (sn === 0) throw new ProofError(`proof has ${proof.length} hashes, too many for leaf ${index} of ${size}`);
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p, hash);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`proof has ${proof.length} hashes, too few for leaf ${index} of ${size}`);
  return r;
}

/** Throws ProofError unless `proof` shows leaf `index` with `leafHash` is in the tree `root` of `size`. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: Uint8Array[], root: Uint8Array, hash: HashFn = nobleSha256): void {
  requireHash('root', root);
  const computed = rootFromInclusionProof(index, size, leafHash, proof, hash);
  if (!bytesEqual(computed, root)) throw new ProofError(`inclusion proof for leaf ${index} does not lead to the given root of size ${size}`);
}

/**
 * Throws ProofError unless `proof` shows the tree `oldRoot` of `oldSize` is a prefix of the tree
 * `newRoot` of `newSize`. Equal sizes need an empty proof and equal roots. A proof from the
 * empty tree (oldSize 0) proves nothing and is rejected, as the RFC 9162 test vectors require.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  hash: HashFn = nobleSha256,
): void {
  assertSize('oldSize', oldSize);
  assertSize('newSize', newSize);
  if (newSize < oldSize) throw new ProofError(`new size ${newSize} is smaller than old size ${oldSize}`);
  if (oldSize === 0) throw new ProofError('a consistency proof from the empty tree is meaningless');
  if (oldSize === newSize) {
    if (proof.length > 0) throw new ProofError('sizes are equal, so the proof must be empty');
    if (!bytesEqual(oldRoot, newRoot)) throw new ProofError(`two different roots for size ${oldSize}`);
    return;
  }
  requireHash('old root', oldRoot);
  requireHash('new root', newRoot);
  if (proof.length === 0) throw new ProofError('empty consistency proof for different sizes');
  proof.forEach((p, i) => requireHash(`proof[${i}]`, p));

  // When the old tree is a complete subtree, its root is the proof's implicit first element.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError(`consistency proof from ${oldSize} to ${newSize} is too long`);
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr, hash);
      sr = hashChildren(c, sr, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c, hash);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`consistency proof from ${oldSize} to ${newSize} is too short`);
  if (!bytesEqual(fr, oldRoot)) throw new ProofError(`consistency proof does not lead to the old root of size ${oldSize}`);
  if (!bytesEqual(sr, newRoot)) throw new ProofError(`consistency proof does not lead to the new root of size ${newSize}`);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
