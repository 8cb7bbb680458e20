import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { mod, littleEndianToBigint, encodeScalar } from './scalar';
import { group } from './active-group';
import type { GroupElement } from './group';

/**
 * Every hash in Urna's cryptography is domain-separated and length-prefixed, so that no two
 * different inputs (or the same input under two purposes) frame to the same bytes
 * (docs/spec/crypto.md, "Hashing"):
 *
 *   frame(tag, m₁…mₖ) = u32(|tag|) ‖ tag ‖ u32(k) ‖ u32(|m₁|) ‖ m₁ ‖ … ‖ u32(|mₖ|) ‖ mₖ
 *
 * with u32 a 4-byte big-endian length and tag ASCII. Digests: hash256 = SHA-256(frame),
 * hashToScalar = SHA-512(frame) read little-endian, reduced mod ℓ.
 */
export type HashPart = Uint8Array;

const textEncoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return textEncoder.encode(s);
}

export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** 8-byte big-endian unsigned integer. */
export function u64(n: number | bigint): Uint8Array {
  let v = BigInt(n);
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`u64 out of range: ${n}`);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export const element = (e: GroupElement): Uint8Array => group.encode(e);
export const scalar = (k: bigint): Uint8Array => encodeScalar(k);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function frame(tag: string, parts: HashPart[]): Uint8Array {
  const t = utf8(tag);
  const pieces: Uint8Array[] = [u32(t.length), t, u32(parts.length)];
  for (const p of parts) pieces.push(u32(p.length), p);
  return concatBytes(...pieces);
}

export function hash256(tag: string, ...parts: HashPart[]): Uint8Array {
  return sha256(frame(tag, parts));
}

export function hashToScalar(tag: string, ...parts: HashPart[]): bigint {
  return mod(littleEndianToBigint(sha512(frame(tag, parts))));
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string, expectedBytes?: number): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) {
    throw new Error('expected lowercase hexadecimal with an even number of digits');
  }
  if (expectedBytes !== undefined && hex.length !== expectedBytes * 2) {
    throw new Error(`expected ${expectedBytes} bytes of hexadecimal, got ${hex.length / 2}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
