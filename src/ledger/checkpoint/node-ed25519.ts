/**
 * Ed25519 through node:crypto (OpenSSL) for the processes that run on Node: the service, the
 * witnesses, the verifier and the console. The browser keeps @noble/curves.
 *
 * Why: on this project's machine noble needs about 1.4 ms to verify one signature, and the
 * service checks every witness's cosignature on every checkpoint (about 4 s of the simulacro's
 * main thread), the simulacro every receipt's note. OpenSSL does it in a small fraction of that.
 *
 * Verification is RFC 8032 §5.1.7 in its cofactorless form with S < ℓ and canonical encodings
 * (docs/spec/log.md §4 and §8.6): every signature it accepts, noble's cofactored default accepts
 * too, so a node process is never more lenient than the board. Signing is deterministic (RFC 8032
 * §5.1.6): the same seed and message give the same 64 bytes as noble's signer.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410), followed by the 32 key bytes. */
const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
/** DER PKCS#8 header for an Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/** A verify function for one public key; false for anything OpenSSL will not take as a key or signature. */
export function nodeEd25519Verifier(publicKey: Uint8Array): (signature: Uint8Array, message: Uint8Array) => boolean {
  let keyObject: KeyObject | undefined;
  try {
    keyObject = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch {
    keyObject = undefined; // bytes OpenSSL will not take as a key: nothing verifies under it
  }
  return (signature, message) => {
    if (!keyObject || signature.length !== 64) return false;
    try {
      return verify(null, message, keyObject, signature);
    } catch {
      return false;
    }
  };
}

/** A sign function for one 32-byte seed. */
export function nodeEd25519Signer(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  const keyObject = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return (message) => new Uint8Array(sign(null, message, keyObject));
}
