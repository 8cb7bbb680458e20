import fc from 'fast-check';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { decodeRistretto, encodeRistretto } from '../../../../src/domain/crypto/ristretto255-noble-decode';
import { fromHex, hashToScalar, u32 } from '../../../../src/domain/crypto/hash';

/** The backend's fast ristretto255 decoder must accept and reject exactly what noble does, with the same points. */
const P = ristretto255.Point;
function nobleDecode(bytes: Uint8Array) {
  try {
    return P.fromBytes(bytes);
  } catch {
    return null;
  }
}
function agree(bytes: Uint8Array): void {
  const ours = decodeRistretto(bytes);
  const theirs = nobleDecode(bytes);
  expect(ours === null).toBe(theirs === null);
  if (ours && theirs) {
    expect(ours.equals(theirs)).toBe(true);
    expect(Buffer.from(ours.toBytes()).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    expect(Buffer.from(encodeRistretto(theirs)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  }
}

describe('ristretto255 decoding and encoding (ristretto255-noble-decode)', () => {
  it('agrees with noble on encodings of random elements and on random bytes', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: P.Fn.ORDER - 1n }), (k) => agree(P.BASE.multiply(k).toBytes())), { numRuns: 150 });
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => agree(b)), { numRuns: 400 });
    // Random even, reduced field elements (about half of them decode).
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
      b[0] &= 0xfe;
      b[31] &= 0x7f;
      agree(b);
    }), { numRuns: 400 });
  });

  it('encodes every representative of an element (sums, differences, doublings) as noble does', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: P.Fn.ORDER - 1n }), fc.bigInt({ min: 1n, max: P.Fn.ORDER - 1n }), (a, b) => {
        const pa = a === 0n ? P.ZERO : P.BASE.multiply(a);
        const pb = P.BASE.multiply(b);
        for (const q of [pa.add(pb), pa.subtract(pb), pb.double(), pa.add(pb).add(pb.negate())]) {
          expect(Buffer.from(encodeRistretto(q)).toString('hex')).toBe(Buffer.from(q.toBytes()).toString('hex'));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('RFC 9496 A.1 multiples of the generator and A.2 bad encodings', () => {
    for (let i = 0; i < 16; i++) agree(P.BASE.multiply(BigInt(i + 1)).toBytes());
    agree(new Uint8Array(32)); // identity
    for (const bad of [
      '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      '0100000000000000000000000000000000000000000000000000000000000000',
      '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    ]) {
      expect(decodeRistretto(fromHex(bad))).toBeNull();
      agree(fromHex(bad));
    }
    for (let i = 0; i < 20; i++) agree(P.BASE.multiply(hashToScalar('urna/test/decode', u32(i))).toBytes());
  });
});
