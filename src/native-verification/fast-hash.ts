import { createHash } from 'node:crypto';
import { ORDER } from '../domain/crypto/scalar';

/**
 * The domain's hashes (src/domain/crypto/hash.ts: frame, hashToScalar, hash256) computed with
 * node:crypto's SHA-2, which costs about a third of @noble/hashes on a ballot's 65 challenges.
 * Same frame, same bytes: test/native-verification/fast-hash.spec.ts compares them.
 *
 *   frame(tag, m₁…mₖ) = u32(|tag|) ‖ tag ‖ u32(k) ‖ u32(|m₁|) ‖ m₁ ‖ … ‖ u32(|mₖ|) ‖ mₖ
 */
function framed(tag: string, parts: readonly Uint8Array[]): Buffer {
  const tagBytes = Buffer.from(tag, 'utf8');
  let length = 8 + tagBytes.length;
  for (const p of parts) length += 4 + p.length;
  const out = Buffer.allocUnsafe(length);
  let at = out.writeUInt32BE(tagBytes.length, 0);
  at += tagBytes.copy(out, at);
  at = out.writeUInt32BE(parts.length, at);
  for (const p of parts) {
    at = out.writeUInt32BE(p.length, at);
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** SHA-512(frame) read little-endian, reduced mod ℓ (the domain's hashToScalar). */
export function hashToScalarFast(tag: string, parts: readonly Uint8Array[]): bigint {
  const digest = createHash('sha512').update(framed(tag, parts)).digest();
  return BigInt('0x' + digest.reverse().toString('hex')) % ORDER;
}

/** SHA-256(frame) (the domain's hash256). */
export function hash256Fast(tag: string, parts: readonly Uint8Array[]): Uint8Array {
  return createHash('sha256').update(framed(tag, parts)).digest();
}
