import { ed25519, ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { FixedBase, Group, GroupElement, InvalidEncodingError } from './group';
import { FixedBaseTable, msmRistretto } from './ristretto255-noble-msm';
import { decodeRistretto, encodeRistretto } from './ristretto255-noble-decode';

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

class NobleFixedBase implements FixedBase {
  // Signed-digit windows over our own field arithmetic (ristretto255-noble-msm.ts): about twice
  // as fast as noble's precompute(10) multiply, which dominated ballot encryption.
  // NOT constant time, whatever FixedBase promises: each window reads the table entry its digit of
  // k selects, so cache timing can depend on k. `mul` above (noble's Point.multiply) is the
  // constant-time path for secrets (docs/spec/crypto-ceremony-tally.md §6.2).
  constructor(readonly base: GroupElement, private readonly table: FixedBaseTable) {}
  mul(k: bigint): GroupElement {
    return toElement(new P(this.table.mul(reduce(k))));
  }
}

export const ristretto255Noble: Group = {
  name: 'ristretto255',
  implementation: '@noble/curves (JavaScript)',
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
  fixedBase: (base, window) => new NobleFixedBase(base, FixedBaseTable.build(toPoint(base), window)),
  *fixedBaseInSlices(base, window) {
    return new NobleFixedBase(base, yield* FixedBaseTable.inSlices(toPoint(base), window));
  },
  equals: (a, b) => toPoint(a).equals(toPoint(b)),
  isIdentity: (a) => toPoint(a).is0(),

  // RFC 9496 encode/decode with a cheaper field reduction (ristretto255-noble-decode.ts): they
  // dominate ballot encryption and verification; results identical to noble's toBytes/fromBytes.
  encode: (a) => encodeRistretto(toPoint(a)),
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
