import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';

/**
 * RFC 9496 §4.3.1–4.3.2 ristretto255 decoding and encoding, written out over bigints with a cheaper reduction
 * than the generic one noble uses: verification decodes ~6 elements per ballot option, and
 * the inverse square root in each decode (≈ 254 field squarings) is most of a ballot's
 * verification time; encryption encodes as many. Same accept/reject decisions, points and
 * bytes as noble's `fromBytes`/`toBytes` (test/domain/crypto/ballot/decode.spec.ts checks
 * them on random and crafted inputs).
 *
 * Field elements stay below 2²⁵⁶ between operations (p = 2²⁵⁵ − 19, so 2²⁵⁵ ≡ 19) and are
 * fully reduced only where compared or returned.
 */
type RistrettoPoint = InstanceType<typeof ristretto255.Point>;
const RP = ristretto255.Point;
const EP = ed25519.Point;

const p = 2n ** 255n - 19n;
const MASK_255 = (1n << 255n) - 1n;
const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;

function reduce(x: bigint): bigint {
  x = (x & MASK_255) + 19n * (x >> 255n);
  return (x & MASK_255) + 19n * (x >> 255n);
}
const mul = (a: bigint, b: bigint) => reduce(a * b);
function sqr(x: bigint, times = 1): bigint {
  for (let i = 0; i < times; i++) x = reduce(x * x);
  return x;
}
const canonical = (x: bigint) => x % p;
const isNegative = (x: bigint) => (canonical(x) & 1n) === 1n;
const abs = (x: bigint) => (isNegative(x) ? p - canonical(x) : canonical(x));

/** x^((p−5)/8) = x^(2²⁵² − 3), the usual addition chain. */
function pow22523(x: bigint): bigint {
  const b2 = mul(sqr(x), x); // x^3
  const b4 = mul(sqr(b2, 2), b2); // x^15
  const b5 = mul(sqr(b4), x); // x^31
  const b10 = mul(sqr(b5, 5), b5);
  const b20 = mul(sqr(b10, 10), b10);
  const b40 = mul(sqr(b20, 20), b20);
  const b80 = mul(sqr(b40, 40), b40);
  const b160 = mul(sqr(b80, 80), b80);
  const b240 = mul(sqr(b160, 80), b80);
  const b250 = mul(sqr(b240, 10), b10);
  return mul(sqr(b250, 2), x);
}

/** RFC 9496 SQRT_RATIO_M1(1, v): returns [wasSquare, r] with r non-negative. */
function invSqrt(v: bigint): [boolean, bigint] {
  const v3 = mul(sqr(v), v);
  const v7 = mul(sqr(v3), v);
  let r = mul(v3, pow22523(v7));
  const check = canonical(mul(v, sqr(r)));
  const correctSign = check === 1n;
  const flippedSign = check === p - 1n;
  const flippedSignI = check === canonical(p - SQRT_M1);
  if (flippedSign || flippedSignI) r = mul(r, SQRT_M1);
  return [correctSign || flippedSign, abs(r)];
}

/** Returns null for anything that is not the canonical encoding of an element. */
export function decodeRistretto(bytes: Uint8Array): RistrettoPoint | null {
  if (bytes.length !== 32) return null;
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(bytes[i]);
  // Canonical (s < p, which also excludes the top bit) and non-negative (even).
  if (s >= p || (s & 1n) === 1n) return null;
  const ss = sqr(s);
  const u1 = reduce(1n + p - canonical(ss)); // 1 − s²
  const u2 = reduce(1n + ss); // 1 + s²
  const u2sq = sqr(u2);
  const v = reduce(2n * p - canonical(mul(D, sqr(u1))) + p - canonical(u2sq)); // −d·u1² − u2²
  const [wasSquare, invsqrt] = invSqrt(mul(v, u2sq));
  const denX = mul(invsqrt, u2);
  const denY = mul(mul(invsqrt, denX), v);
  const x = abs(mul(2n * s, denX));
  const y = canonical(mul(u1, denY));
  const t = canonical(mul(x, y));
  if (!wasSquare || (t & 1n) === 1n || y === 0n) return null;
  return new RP(new EP(x, y, 1n, t));
}

/** RFC 9496 §4.3.2: the canonical 32-byte encoding of the element represented by `point`. */
export function encodeRistretto(point: RistrettoPoint): Uint8Array {
  const { X, Y, Z, T } = (point as unknown as { ep: Extended }).ep;
  const u1 = mul(reduce(Z + Y), reduce(Z + p - canonical(Y)));
  const u2 = mul(X, Y);
  const [, invsqrt] = invSqrt(mul(u1, sqr(u2)));
  return encodeGivenInvSqrt({ X, Y, Z, T }, u1, u2, invsqrt);
}

/** Extended coordinates of an Edwards representative: x = X/Z, y = Y/Z, x·y = T/Z. */
export interface Extended {
  readonly X: bigint;
  readonly Y: bigint;
  readonly Z: bigint;
  readonly T: bigint;
}

/**
 * The rest of §4.3.2 once `invsqrt` = ±1/√(u1·u2²) is known. Its sign does not matter: it flips
 * den1, den2 and so s, which is made non-negative at the end, while z_inv = den1·den2·T keeps it.
 */
function encodeGivenInvSqrt({ X, Y, Z, T }: Extended, u1: bigint, u2: bigint, invsqrt: bigint): Uint8Array {
  const den1 = mul(invsqrt, u1);
  const den2 = mul(invsqrt, u2);
  const zInv = mul(mul(den1, den2), T);
  const rotate = isNegative(mul(T, zInv));
  const x = rotate ? mul(Y, SQRT_M1) : X;
  let y = rotate ? mul(X, SQRT_M1) : Y;
  const denInv = rotate ? mul(den1, INVSQRT_A_MINUS_D) : den2;
  if (isNegative(mul(x, zInv))) y = p - canonical(y);
  let sv = abs(mul(denInv, reduce(Z + p - canonical(y))));
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(sv & 0xffn);
    sv >>= 8n;
  }
  return out;
}

/**
 * The encodings of 2·h for every h, with one field inversion for all of them instead of one
 * inverse square root each (the idea of "batched double-and-encode" in the Ristretto design
 * notes, ristretto.group). For 2h = (E·F : G·H : F·G : E·H), where h doubles as
 * E = 2XY = 2TZ, G = Y² − X², F = G − 2Z², H = −(X² + Y²), the encoding's radicand is
 *   u1·u2² = G²(F² − H²)·(E·F·G·H)² = (F² − H²)·(E·F·G²·H)²,
 * and on the curve (Y² − Z²)(X² + Z²) = (1 + d)·T²Z², so F² − H² = −4(Y² − Z²)(X² + Z²)
 * = (a − d)·E² with a = −1. Hence ±1/√(u1·u2²) = INVSQRT_A_MINUS_D / (E²·F·G²·H): a quotient,
 * no square root. E·F·G·H vanishes only when T = 0 (F and G cannot, d and −d being
 * non-squares; H = 0 would make h of order 8), i.e. when h represents the identity, whose
 * double encodes as 32 zero bytes. Same bytes as encodeRistretto(2h) (decode.spec.ts).
 * The inversion is a fixed exponentiation (x^(p−2)), as the inverse square roots were: the
 * points come from the booth's secret nonces.
 */
export function encodeDoubledRistretto(halves: readonly Extended[]): Uint8Array[] {
  const doubled: { point: Extended; u1: bigint; u2: bigint; denominator: bigint }[] = halves.map(({ X, Y, Z }) => {
    const xx = sqr(X);
    const yy = sqr(Y);
    const E = reduce(2n * mul(X, Y));
    const G = reduce(yy + p - canonical(xx));
    const F = reduce(G + 2n * p - canonical(2n * sqr(Z)));
    const H = reduce(2n * p - canonical(xx) - canonical(yy));
    const gg = sqr(G);
    const u1 = mul(gg, reduce(sqr(F) + p - canonical(sqr(H))));
    const u2 = mul(mul(E, F), mul(G, H));
    const denominator = canonical(mul(mul(sqr(E), F), mul(gg, H)));
    return { point: { X: mul(E, F), Y: mul(G, H), Z: mul(F, G), T: mul(E, H) }, u1, u2, denominator };
  });
  const inverses = invertEach(doubled.map((d) => d.denominator));
  return doubled.map((d, i) =>
    d.denominator === 0n ? new Uint8Array(32) : encodeGivenInvSqrt(d.point, d.u1, d.u2, mul(INVSQRT_A_MINUS_D, inverses[i])),
  );
}

/** x⁻¹ = x^(p−2) = x^(2²⁵⁵ − 21) = (x^(2²⁵² − 3))⁸ · x³. */
function invert(x: bigint): bigint {
  return mul(sqr(pow22523(x), 3), mul(sqr(x), x));
}

/** Every non-zero x inverted with one inversion (Montgomery's trick); zeros stay zero. */
function invertEach(xs: readonly bigint[]): bigint[] {
  const prefix: bigint[] = new Array(xs.length);
  let acc = 1n;
  xs.forEach((x, i) => {
    prefix[i] = acc;
    if (x !== 0n) acc = mul(acc, x);
  });
  let inv = invert(canonical(acc));
  const out: bigint[] = new Array(xs.length).fill(0n);
  for (let i = xs.length - 1; i >= 0; i--) {
    if (xs[i] === 0n) continue;
    out[i] = mul(inv, prefix[i]);
    inv = mul(inv, xs[i]);
  }
  return out;
}
