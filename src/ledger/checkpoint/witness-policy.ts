/**
 * The election's witness policy (docs/spec/log.md §8.3): n named witnesses, each with its
 * cosignature/v1 key, and a quorum k. A checkpoint is trusted against split views when at least
 * k distinct configured witnesses cosigned it. Browser-safe: the board applies the same rule.
 */
import { type CosignerKey, type VerifiedCosignature, parseCosignerKey, verifyCosignatures } from './cosignature';
import { NoteError } from './signed-note';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../merkle/encoding';

export interface WitnessEntry {
  /** Its cosigner key name (the vkey's name). */
  name: string;
  /** `<name>+<key ID>+base64(0x04 || public key)`. */
  vkey: string;
  /** Submission prefix of its tlog-witness API (the log posts `<url>/add-checkpoint`). */
  url: string;
}

export interface WitnessPolicy {
  quorum: number;
  witnesses: WitnessEntry[];
}

export interface QuorumResult {
  quorum: number;
  /** Witnesses whose cosignature on the note verifies, in configuration order. */
  cosigners: VerifiedCosignature[];
  met: boolean;
}

/** Validates a policy: distinct names and keys, 0 ≤ k ≤ n (k = 0 only with no witnesses). */
export function checkWitnessPolicy(policy: WitnessPolicy): CosignerKey[] {
  const keys = policy.witnesses.map((w) => {
    const key = parseCosignerKey(w.vkey);
    if (key.name !== w.name) throw new NoteError(`witness "${w.name}" has a key named "${key.name}"`);
    return key;
  });
  if (new Set(keys.map((k) => k.name)).size !== keys.length) throw new NoteError('two witnesses share a name');
  if (!Number.isSafeInteger(policy.quorum) || policy.quorum < 0 || policy.quorum > keys.length) {
    throw new NoteError(`quorum ${policy.quorum} is not between 0 and the ${keys.length} witnesses`);
  }
  if (keys.length > 0 && policy.quorum === 0) throw new NoteError('a quorum of 0 would trust no witness; give at least 1');
  return keys;
}

/**
 * Which configured witnesses cosigned `note`, and whether they reach the quorum. Throws on a
 * forged cosignature. `withCheck`: how each key checks its signatures (node processes give
 * node-note-verifier.ts's withNodeCosignatureCheck; the default is noble's, for the browser).
 */
export function checkQuorum(note: string, policy: WitnessPolicy, withCheck: (key: CosignerKey) => CosignerKey = (key) => key): QuorumResult {
  const keys = checkWitnessPolicy(policy).map(withCheck);
  const found = verifyCosignatures(note, keys);
  const cosigners = keys.flatMap((k) => found.filter((f) => f.name === k.name && f.keyId === k.keyId));
  return { quorum: policy.quorum, cosigners, met: cosigners.length >= policy.quorum };
}

/**
 * A short fingerprint of a vkey a person can compare by eye: the first 8 bytes of
 * SHA-256(UTF-8(vkey)) in four groups of four hex digits separated by a space ("3f2a 91c0 …", as the log key's, log.md §4.3). 64 bits, not the
 * 32-bit key ID, so that grinding a look-alike key is out of reach.
 */
export function keyFingerprint(vkey: string): string {
  const hex = toHex(sha256(utf8(vkey))).slice(0, 16);
  return hex.match(/.{4}/g)!.join(' ');
}
