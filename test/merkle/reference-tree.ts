/** A deliberately naive, recursive RFC 9162 §2.1 implementation (MTH, PATH, PROOF) used only
 * to check the real one. Clarity over speed: it re-hashes whole subtrees every time. */
import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
export const refLeafHash = (d: Uint8Array) => sha(Uint8Array.of(0), d);

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

export function refMth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return refLeafHash(leaves[0]);
  const s = k(leaves.length);
  return sha(Uint8Array.of(1), refMth(leaves.slice(0, s)), refMth(leaves.slice(s)));
}

export function refPath(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const s = k(leaves.length);
  return m < s
    ? [...refPath(m, leaves.slice(0, s)), refMth(leaves.slice(s))]
    : [...refPath(m - s, leaves.slice(s)), refMth(leaves.slice(0, s))];
}

function subproof(m: number, leaves: Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [refMth(leaves)];
  const s = k(n);
  return m <= s
    ? [...subproof(m, leaves.slice(0, s), b), refMth(leaves.slice(s))]
    : [...subproof(m - s, leaves.slice(s), false), refMth(leaves.slice(0, s))];
}

export function refConsistency(m: number, leaves: Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}
