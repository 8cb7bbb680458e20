import { ed25519, ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { FixedBase, Group, GroupElement, InvalidEncodingError } from './group';
import { doubled, FixedBaseTable, msmRistretto } from './ristretto255-noble-msm';
import { decodeRistretto, encodeDoubledRistretto, encodeRistretto } from './ristretto255-noble-decode';

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


function reduce(k: bigint): bigint {
  const r = k % ORDER;
  return r < 0n ? r + ORDER : r;
}

/**
 * Half of every element a table made, and of each table's base: encodeMany encodes such an
 * element as the double of its half, which needs one field inversion shared by the whole batch
 * instead of an inverse square root each (ristretto255-noble-decode.ts). The booth encodes six
 * elements per option, all from its two tables. Sums of two such elements keep the sum of halves.
 */
const halves = new WeakMap<Point, EdwardsPoint>();
const HALF = (ORDER + 1n) / 2n;

function withHalf(half: EdwardsPoint): GroupElement {
  const point = new P(doubled(half));
  halves.set(point, half);
  return toElement(point);
}

class NobleFixedBase implements FixedBase {
  // Signed-digit windows over our own field arithmetic (ristretto255-noble-msm.ts): about twice
  // as fast as noble's precompute(10) multiply, which dominated ballot encryption. The table holds
  // multiples of base/2, and mul doubles the result (see `halves`).
  // NOT constant time, whatever FixedBase promises: each window reads the table entry its digit of
  // k selects, so cache timing can depend on k. `mul` above (noble's Point.multiply) is the
  // constant-time path for secrets (docs/spec/crypto-ceremony-tally.md §6.2).
  constructor(readonly base: GroupElement, private readonly halfTable: FixedBaseTable) {}
  mul(k: bigint): GroupElement {
    return withHalf(this.halfTable.mul(reduce(k)));
  }
}

/** base/2 = ((ℓ + 1)/2)·base, remembered as the base's half. */
function halfOf(base: GroupElement): Point {
  const half = toPoint(base).multiply(HALF);
  halves.set(toPoint(base), (half as unknown as { ep: EdwardsPoint }).ep);
  return half;
}

export const ristretto255Noble: Group = {
  name: 'ristretto255',
  implementation: '@noble/curves (JavaScript)',
  order: ORDER,
  elementBytes: 32,
  scalarBytes: 32,
  identity: toElement(P.ZERO),
  generator: toElement(P.BASE),

  add(a, b) {
    const sum = toPoint(a).add(toPoint(b));
    const halfA = halves.get(toPoint(a));
    const halfB = halfA && halves.get(toPoint(b));
    if (halfB) halves.set(sum, halfA.add(halfB));
    return toElement(sum);
  },
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
  fixedBase: (base, window) => new NobleFixedBase(base, FixedBaseTable.build(halfOf(base), window)),
  *fixedBaseInSlices(base, window) {
    const half = halfOf(base);
    yield;
    return new NobleFixedBase(base, yield* FixedBaseTable.inSlices(half, window));
  },
  equals: (a, b) => toPoint(a).equals(toPoint(b)),
  isIdentity: (a) => toPoint(a).is0(),

  // RFC 9496 encode/decode with a cheaper field reduction (ristretto255-noble-decode.ts): they
  // dominate ballot encryption and verification; results identical to noble's toBytes/fromBytes.
  encode: (a) => encodeRistretto(toPoint(a)),
  encodeMany(elements) {
    const out: Uint8Array[] = new Array(elements.length);
    const batched: number[] = [];
    elements.forEach((e, i) => {
      if (halves.has(toPoint(e))) batched.push(i);
      else out[i] = encodeRistretto(toPoint(e));
    });
    encodeDoubledRistretto(batched.map((i) => halves.get(toPoint(elements[i]))!)).forEach((bytes, j) => (out[batched[j]] = bytes));
    return out;
  },
  decode(bytes) {
    if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
      throw new InvalidEncodingError('group element', `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
    }
    const point = decodeRistretto(bytes);
    if (point === null) throw new InvalidEncodingError('group element', 'not a canonical ristretto255 encoding (RFC 9496 §4.3.1)');
    return toElement(point);
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
