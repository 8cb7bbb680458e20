/**
 * An Ed25519 signature crafted so that only a cofactored check passes it: its nonce point R
 * carries a small-order part T, so [S]B = R − T + [k]A. Noble's default (cofactored) verify takes
 * it; RFC 8032's cofactorless check, OpenSSL's and Go's, refuses it (docs/spec/log.md §4, §8.6).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
export const leBytes = (n: bigint) => { const b = new Uint8Array(32); for (let i = 0; i < 32; i++) b[i] = Number((n >> BigInt(8 * i)) & 0xffn); return b; };
export const leNumber = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) + BigInt(x), 0n);
export const concat = (...parts: Uint8Array[]) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of parts) { out.set(p, at); at += p.length; } return out; };

/** The point of order 2 on edwards25519 (y = −1). */
export const ORDER_TWO_POINT = Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');

export function torsionedSignature(secret: Uint8Array, message: Uint8Array, torsion: InstanceType<typeof Point> = ORDER_TWO_POINT): Uint8Array {
  const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(secret);
  const r = (leNumber(sha512(concat(secret, message))) % (L - 1n)) + 1n;
  const R = Point.BASE.multiply(r).add(torsion).toBytes();
  const k = leNumber(sha512(concat(R, pointBytes, message))) % L;
  return concat(R, leBytes((r + k * scalar) % L));
}
