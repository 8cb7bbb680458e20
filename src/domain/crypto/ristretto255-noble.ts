import { ed25519, ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { FixedBase, Group, GroupElement, InvalidEncodingError } from './group';
import { msmRistretto } from './ristretto255-noble-msm';

/**
 * ristretto255 (RFC 9496) over @noble/curves: pure JavaScript, the same in Node and in the
 * browser. Prime order, so no cofactor checks are needed anywhere above this file.
 */
type Point = InstanceType<typeof ristretto255.Point>;
const P = ristretto255.Point;
const ORDER: bigint = P.Fn.ORDER;
const Fp = ed25519.Point.Fp;
type EdwardsPoint = InstanceType<typeof ed25519.Point>;
const FINGERPRINT_MASK = (1n << 48n) - 1n;

const toPoint = (e: GroupElement) => e as unknown as Point;
const toElement = (p: Point) => p as unknown as GroupElement;

/** Window width of fixed-base tables: 10 bits ≈ 1.9 MiB per base, ~0.13 ms per multiply (FACTS.md). */
const FIXED_BASE_WINDOW = 10;

function reduce(k: bigint): bigint {
  const r = k % ORDER;
  return r < 0n ? r + ORDER : r;
}

class NobleFixedBase implements FixedBase {
  private readonly table: Point;
  constructor(readonly base: GroupElement) {
    // A fresh copy so the table belongs to this FixedBase only (noble keys tables by instance).
    const copy = P.fromBytes(toPoint(base).toBytes());
    this.table = copy.precompute(FIXED_BASE_WINDOW, false);
  }
  mul(k: bigint): GroupElement {
    const s = reduce(k);
    return toElement(s === 0n ? P.ZERO : this.table.multiply(s));
  }
}

export const ristretto255Noble: Group = {
  name: 'ristretto255',
  order: ORDER,
  elementBytes: 32,
  scalarBytes: 32,
  identity: toElement(P.ZERO),
  generator: toElement(P.BASE),

  add: (a, b) => toElement(toPoint(a).add(toPoint(b))),
  sub: (a, b) => toElement(toPoint(a).subtract(toPoint(b))),
  neg: (a) => toElement(toPoint(a).negate()),
  mul(a, k) {
    const s = reduce(k);
    return toElement(s === 0n ? P.ZERO : toPoint(a).multiply(s));
  },
  mulPublic: (a, k) => toElement(toPoint(a).multiplyUnsafe(reduce(k))),
  msm(elements, scalars) {
    if (elements.length !== scalars.length) throw new Error('msm: as many scalars as elements are needed');
    if (elements.length === 0) return toElement(P.ZERO);
    // Signed-digit Pippenger on the Edwards representatives (ristretto255-noble-msm.ts), ~1.7× faster
    // than noble's pippenger on ballot batches; noble's stays as the reference in the tests.
    return toElement(new P(msmRistretto(elements.map(toPoint), scalars.map(reduce))));
  },
  fixedBase: (base) => new NobleFixedBase(base),
  equals: (a, b) => toPoint(a).equals(toPoint(b)),
  isIdentity: (a) => toPoint(a).is0(),

  encode: (a) => toPoint(a).toBytes(),
  decode(bytes) {
    if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
      throw new InvalidEncodingError('group element', `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
    }
    try {
      return toElement(P.fromBytes(bytes));
    } catch (err) {
      throw new InvalidEncodingError('group element', `not a canonical ristretto255 encoding (${(err as Error).message})`);
    }
  },
  hashToElement(tag, message) {
    return toElement(ristretto255_hasher.hashToCurve(message, { DST: tag }));
  },
  fingerprints(elements) {
    // A ristretto255 element is a class of four Edwards points differing by 4-torsion; 4·P is
    // the same Edwards point for every member of the class, and within the prime-order
    // subgroup its affine x determines it. One batched field inversion normalizes them all.
    const quadrupled = elements.map((e) => (toPoint(e) as unknown as { ep: EdwardsPoint }).ep.double().double());
    const zInverses = Fp.invertBatch(quadrupled.map((q) => q.Z));
    return quadrupled.map((q, i) => Number(Fp.mul(q.X, zInverses[i]) & FINGERPRINT_MASK));
  },
};
