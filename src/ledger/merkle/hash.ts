/**
 * RFC 9162 (§2.1.1) tree hashing with leaf/node domain separation. Browser-safe: no `node:`
 * imports. The hash function is a parameter so the server can pass node:crypto's SHA-256
 * (about twice as fast, see node-sha256.ts) while browsers use @noble/hashes.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** A SHA-256 implementation: bytes in, 32 bytes out. */
export type HashFn = (data: Uint8Array) => Uint8Array;

export const HASH_SIZE = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

export const nobleSha256: HashFn = (data) => sha256(data);

/** Root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export function emptyTreeRoot(hash: HashFn = nobleSha256): Uint8Array {
  return hash(new Uint8Array(0));
}

/** Leaf hash: SHA-256(0x00 || leaf data). */
export function hashLeaf(data: Uint8Array, hash: HashFn = nobleSha256): Uint8Array {
  const buf = new Uint8Array(data.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return hash(buf);
}

/** Interior node hash: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array, hash: HashFn = nobleSha256): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return hash(buf);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
