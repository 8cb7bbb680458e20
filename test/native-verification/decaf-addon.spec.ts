import fc from 'fast-check';
import { ristretto255Noble as noble } from '../../src/domain/crypto/ristretto255-noble';
import { encodeScalar, ORDER } from '../../src/domain/crypto/scalar';
import { fromHex, toHex, utf8 } from '../../src/domain/crypto/hash';
import { COEF_ONE, decafAsGroupOperations, loadDecafAddon, NEGATE } from '../../src/parallel/native-decaf';
import { createLibsodiumRistretto255 } from '../../src/domain/crypto/ristretto255-libsodium';
import { InvalidEncodingError } from '../../src/domain/crypto/group';

/**
 * native/decaf255 (libdecaf) against RFC 9496 and @noble/curves: the group is pinned by the
 * RFC's vectors, and the C multi-scalar multiplication and batch check must give noble's
 * answers on random inputs and on the edge cases where a Pippenger MSM or an identity test
 * goes wrong (n = 0 and 1, zero scalars, scalars next to ℓ, sums that cancel, 4-torsion in the
 * Edwards representatives). `npm test` builds the addon (scripts/test.sh).
 */
const addon = loadDecafAddon();

// RFC 9496 appendix A.1: the encodings of 0·B … 15·B.
const MULTIPLES_OF_B = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
  'e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e',
  'f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403',
  '44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d',
  '903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c',
  '02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031',
  '20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f',
  'bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42',
  'e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460',
  'aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f',
  '46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e',
  'e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e',
];
// RFC 9496 appendix A.2: encodings that must not decode (non-canonical, negative, not on the curve).
const BAD_ENCODINGS = [
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
];

const pack = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(32 * parts.length);
  parts.forEach((p, i) => out.set(p, 32 * i));
  return out;
};
const point = (seed: Uint8Array, k: bigint) => noble.mul(noble.hashToElement('urna/test/decaf', seed), k);
const nobleMsm = (points: Uint8Array[], scalars: bigint[]) => toHex(noble.encode(noble.msm(points.map((p) => noble.decode(p)), scalars)));

describe('native/decaf255: the group is ristretto255 (RFC 9496)', () => {
  it('k·B through the base table, the variable-base multiplication and the MSM are the A.1 vectors', () => {
    const b = fromHex(MULTIPLES_OF_B[1]);
    MULTIPLES_OF_B.forEach((hex, k) => {
      expect(toHex(addon.mulBase(encodeScalar(BigInt(k))))).toBe(hex);
      expect(toHex(addon.mul(encodeScalar(BigInt(k)), b))).toBe(hex);
      expect(toHex(addon.msm(b, encodeScalar(BigInt(k))))).toBe(hex);
    });
  });

  it('refuses the A.2 encodings, and a valid one with bit 255 set', () => {
    for (const bad of BAD_ENCODINGS) expect(addon.isValid(fromHex(bad))).toBe(false);
    const high = fromHex(MULTIPLES_OF_B[2]);
    high[31] |= 0x80;
    expect(addon.isValid(high)).toBe(false);
    for (const good of MULTIPLES_OF_B) expect(addon.isValid(fromHex(good))).toBe(true);
  });

  it('refuses a non-canonical scalar rather than reduce it', () => {
    expect(() => addon.mul(encodeScalar(ORDER - 1n).map((x, i) => (i === 0 ? x + 1 : x)), fromHex(MULTIPLES_OF_B[1]))).toThrow(/scalar/);
    expect(() => addon.msm(fromHex(MULTIPLES_OF_B[1]), new Uint8Array(32).fill(0xff))).toThrow(/scalar/);
  });
});

describe('native/decaf255: a table of a chosen base (the election key)', () => {
  const scalar = fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, 2n, ORDER - 1n, ORDER - 2n, 2n ** 252n));

  it('k·P from precompute(P)\'s table is noble\'s k·P, for random P and k, and the A.1 vectors from B\'s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), scalar, scalar, (seed, j, k) => {
        const p = noble.encode(point(seed, j === 0n ? 1n : j));
        expect(toHex(addon.mulPrecomputed(addon.precompute(p), encodeScalar(k)))).toBe(toHex(noble.encode(noble.mul(noble.decode(p), k))));
      }),
      { numRuns: 60 },
    );
    const table = addon.precompute(fromHex(MULTIPLES_OF_B[1]));
    MULTIPLES_OF_B.forEach((hex, k) => expect(toHex(addon.mulPrecomputed(table, encodeScalar(BigInt(k))))).toBe(hex));
  });

  it('refuses an invalid base, a non-canonical scalar and a handle that is not a table', () => {
    for (const bad of BAD_ENCODINGS) expect(() => addon.precompute(fromHex(bad))).toThrow(/valid ristretto255/);
    const table = addon.precompute(fromHex(MULTIPLES_OF_B[3]));
    expect(() => addon.mulPrecomputed(table, new Uint8Array(32).fill(0xff))).toThrow(/scalar/);
    expect(() => addon.mulPrecomputed(fromHex(MULTIPLES_OF_B[3]) as never, encodeScalar(2n))).toThrow(/table from precompute/);
  });

  it('serves the backend\'s fixed-base multiplication of any base but the generator and the identity', () => {
    const decaf = createLibsodiumRistretto255(decafAsGroupOperations(addon), ORDER);
    const key = decaf.decode(noble.encode(point(utf8('election key'), 12345n)));
    const tables = [decaf.fixedBase(key), decaf.fixedBase(decaf.generator), decaf.fixedBase(decaf.identity)];
    for (const k of [0n, 1n, 7n, ORDER - 1n, ORDER, ORDER + 5n, -3n, 2n ** 252n + 99n]) {
      expect(toHex(decaf.encode(tables[0].mul(k)))).toBe(toHex(decaf.encode(decaf.mul(key, k))));
      expect(toHex(decaf.encode(tables[1].mul(k)))).toBe(toHex(decaf.encode(decaf.mul(decaf.generator, k))));
      expect(toHex(decaf.encode(tables[2].mul(k)))).toBe('00'.repeat(32));
    }
  });
});

describe('native/decaf255: the MSM agrees with @noble/curves', () => {
  const scalar = fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, 2n, ORDER - 1n, ORDER - 2n, (ORDER - 1n) / 2n, 2n ** 252n));
  const seed = fc.uint8Array({ minLength: 1, maxLength: 8 });

  it('on random terms, n from 0 to 40, with zero scalars and scalars next to ℓ', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(seed, scalar, scalar), { minLength: 0, maxLength: 40 }), (terms) => {
        const points = terms.map(([s, k]) => noble.encode(point(s, k)));
        const scalars = terms.map(([, , c]) => c);
        expect(toHex(addon.msm(pack(points), pack(scalars.map(encodeScalar))))).toBe(nobleMsm(points, scalars));
      }),
      { numRuns: 80 },
    );
  });

  it('n = 0 is the identity, n = 1 is one multiplication', () => {
    expect(toHex(addon.msm(new Uint8Array(0), new Uint8Array(0)))).toBe('00'.repeat(32));
    const p = noble.encode(point(utf8('one'), 7n));
    expect(toHex(addon.msm(p, encodeScalar(ORDER - 1n)))).toBe(toHex(noble.encode(noble.neg(noble.decode(p)))));
  });

  it('every window width the MSM picks, up to a few thousand terms', () => {
    const widths = new Set<number>();
    for (const n of [2, 7, 30, 120, 600]) {
      widths.add(addon.windowFor(n));
      const points = Array.from({ length: n }, (_, i) => noble.encode(point(utf8(`w${i % 37}`), BigInt(i + 1))));
      const scalars = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? ORDER - BigInt(i + 1) : BigInt(i) ** 9n % ORDER));
      expect(toHex(addon.msm(pack(points), pack(scalars.map(encodeScalar))))).toBe(nobleMsm(points, scalars));
    }
    expect(widths.size).toBeGreaterThanOrEqual(4);
  });

  it('sums that cancel give the identity: P·k + P·(ℓ − k), and the same point many times', () => {
    const p = noble.encode(point(utf8('cancel'), 3n));
    expect(toHex(addon.msm(pack([p, p]), pack([encodeScalar(12345n), encodeScalar(ORDER - 12345n)])))).toBe('00'.repeat(32));
    const many = Array.from({ length: 64 }, () => p);
    const ks = Array.from({ length: 64 }, (_, i) => (i < 32 ? 5n : ORDER - 5n));
    expect(toHex(addon.msm(pack(many), pack(ks.map(encodeScalar))))).toBe('00'.repeat(32));
  });
});

describe('the decaf-native Group (ristretto255-libsodium.ts over libdecaf\'s operations)', () => {
  it('add, sub, neg, mul, fixed-base, msm and decode give noble\'s encodings', () => {
    const decaf = createLibsodiumRistretto255(decafAsGroupOperations(), noble.order);
    const same = (a: unknown, b: unknown) => expect(toHex(decaf.encode(a as never))).toBe(toHex(noble.encode(b as never)));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, ORDER - 1n, 2n ** 200n, -3n), (s, k, j) => {
        const [x, y] = [decaf.decode(noble.encode(point(s, k))), decaf.decode(noble.encode(point(s, j)))];
        const [u, v] = [point(s, k), point(s, j)];
        same(decaf.add(x, y), noble.add(u, v));
        same(decaf.sub(x, y), noble.sub(u, v));
        same(decaf.neg(x), noble.neg(u));
        same(decaf.mul(x, j), noble.mul(u, j));
        same(decaf.fixedBase(decaf.generator).mul(k), noble.fixedBase(noble.generator).mul(k));
        same(decaf.msm([x, y, decaf.generator], [j, k, 5n]), noble.msm([u, v, noble.generator], [j, k, 5n]));
      }),
      { numRuns: 10 },
    );
    for (const bad of BAD_ENCODINGS) expect(() => decaf.decode(fromHex(bad))).toThrow(InvalidEncodingError);
  });
});

describe('native/decaf255: the batch check', () => {
  const g = fromHex(MULTIPLES_OF_B[1]);
  const weights = (n: number) => {
    const w = new Uint8Array(16 * n);
    for (let i = 0; i < n; i++) w[16 * i] = i + 1;
    return w;
  };
  const terms = (...t: [number, number, number][]) => Uint32Array.from(t.flat());

  it('holds on no terms at all (the empty sum is the identity)', () => {
    const handle = addon.decode(g, new Uint8Array(1));
    expect(addon.batchHolds(handle, new Uint8Array(0), new Uint32Array(0), weights(1), new Uint32Array(0))).toBe(true);
  });

  it('2·B − (2·B) holds; 2·B − (3·B) does not; the coefficient bytes are used as given', () => {
    const valid = new Uint8Array(3);
    const handle = addon.decode(pack([g, fromHex(MULTIPLES_OF_B[2]), fromHex(MULTIPLES_OF_B[3])]), valid);
    expect([...valid]).toEqual([1, 1, 1]);
    const two = encodeScalar(2n);
    expect(addon.batchHolds(handle, two, terms([0, 0, 0], [1, COEF_ONE | NEGATE, 0]), weights(1), Uint32Array.from([0, 2]))).toBe(true);
    expect(addon.batchHolds(handle, two, terms([0, 0, 0], [2, COEF_ONE | NEGATE, 0]), weights(1), Uint32Array.from([0, 2]))).toBe(false);
    // Only the ranges asked for count: the failing term outside them is left out.
    expect(addon.batchHolds(handle, two, terms([0, 0, 0], [1, COEF_ONE | NEGATE, 0], [2, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 2]))).toBe(true);
    expect(addon.batchHolds(handle, two, terms([0, 0, 0], [1, COEF_ONE | NEGATE, 0], [2, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 3]))).toBe(false);
  });

  it('a point that does not decode is flagged, and a term naming it is refused, never counted as the identity', () => {
    const valid = new Uint8Array(2);
    const handle = addon.decode(pack([g, fromHex(BAD_ENCODINGS[5])]), valid);
    expect([...valid]).toEqual([1, 0]);
    expect(() => addon.batchHolds(handle, new Uint8Array(0), terms([1, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 1]))).toThrow(/did not decode/);
    expect(() => addon.sum(handle, Uint32Array.from([1]))).toThrow(/did not decode/);
  });

  it('refuses a non-canonical coefficient and out-of-range indices', () => {
    const handle = addon.decode(g, new Uint8Array(1));
    const big = new Uint8Array(32).fill(0xff);
    expect(() => addon.batchHolds(handle, big, terms([0, 0, 0]), weights(1), Uint32Array.from([0, 1]))).toThrow(/non-canonical/);
    expect(() => addon.batchHolds(handle, new Uint8Array(0), terms([5, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 1]))).toThrow(/out of range/);
    expect(() => addon.batchHolds(handle, new Uint8Array(0), terms([0, COEF_ONE, 3]), weights(1), Uint32Array.from([0, 1]))).toThrow(/out of range/);
    expect(() => addon.batchHolds(handle, new Uint8Array(0), terms([0, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 2]))).toThrow(/out of range/);
  });

  it('the final test is ristretto\'s: sums over other Edwards representatives (4-torsion) of the identity still hold', () => {
    for (let i = 0; i < 8; i++) {
      const p = noble.encode(point(utf8(`torsion-${i}`), BigInt(i + 2)));
      const handle = addon.decode(pack([p, p]), new Uint8Array(2));
      addon.debugTorque(handle, 1); // the same element, another representative
      // P − P′ is the identity in ristretto255, a 4-torsion point (not (0, 1)) on the curve.
      expect(addon.batchHolds(handle, new Uint8Array(0), terms([0, COEF_ONE, 0], [1, COEF_ONE | NEGATE, 0]), weights(1), Uint32Array.from([0, 2]))).toBe(true);
      // And the torqued representative still encodes and adds as the same element.
      expect(toHex(addon.sum(handle, Uint32Array.from([1])))).toBe(toHex(p));
      expect(addon.batchHolds(handle, encodeScalar(2n), terms([0, COEF_ONE, 0], [1, COEF_ONE, 0], [0, 0, 0]), weights(1), Uint32Array.from([0, 2]))).toBe(false);
    }
  });

  it('a released handle names no point any more, and the next decode (reusing its memory) decodes afresh', () => {
    const ps = Array.from({ length: 5 }, (_, i) => noble.encode(point(utf8(`release-${i}`), BigInt(i + 1))));
    const handle = addon.decode(pack(ps), new Uint8Array(5));
    addon.release(handle);
    expect(() => addon.sum(handle, Uint32Array.from([0]))).toThrow(/out of range/);
    expect(() => addon.batchHolds(handle, new Uint8Array(0), terms([0, COEF_ONE, 0]), weights(1), Uint32Array.from([0, 1]))).toThrow(/out of range/);
    addon.release(handle); // twice is harmless
    const valid = new Uint8Array(3);
    const again = addon.decode(pack([ps[4], fromHex(BAD_ENCODINGS[5]), ps[2]]), valid);
    expect([...valid]).toEqual([1, 0, 1]);
    expect(toHex(addon.sum(again, Uint32Array.from([0])))).toBe(toHex(ps[4]));
    expect(toHex(addon.sum(again, Uint32Array.from([2])))).toBe(toHex(ps[2]));
  });

  it('sum adds decoded points as noble does', () => {
    const ps = Array.from({ length: 9 }, (_, i) => noble.encode(point(utf8(`sum-${i}`), BigInt(i + 1))));
    const handle = addon.decode(pack(ps), new Uint8Array(9));
    const expected = ps.slice(2, 7).reduce((acc, p) => noble.add(acc, noble.decode(p)), noble.identity);
    expect(toHex(addon.sum(handle, Uint32Array.from([2, 3, 4, 5, 6])))).toBe(toHex(noble.encode(expected)));
    expect(toHex(addon.sum(handle, new Uint32Array(0)))).toBe('00'.repeat(32));
  });
});
