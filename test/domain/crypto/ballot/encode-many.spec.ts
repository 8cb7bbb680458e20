import fc from 'fast-check';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { encodeDoubledRistretto, type Extended } from '../../../../src/domain/crypto/ristretto255-noble-decode';
import { ristretto255Noble as noble } from '../../../../src/domain/crypto/ristretto255-noble';
import type { GroupElement } from '../../../../src/domain/crypto/group';
import { hashToScalar, u32 } from '../../../../src/domain/crypto/hash';

/**
 * The booth encodes the elements its tables make as doubles of their halves, with one field
 * inversion for a whole contest (ristretto255-noble-decode.ts, ristretto255-noble.ts). Those bytes
 * go into the proofs' challenges and the ballot: they must be exactly RFC 9496's encoding of each
 * element, whatever representative, batch or mix of elements.
 */
const P = ristretto255.Point;
const E = ed25519.Point;
const p = E.Fp.ORDER;
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;
/** The Edwards points of order dividing 4: a ristretto255 element's representatives differ by these. */
const TORSION4 = [new E(0n, 1n, 1n, 0n), new E(0n, p - 1n, 1n, 0n), new E(SQRT_M1, 0n, 1n, 0n), new E(p - SQRT_M1, 0n, 1n, 0n)];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const edwards = (q: InstanceType<typeof P>) => (q as unknown as { ep: InstanceType<typeof E> }).ep;
const coordinates = (e: InstanceType<typeof E>): Extended => ({ X: e.X, Y: e.Y, Z: e.Z, T: e.T });
const element = (q: InstanceType<typeof P>) => q as unknown as GroupElement;
const scalar = fc.bigInt({ min: 1n, max: P.Fn.ORDER - 1n });

describe('encoding the doubles of many points with one inversion', () => {
  it('gives RFC 9496 bytes of 2·h for every representative of random h, alone and in batches', () => {
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 1, maxLength: 9 }), fc.nat(3), (ks, torsion) => {
        const halves = ks.map((k) => edwards(P.BASE.multiply(k)).add(TORSION4[torsion]));
        const expected = ks.map((k) => hex(P.BASE.multiply(k).double().toBytes()));
        expect(encodeDoubledRistretto(halves.map(coordinates)).map(hex)).toEqual(expected);
        // Alone, the inversion is the element's own.
        halves.forEach((h, i) => expect(hex(encodeDoubledRistretto([coordinates(h)])[0])).toBe(expected[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('encodes the identity (any of its representatives) as 32 zero bytes without spoiling its neighbours', () => {
    const others = [3n, 5n, 7n].map((k) => edwards(P.BASE.multiply(hashToScalar('urna/test/encode-many', u32(Number(k))))));
    const batch = [TORSION4[0], others[0], TORSION4[1], TORSION4[2], others[1], TORSION4[3], others[2]];
    const got = encodeDoubledRistretto(batch.map(coordinates)).map(hex);
    batch.forEach((h, i) => expect(got[i]).toBe(hex(new P(h.double()).toBytes())));
    expect(got.filter((b) => b === '00'.repeat(32))).toHaveLength(4);
    expect(encodeDoubledRistretto([])).toEqual([]);
  });
});

describe('Group.encodeMany on the pure-JS backend', () => {
  const key = noble.mul(noble.generator, hashToScalar('urna/test/encode-many', u32(99)));
  const tables = [noble.fixedBase(noble.generator, 7), noble.fixedBase(key, 8), noble.fixedBase(key, 4)];

  it('equals encoding one by one, for table products, their sums and everything else mixed in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), scalar, fc.nat(2), scalar), { minLength: 1, maxLength: 8 }), (picks) => {
        const elements: GroupElement[] = [];
        for (const [t, k, u, j] of picks) {
          const made = tables[t].mul(k);
          const other = tables[u].mul(j);
          const decoded = noble.decode(P.BASE.multiply(j).toBytes());
          elements.push(
            made,
            noble.add(made, other), // both halves known: the sum's half is their sum
            noble.add(made, decoded), // one half unknown: encoded on its own
            noble.add(decoded, made),
            noble.add(made, tables[t].base), // a table's base knows its half
            decoded,
            tables[t].mul(0n),
            noble.identity,
          );
        }
        expect(noble.encodeMany(elements).map(hex)).toEqual(elements.map((e) => hex(noble.encode(e))));
        expect(elements.map((e) => hex(noble.encode(e)))).toEqual(elements.map((e) => hex((e as unknown as InstanceType<typeof P>).toBytes())));
      }),
      { numRuns: 25 },
    );
  });

  it('gives a table product the same bytes as the constant-time multiply', () => {
    for (let i = 0; i < 12; i++) {
      const k = hashToScalar('urna/test/encode-many', u32(i));
      expect(hex(noble.encodeMany([tables[1].mul(k)])[0])).toBe(hex(noble.encode(noble.mul(key, k))));
      expect(hex(noble.encodeMany([tables[0].mul(k)])[0])).toBe(hex(P.BASE.multiply(k).toBytes()));
    }
    expect(noble.encodeMany([element(P.ZERO), tables[0].mul(0n)]).map(hex)).toEqual(['00'.repeat(32), '00'.repeat(32)]);
  });
});
