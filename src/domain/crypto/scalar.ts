import { group } from './active-group';
import { InvalidEncodingError } from './group';

/**
 * Scalars of the group: integers modulo the prime order ℓ, encoded as 32 bytes
 * little-endian (the RFC 9496 / RFC 8032 convention). Decoding accepts only values < ℓ.
 */
export const ORDER = group.order;

export function mod(k: bigint): bigint {
  const r = k % ORDER;
  return r < 0n ? r + ORDER : r;
}

export function encodeScalar(k: bigint): Uint8Array {
  if (k < 0n || k >= ORDER) throw new RangeError('scalar out of range [0, ℓ)');
  const out = new Uint8Array(32);
  let v = k;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function decodeScalar(bytes: Uint8Array): bigint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new InvalidEncodingError('scalar', `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
  }
  const k = littleEndianToBigint(bytes);
  if (k >= ORDER) throw new InvalidEncodingError('scalar', 'not reduced modulo the group order');
  return k;
}

// Two hexadecimal digits per byte value: a ballot's verification reads hundreds of scalars, and
// one BigInt parse of a hex string costs a fraction of 32 shifts and ors on bigints.
const HEX_OF_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function littleEndianToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  if (bytes.length % 8 === 0) {
    // 64 bits at a time (32-byte scalars, 64-byte digests, 16-byte weights): a few BigInt
    // operations cost less than building and parsing a hex string. (No DataView: reading
    // .buffer of a small typed array moves its bytes off the V8 heap.)
    let k = 0n;
    for (let at = bytes.length - 8; at >= 0; at -= 8) {
      const low = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
      const high = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) >>> 0;
      k = (k << 64n) | (BigInt(high) << 32n) | BigInt(low);
    }
    return k;
  }
  let hex = '0x';
  for (let i = bytes.length - 1; i >= 0; i--) hex += HEX_OF_BYTE[bytes[i]];
  return BigInt(hex);
}

/** A uniformly random non-zero scalar: 64 random bytes reduced mod ℓ (bias < 2⁻²⁵⁰).
 * Uses the Web Crypto random source, present in browsers and in Node ≥ 19 as a global. */
export function randomScalar(): bigint {
  for (;;) {
    const k = mod(littleEndianToBigint(globalThis.crypto.getRandomValues(new Uint8Array(64))));
    if (k !== 0n) return k;
  }
}

export function scalarInverse(k: bigint): bigint {
  const a = mod(k);
  if (a === 0n) throw new RangeError('zero has no inverse');
  // ℓ is prime: a^(ℓ-2) = a⁻¹ (Fermat).
  return modPow(a, ORDER - 2n);
}

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % ORDER;
    b = (b * b) % ORDER;
    e >>= 1n;
  }
  return result;
}
