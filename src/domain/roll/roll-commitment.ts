import { merkleTreeHash } from '../../ledger/merkle/compact-range';
import { hashLeaf } from '../../ledger/merkle/hash';
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
 * The tree hashing is the log's own (src/ledger/merkle, pure and browser-safe).
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
  const leaves = [...entries].sort(compareEntries).map((e) => hashLeaf(rollEntryBytes(e)));
  return toHex(merkleTreeHash(leaves));
}
