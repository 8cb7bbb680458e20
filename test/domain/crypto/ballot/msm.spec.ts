import fc from 'fast-check';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { group } from '../../../../src/domain/crypto/active-group';
import { msmRistretto } from '../../../../src/domain/crypto/ristretto255-noble-msm';
import { hashToScalar, u32, utf8 } from '../../../../src/domain/crypto/hash';
import { ORDER } from '../../../../src/domain/crypto/scalar';

/** The signed-digit MSM the backend uses must agree with noble's pippenger and with plain sums. */
const P = ristretto255.Point;
const points = Array.from({ length: 16 }, (_, i) => P.BASE.multiply(hashToScalar('urna/test/msm-point', u32(i))));
const scalarArb = fc.oneof(
  fc.bigInt({ min: 0n, max: ORDER - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
  fc.constantFrom(0n, 1n, 2n, ORDER - 1n, ORDER - 2n, (1n << 252n) - 1n, 1n << 252n),
);

describe('multi-scalar multiplication (ristretto255-noble-msm)', () => {
  it('agrees with noble pippenger and with a sum of products for mixed scalar sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(15), scalarArb), { minLength: 0, maxLength: 40 }), (terms) => {
        const pts = terms.map(([i]) => points[i]);
        const sc = terms.map(([, s]) => s);
        const ours = new P(msmRistretto(pts, sc));
        const reference = pts.length === 0 ? P.ZERO : pippenger(P, pts, sc);
        expect(ours.equals(reference)).toBe(true);
        const naive = pts.reduce((acc, p, i) => acc.add(p.multiplyUnsafe(sc[i])), P.ZERO);
        expect(ours.equals(naive)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('handles a large batch (window widths above 8) and the group interface reduces negative scalars', () => {
    const n = 1500;
    const pts = Array.from({ length: n }, (_, i) => points[i % 16]);
    const sc = Array.from({ length: n }, (_, i) => hashToScalar('urna/test/msm-scalar', u32(i)) >> (i % 2 === 0 ? 0n : 125n));
    expect(new P(msmRistretto(pts, sc)).equals(pippenger(P, pts, sc))).toBe(true);
    const h = group.hashToElement('urna/test', utf8('h'));
    expect(group.equals(group.msm([h, h], [-5n, 7n]), group.mul(h, 2n))).toBe(true);
  });
});
