import fc from 'fast-check';
import { ristretto255Noble as noble } from '../../src/domain/crypto/ristretto255-noble';
import { fromHex, toHex, utf8 } from '../../src/domain/crypto/hash';
import { encodeScalar, ORDER } from '../../src/domain/crypto/scalar';
import { loadDecafAddon } from '../../src/parallel/native-decaf';

/**
 * The batch layer's own ristretto255 arithmetic (native/decaf255/ristretto.c: decode four at a
 * time, affine additions, doubling, encoding) against libdecaf (isValid, add) and @noble/curves:
 * which encodings decode (every RFC 9496 A.2 class and random bytes, which reach every refusal:
 * non-canonical, negative, not square, negative x·y, y = 0), that a decoded point encodes back
 * to its bytes, and that sums, differences and multiples encode as noble's.
 */
const addon = loadDecafAddon();

// RFC 9496 A.2, every class of refused encoding.
const RFC_BAD = [
  // non-canonical field encodings
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // negative field elements
  '0100000000000000000000000000000000000000000000000000000000000000',
  '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
  'c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562',
  // non-square x²
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  '4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f',
  'de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b',
  // negative x·y
  '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
  'a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220',
  'd483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e',
  // s = −1, so y = 0
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

const pack = (parts: Uint8Array[]) => {
  const out = new Uint8Array(32 * parts.length);
  parts.forEach((p, i) => out.set(p, 32 * i));
  return out;
};
const nobleValid = (b: Uint8Array) => {
  try {
    noble.decode(b);
    return true;
  } catch {
    return false;
  }
};
const element = (label: string, k = 1n) => noble.encode(noble.mul(noble.hashToElement('urna/test/ristretto-c', utf8(label)), k));
const ZERO = '00'.repeat(32);

describe('native/decaf255 ristretto.c: decoding', () => {
  it('refuses every RFC 9496 A.2 encoding, in any lane of four', () => {
    for (const bad of RFC_BAD) expect(nobleValid(fromHex(bad))).toBe(false);
    for (let shift = 0; shift < 4; shift++) {
      const encodings = [...Array.from({ length: shift }, (_, i) => element(`lane-${i}`)), ...RFC_BAD.map((h) => fromHex(h))];
      const valid = new Uint8Array(encodings.length);
      addon.decode(pack(encodings), valid);
      expect([...valid]).toEqual(encodings.map((_, i) => (i < shift ? 1 : 0)));
    }
  });

  it('decides random bytes as libdecaf and noble do, and every point it accepts encodes back to its bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => ((b[31] &= 0x7f), (b[0] &= 0xfe), b)), { minLength: 1, maxLength: 64 }), (encodings) => {
        const valid = new Uint8Array(encodings.length);
        const handle = addon.decode(pack(encodings), valid);
        encodings.forEach((e, i) => {
          expect(valid[i]).toBe(nobleValid(e) ? 1 : 0);
          expect(valid[i]).toBe(addon.isValid(e) ? 1 : 0);
          if (valid[i]) expect(toHex(addon.sum(handle, Uint32Array.from([i])))).toBe(toHex(e));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('accepts the identity (32 zero bytes) and valid elements, refuses them with bit 255 set or plus p', () => {
    const good = [new Uint8Array(32), ...Array.from({ length: 7 }, (_, i) => element(`good-${i}`))];
    const valid = new Uint8Array(good.length);
    const handle = addon.decode(pack(good), valid);
    expect([...valid]).toEqual(good.map(() => 1));
    good.forEach((g, i) => expect(toHex(addon.sum(handle, Uint32Array.from([i])))).toBe(toHex(g)));
    const high = good.map((g) => g.map((x, i) => (i === 31 ? x | 0x80 : x)));
    const plusP = good.filter((g) => g[31] === 0 && g[30] === 0).map((g) => {
      // s + p, still below 2²⁵⁵ for small s: the same element, a non-canonical encoding.
      const p = (1n << 255n) - 19n;
      const s = BigInt('0x' + toHex(g.slice().reverse())) + p;
      return fromHex(s.toString(16).padStart(64, '0')).reverse();
    });
    const bad = [...high, ...plusP];
    const flags = new Uint8Array(bad.length);
    addon.decode(pack(bad), flags);
    expect([...flags]).toEqual(bad.map(() => 0));
  });
});

describe('native/decaf255 ristretto.c: arithmetic against noble and libdecaf', () => {
  it('sums of decoded points (affine additions, then encoding) are noble\'s and libdecaf\'s', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.bigInt({ min: 0n, max: ORDER - 1n })), { minLength: 0, maxLength: 12 }), (terms) => {
        const points = terms.map(([l, k]) => element(`sum-${l}`, k));
        const handle = addon.decode(pack(points), new Uint8Array(points.length));
        const expected = points.reduce((acc, p) => noble.add(acc, noble.decode(p)), noble.identity);
        const got = toHex(addon.sum(handle, Uint32Array.from(points.map((_, i) => i))));
        expect(got).toBe(toHex(noble.encode(expected)));
        if (points.length >= 2) expect(got).toBe(toHex(points.slice(1).reduce((acc, p) => addon.add(acc, p), points[0])));
      }),
      { numRuns: 60 },
    );
  });

  it('P + (−P), P + P and the identity plus P encode as they should', () => {
    const p = element('pm', 5n);
    const minus = noble.encode(noble.neg(noble.decode(p)));
    const handle = addon.decode(pack([p, minus, new Uint8Array(32)]), new Uint8Array(3));
    expect(toHex(addon.sum(handle, Uint32Array.from([0, 1])))).toBe(ZERO);
    expect(toHex(addon.sum(handle, Uint32Array.from([0, 0])))).toBe(toHex(noble.encode(noble.mul(noble.decode(p), 2n))));
    expect(toHex(addon.sum(handle, Uint32Array.from([2, 0])))).toBe(toHex(p));
    expect(toHex(addon.sum(handle, Uint32Array.from([2, 2])))).toBe(ZERO);
  });

  it('k·P through the MSM (doublings, subtractions, the bucket sums) for k next to 0, ℓ and powers of two', () => {
    const p = element('multiples', 3n);
    for (const k of [0n, 1n, 2n, 3n, 255n, 256n, 2n ** 127n, 2n ** 128n - 1n, 2n ** 252n, ORDER - 1n, ORDER - 2n, (ORDER - 1n) / 2n]) {
      expect(toHex(addon.msm(p, encodeScalar(k)))).toBe(toHex(noble.encode(noble.mul(noble.decode(p), k))));
    }
  });

  it('a torqued representative (+ (√−1, 0)) adds and encodes as the same element', () => {
    const ps = Array.from({ length: 6 }, (_, i) => element(`torque-${i}`, BigInt(i + 2)));
    const handle = addon.decode(pack(ps), new Uint8Array(6));
    for (let i = 0; i < 6; i += 2) addon.debugTorque(handle, i);
    addon.debugTorque(handle, 4); // twice: + (0, −1) in all
    ps.forEach((p, i) => expect(toHex(addon.sum(handle, Uint32Array.from([i])))).toBe(toHex(p)));
    const expected = ps.reduce((acc, p) => noble.add(acc, noble.decode(p)), noble.identity);
    expect(toHex(addon.sum(handle, Uint32Array.from([0, 1, 2, 3, 4, 5])))).toBe(toHex(noble.encode(expected)));
  });
});
