import fc from 'fast-check';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { BOOTH_FIXED_BASE_WINDOW, FIXED_BASE_WINDOW, FixedBaseTable, WIDE_FIXED_BASE_WINDOW } from '../../../../src/domain/crypto/ristretto255-noble-msm';
import { hashToScalar, utf8 } from '../../../../src/domain/crypto/hash';

/** The signed-digit fixed-base table must give the same element as noble's multiply for every scalar. */
const P = ristretto255.Point;
const ORDER = P.Fn.ORDER;
const p = ed25519.Point.Fp.ORDER;
const D2 = (2n * ed25519.Point.CURVE().d) % p;
const mod = (x: bigint) => ((x % p) + p) % p;
type Entry = { ymx: bigint; ypx: bigint; t2d: bigint };
/** The table's rows: private, read here to compare each entry with noble's point. */
const rowsOf = (t: FixedBaseTable) => (t as unknown as { table: Entry[][] }).table;

/** Builds two tables slice by slice, alternating between them as the booth does for G and K. */
function interleaved(a: Generator<void, FixedBaseTable, undefined>, b: Generator<void, FixedBaseTable, undefined>) {
  const done: (FixedBaseTable | undefined)[] = [undefined, undefined];
  const pauses = [0, 0];
  while (!done[0] || !done[1]) {
    [a, b].forEach((slices, i) => {
      if (done[i]) return;
      const next = slices.next();
      if (next.done) done[i] = next.value;
      else pauses[i]++;
    });
  }
  return { tables: done as FixedBaseTable[], pauses };
}

describe('fixed-base multiplication (FixedBaseTable)', () => {
  const bases = [P.BASE, P.BASE.multiply(hashToScalar('urna/test/fixed-base', utf8('K')))];
  // The default width, and others whose windows end elsewhere (carries, a short top window).
  const tables = [FIXED_BASE_WINDOW, 5, WIDE_FIXED_BASE_WINDOW].map((width) => bases.map((b) => FixedBaseTable.build(b, width)));
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

  it('a table built in slices holds k·2^(j·w)·B in every entry noble computes, and multiplies like one built at once', () => {
    for (const width of [2, 5, BOOTH_FIXED_BASE_WINDOW, FIXED_BASE_WINDOW, WIDE_FIXED_BASE_WINDOW]) {
      const windows = Math.ceil(254 / width);
      const half = 1n << BigInt(width - 1);
      const { tables: [g, k], pauses } = interleaved(FixedBaseTable.inSlices(bases[0], width), FixedBaseTable.inSlices(bases[1], width));
      // One window per slice: the booth's page gets the thread back between windows.
      expect(pauses).toEqual([windows - 1, windows - 1]);
      [g, k].forEach((table, which) => {
        const rows = rowsOf(table);
        expect(rows).toHaveLength(windows);
        for (const j of [0, 1, Math.floor(windows / 2), windows - 1]) {
          expect(rows[j]).toHaveLength(Number(half) + 1);
          expect([rows[j][0].ymx, rows[j][0].ypx, rows[j][0].t2d].map(mod)).toEqual([1n, 1n, 0n]);
          for (const m of [1n, 2n, 3n, half - 1n, half].filter((m) => m >= 1n && m <= half)) {
            const { x, y } = (bases[which] as unknown as { ep: InstanceType<typeof ed25519.Point> }).ep.multiply((m << BigInt(j * width)) % ORDER).toAffine();
            const entry = rows[j][Number(m)];
            expect([entry.ymx, entry.ypx, entry.t2d].map(mod)).toEqual([mod(y - x), mod(y + x), mod(x * y * D2)]);
          }
        }
        const atOnce = FixedBaseTable.build(bases[which], width);
        for (const s of [0n, 1n, half, half + 1n, ORDER - 1n, hashToScalar('urna/test/fixed-base', utf8(`s ${width}`))]) {
          expect(new P(table.mul(s)).toBytes()).toEqual(new P(atOnce.mul(s)).toBytes());
        }
      });
    }
  });
});

