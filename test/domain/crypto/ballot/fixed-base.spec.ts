import fc from 'fast-check';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { FIXED_BASE_WINDOW, FixedBaseTable, WIDE_FIXED_BASE_WINDOW } from '../../../../src/domain/crypto/ristretto255-noble-msm';
import { hashToScalar, utf8 } from '../../../../src/domain/crypto/hash';

/** The signed-digit fixed-base table must give the same element as noble's multiply for every scalar. */
const P = ristretto255.Point;
const ORDER = P.Fn.ORDER;

describe('fixed-base multiplication (FixedBaseTable)', () => {
  const bases = [P.BASE, P.BASE.multiply(hashToScalar('urna/test/fixed-base', utf8('K')))];
  // The default width, and others whose windows end elsewhere (carries, a short top window).
  const tables = [FIXED_BASE_WINDOW, 5, WIDE_FIXED_BASE_WINDOW].map((width) => bases.map((b) => new FixedBaseTable(b, width)));
  /** Digits at a window's edges, for each width: half, half + 1 (a carry), all ones, a carry chain. */
  const edges = [5, FIXED_BASE_WINDOW, WIDE_FIXED_BASE_WINDOW].flatMap((w) => {
    const half = 1n << BigInt(w - 1);
    const full = 1n << BigInt(w);
    return [half - 1n, half, half + 1n, full - 1n, full, full + half, (full - 1n) * (full + 1n), ORDER - half, (1n << 252n) + full - 1n];
  });

  it('agrees with noble for random and edge scalars, at every width', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: ORDER - 1n }), fc.constantFrom(0n, 1n, 127n, 128n, 129n, 255n, 256n, ORDER - 1n, (1n << 252n) - 1n, (1n << 252n) + 1n, ...edges)),
        fc.nat(1),
        fc.nat(2),
        (k, which, width) => {
          const ours = new P(tables[width][which].mul(k));
          const theirs = k === 0n ? P.ZERO : bases[which].multiply(k);
          expect(ours.equals(theirs)).toBe(true);
          expect(Buffer.from(ours.toBytes()).equals(Buffer.from(theirs.toBytes()))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
