import { sha256 } from '@noble/hashes/sha2.js';
import { parseVerifierKey } from '../ledger/checkpoint/signed-note';

/**
 * What a person compares by eye between the opening report, the configuration printout, a
 * witness's screen and the booth: the first 16 hex digits of SHA-256 over the verifier key's
 * text (`<origin>+<key id>+<base64 key>`, UTF-8), in four groups of four, e.g. "3f2a 91c0 7be4
 * 0d15". Hashing the whole text binds the origin as well as the key bytes, so a log renamed
 * under the same key shows another fingerprint (docs/spec/log.md §4.3). The verifier key is
 * checked to be one first.
 */
export function logKeyFingerprint(verifierKey: string): string {
  parseVerifierKey(verifierKey);
  const digest = sha256(new TextEncoder().encode(verifierKey));
  const hex = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.replace(/(.{4})(?!$)/g, '$1 ');
}
