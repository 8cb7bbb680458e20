import { sha256 } from '@noble/hashes/sha2.js';
import { frame, toHex, utf8 } from '../crypto/hash';

/**
 * The public commitment to the roll (docs/spec/roll-and-authentication.md, "Roll commitment"):
 * an RFC 9162 Merkle tree hash over the roll's entries sorted by pseudonym (byte order of
 * their ASCII), each entry being
 *
 *   entry = frame("urna/v1/roll-entry", ascii(pseudonym), ascii(entity))
 *   leaf  = SHA-256(0x00 ‖ entry)           node = SHA-256(0x01 ‖ left ‖ right)
 *   MTH({}) = SHA-256("")                    split at the largest power of two < n
 *
 * The entity of origin is in the entry because it decides the ballot style: with it, anyone
 * can check that each ballot was cast by a listed pseudonym in the style it was entitled to.
 */
export const ROLL_ENTRY_TAG = 'urna/v1/roll-entry';

export interface RollEntry {
  pseudonym: string;
  /** INEGI code of the entity of origin. */
  entity: string;
}

export function rollEntryBytes(entry: RollEntry): Uint8Array {
  return frame(ROLL_ENTRY_TAG, [utf8(entry.pseudonym), utf8(entry.entity)]);
}

export function compareEntries(a: RollEntry, b: RollEntry): number {
  return a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0;
}

/** Hex Merkle tree hash over the entries (sorted here; the input order does not matter). */
export function rollCommitment(entries: readonly RollEntry[]): string {
  const leaves = [...entries].sort(compareEntries).map((e) => leafHash(rollEntryBytes(e)));
  return toHex(treeHash(leaves, 0, leaves.length));
}

function leafHash(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + data.length);
  buf[0] = 0x00;
  buf.set(data, 1);
  return sha256(buf);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

function treeHash(leaves: Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 0) return sha256(new Uint8Array(0));
  if (n === 1) return leaves[from];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
}
