/**
 * Checkpoint signatures checked by node:crypto (OpenSSL) instead of @noble/curves: about 50×
 * less CPU per signature, which is most of what `urna verify` spends on a record's thousand
 * checkpoints. Node only; the browser keeps noble (signed-note.ts).
 *
 * OpenSSL verifies as RFC 8032 §5.1.7 in its cofactorless form, with S < ℓ: [S]B must equal
 * R + [k]A exactly. Noble's default accepts also when the two differ by a small-order point. So
 * every signature accepted here is accepted by noble, and a log that signs with a standard
 * Ed25519 signer (as Urna's does) verifies under both; one crafted to pass only the cofactored
 * check is refused here (docs/spec/log.md §4).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { NoteVerifierKey } from './signed-note';

/** DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410), followed by the 32 key bytes. */
const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function withNodeSignatureCheck(key: NoteVerifierKey): NoteVerifierKey {
  let keyObject: KeyObject | undefined;
  try {
    keyObject = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, key.publicKey]), format: 'der', type: 'spki' });
  } catch {
    keyObject = undefined; // bytes OpenSSL will not take as a key: nothing verifies under it
  }
  return {
    ...key,
    verify: (signature, message) => {
      if (!keyObject || signature.length !== 64) return false;
      try {
        return verify(null, message, keyObject, signature);
      } catch {
        return false;
      }
    },
  };
}
