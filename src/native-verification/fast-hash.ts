import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { littleEndianToBigint, ORDER } from '../domain/crypto/scalar';

/**
 * The domain's hashes (src/domain/crypto/hash.ts: frame, hashToScalar, hash256) computed with
 * node:crypto's SHA-2, which costs about a third of @noble/hashes on a ballot's 65 challenges.
 * Same frame, same bytes: test/native-verification/fast-hash.spec.ts compares them.
 *
 *   frame(tag, m₁…mₖ) = u32(|tag|) ‖ tag ‖ u32(k) ‖ u32(|m₁|) ‖ m₁ ‖ … ‖ u32(|mₖ|) ‖ mₖ
 */
// Node ≥ 20.12's one-shot crypto.hash costs about half of createHash().update().digest() on a
// few hundred bytes; older releases use the latter.
type OneShot = (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer;
const oneShot = (nodeCrypto as unknown as { hash?: OneShot }).hash;
const digest = (algorithm: 'sha256' | 'sha512', data: Uint8Array): Buffer => (oneShot ? oneShot(algorithm, data, 'buffer') : createHash(algorithm).update(data).digest());

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

/** A SHA-512 digest read little-endian, reduced mod ℓ. */
const scalarOf = (digest512: Uint8Array): bigint => littleEndianToBigint(digest512) % ORDER;

/** SHA-512(frame) read little-endian, reduced mod ℓ (the domain's hashToScalar). */
export function hashToScalarFast(tag: string, parts: readonly Uint8Array[]): bigint {
  return scalarOf(digest('sha512', framed(tag, parts)));
}

/** SHA-256(frame) (the domain's hash256). */
export function hash256Fast(tag: string, parts: readonly Uint8Array[]): Uint8Array {
  return digest('sha256', framed(tag, parts));
}

/** hash256Fast(tag, [utf8(text)]) in hexadecimal, the text encoded straight into the frame
 * (a ballot's 47 kB JCS is neither encoded apart nor copied again). */
export function hash256FastTextHex(tag: string, text: string): string {
  const tagBytes = Buffer.from(tag, 'utf8');
  const textLength = Buffer.byteLength(text, 'utf8');
  const out = Buffer.allocUnsafe(12 + tagBytes.length + textLength);
  let at = out.writeUInt32BE(tagBytes.length, 0);
  at += tagBytes.copy(out, at);
  at = out.writeUInt32BE(1, at);
  at = out.writeUInt32BE(textLength, at);
  out.write(text, at, 'utf8');
  return digest('sha256', out).toString('hex');
}

/**
 * hashToScalarFast(tag, [...fixed, u32(i), p₁…p₆]) for many i with the same fixed parts (a
 * contest's option challenges, proof-binding.ts): the framed prefix is written once and each
 * option only fills in its index and six 32-byte encodings.
 */
export class IndexedChallenges {
  private readonly frame: Buffer;
  private readonly at: number;

  constructor(tag: string, fixed: readonly Uint8Array[], private readonly count: number) {
    const tagBytes = Buffer.from(tag, 'utf8');
    let prefix = 8 + tagBytes.length;
    for (const p of fixed) prefix += 4 + p.length;
    this.frame = Buffer.alloc(prefix + 8 + count * 36);
    let at = this.frame.writeUInt32BE(tagBytes.length, 0);
    at += tagBytes.copy(this.frame, at);
    at = this.frame.writeUInt32BE(fixed.length + 1 + count, at);
    for (const p of fixed) {
      at = this.frame.writeUInt32BE(p.length, at);
      this.frame.set(p, at);
      at += p.length;
    }
    at = this.frame.writeUInt32BE(4, at);
    this.at = at;
    for (let k = 0; k < count; k++) this.frame.writeUInt32BE(32, at + 4 + 36 * k);
  }

  challenge(index: number, ...parts: Uint8Array[]): bigint {
    if (parts.length !== this.count) throw new Error('IndexedChallenges: 32-byte parts expected');
    this.frame.writeUInt32BE(index, this.at);
    for (let k = 0; k < parts.length; k++) {
      if (parts[k].length !== 32) throw new Error('IndexedChallenges: 32-byte parts expected');
      this.frame.set(parts[k], this.at + 8 + 36 * k);
    }
    return scalarOf(digest('sha512', this.frame));
  }
}
