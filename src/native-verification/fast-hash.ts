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
    if (parts.length !== this.count || parts.some((p) => p.length !== 32)) throw new Error('IndexedChallenges: 32-byte parts expected');
    this.frame.writeUInt32BE(index, this.at);
    parts.forEach((p, k) => this.frame.set(p, this.at + 8 + 36 * k));
    const digest = createHash('sha512').update(this.frame).digest();
    return BigInt('0x' + digest.reverse().toString('hex')) % ORDER;
  }
}
