import fc from 'fast-check';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { FixedBaseTable } from '../../../../src/domain/crypto/ristretto255-noble-msm';
import { hashToScalar, utf8 } from '../../../../src/domain/crypto/hash';

/** The signed-digit fixed-base table must give the same element as noble's multiply for every scalar. */
const P = ristretto255.Point;
const ORDER = P.Fn.ORDER;

describe('fixed-base multiplication (FixedBaseTable)', () => {
  const bases = [P.BASE, P.BASE.multiply(hashToScalar('urna/test/fixed-base', utf8('K')))];
  const tables = bases.map((b) => new FixedBaseTable(b));

  it('agrees with noble for random and edge scalars', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, 127n, 128n, 129n, 255n, 256n, ORDER - 1n, (1n << 252n) - 1n, (1n << 252n) + 1n)),
        fc.nat(1),
        (k, which) => {
          const ours = new P(tables[which].mul(k));
          const theirs = k === 0n ? P.ZERO : bases[which].multiply(k);
          expect(ours.equals(theirs)).toBe(true);
          expect(Buffer.from(ours.toBytes()).equals(Buffer.from(theirs.toBytes()))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
