import fc from 'fast-check';
import { ristretto255Noble as noble } from '../../src/domain/crypto/ristretto255-noble';
import { fromHex, toHex, utf8 } from '../../src/domain/crypto/hash';
import { encodeScalar, littleEndianToBigint, mod, ORDER } from '../../src/domain/crypto/scalar';
import { COEF_ONE, loadDecafAddon, NEGATE } from '../../src/parallel/native-decaf';

/**
 * The batch check's scalar per point (native/decaf255/batch.c: Σ ±weight·coefficient summed
 * as exact 512-bit integers, reduced mod ℓ once per point) against BigInt arithmetic, and the
 * MSM that consumes them (windows chosen for the scalars' real lengths: 128-bit bare weights
 * beside 253-bit products) against @noble/curves, on random and edge inputs: zero
 * coefficients and weights, coefficients next to ℓ, the largest 128-bit weight, minus signs,
 * terms that cancel, no terms and one term.
 */
const addon = loadDecafAddon();

const coefficient = fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, 2n, ORDER - 1n, ORDER - 2n, 2n ** 252n, 2n ** 128n - 1n));
const weight = fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 128n - 1n }), fc.constantFrom(1n, 2n, 2n ** 128n - 1n, 2n ** 127n));
const weightBytes = (ws: bigint[]) => {
  const out = new Uint8Array(16 * ws.length);
  ws.forEach((w, i) => out.set(encodeScalar(w).subarray(0, 16), 16 * i));
  return out;
};
const pack = (parts: Uint8Array[]) => {
  const out = new Uint8Array(32 * parts.length);
  parts.forEach((p, i) => out.set(p, 32 * i));
  return out;
};
const pointsOf = (n: number) => pack(Array.from({ length: n }, (_, i) => noble.encode(noble.hashToElement('urna/test/batch-scalars', utf8(`p${i}`)))));

interface Term { point: number; coef: number | 'one'; weight: number; negate: boolean }

/** The scalars batchScalars must give, with BigInt. */
function expected(points: number, coefs: bigint[], weights: bigint[], terms: Term[]): bigint[] {
  const acc = new Array<bigint>(points).fill(0n);
  for (const t of terms) {
    const k = (t.coef === 'one' ? 1n : coefs[t.coef]) * weights[t.weight];
    acc[t.point] = mod(acc[t.point] + (t.negate ? -k : k));
  }
  return acc;
}

function run(points: number, coefs: bigint[], weights: bigint[], terms: Term[]) {
  const handle = addon.decode(pointsOf(points), new Uint8Array(points));
  const words = Uint32Array.from(terms.flatMap((t) => [t.point, ((t.coef === 'one' ? COEF_ONE : t.coef) | (t.negate ? NEGATE : 0)) >>> 0, t.weight]));
  const args = [handle, pack(coefs.map(encodeScalar)), words, weightBytes(weights), Uint32Array.from([0, terms.length])] as const;
  const out = addon.batchScalars(...args);
  return { out: Array.from({ length: points }, (_, p) => littleEndianToBigint(out.subarray(32 * p, 32 * p + 32))), holds: addon.batchHolds(...args), handle, args };
}

const termsArb = (points: number, coefs: number, weights: number) =>
  fc.array(fc.record({ point: fc.nat(points - 1), coef: fc.oneof(fc.constant<'one'>('one'), fc.nat(coefs - 1)), weight: fc.nat(weights - 1), negate: fc.boolean() }), { minLength: 0, maxLength: 40 });

describe('native/decaf255: the batch check\'s scalars agree with BigInt arithmetic', () => {
  it('on random terms: coefficients next to ℓ and 0, the largest weights, minus signs', () => {
    fc.assert(
      fc.property(fc.array(coefficient, { minLength: 1, maxLength: 6 }), fc.array(weight, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 6 }), (coefs, weights, points) =>
        fc.assert(
          fc.property(termsArb(points, coefs.length, weights.length), (terms) => {
            expect(run(points, coefs, weights, terms).out).toEqual(expected(points, coefs, weights, terms));
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 40 },
    );
  });

  it('no terms gives zeros; one term gives weight·coefficient, or ℓ minus it with a minus sign', () => {
    expect(run(2, [], [5n], []).out).toEqual([0n, 0n]);
    const w = 2n ** 128n - 1n;
    expect(run(1, [ORDER - 1n], [w], [{ point: 0, coef: 0, weight: 0, negate: false }]).out).toEqual([mod((ORDER - 1n) * w)]);
    expect(run(1, [ORDER - 1n], [w], [{ point: 0, coef: 0, weight: 0, negate: true }]).out).toEqual([mod(-(ORDER - 1n) * w)]);
    expect(run(1, [], [w], [{ point: 0, coef: 'one', weight: 0, negate: true }]).out).toEqual([ORDER - w]);
    expect(run(1, [0n], [w], [{ point: 0, coef: 0, weight: 0, negate: true }]).out).toEqual([0n]);
  });

  it('terms that cancel leave zero, and the point drops out of the check', () => {
    const t = (negate: boolean, coef: number | 'one'): Term => ({ point: 0, coef, weight: 0, negate });
    const r = run(1, [ORDER - 1n], [7n], [t(false, 0), t(false, 'one')]);
    expect(r.out).toEqual([0n]);
    expect(r.holds).toBe(true);
  });

  it('refuses a coefficient of ℓ or more rather than reduce it', () => {
    const handle = addon.decode(pointsOf(1), new Uint8Array(1));
    for (const bad of [encodeScalar(ORDER - 1n).map((x, i) => (i === 0 ? x + 1 : x)), new Uint8Array(32).fill(0xff)]) {
      expect(() => addon.batchScalars(handle, bad, Uint32Array.from([0, 0, 0]), weightBytes([1n]), Uint32Array.from([0, 1]))).toThrow(/non-canonical/);
    }
  });
});

describe('native/decaf255: the MSM over scalars of mixed lengths agrees with @noble/curves', () => {
  const short = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.constantFrom(0n, 1n, 2n ** 128n - 1n, 2n ** 127n));
  const long = fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(ORDER - 1n, 2n ** 252n, 2n ** 129n));
  it('two thirds bare 128-bit weights, one third full-length scalars, n from 0 to 300', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.boolean(), short, long), { minLength: 0, maxLength: 300 }), (terms) => {
        const points = terms.map(([seed]) => noble.encode(noble.hashToElement('urna/test/msm-mixed', utf8(`${seed}`))));
        const scalars = terms.map(([, isLong, s, l], i) => (isLong && i % 3 === 0 ? l : s));
        const want = toHex(noble.encode(noble.msm(points.map((p) => noble.decode(p)), scalars)));
        expect(toHex(addon.msm(pack(points), pack(scalars.map(encodeScalar))))).toBe(want);
      }),
      { numRuns: 30 },
    );
  });

  it('only short scalars, and one long scalar among many short ones (the top windows hold one point)', () => {
    const points = Array.from({ length: 200 }, (_, i) => noble.encode(noble.hashToElement('urna/test/msm-mixed', utf8(`s${i}`))));
    for (const scalars of [points.map((_, i) => 2n ** 128n - 1n - BigInt(i)), points.map((_, i) => (i === 137 ? ORDER - 1n : BigInt(i) ** 14n % 2n ** 128n))]) {
      const want = toHex(noble.encode(noble.msm(points.map((p) => noble.decode(p)), scalars)));
      expect(toHex(addon.msm(pack(points), pack(scalars.map(encodeScalar))))).toBe(want);
    }
    expect(fromHex(toHex(addon.msm(new Uint8Array(0), new Uint8Array(0))))).toEqual(new Uint8Array(32));
  });
});
