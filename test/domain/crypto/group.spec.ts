import fc from 'fast-check';
import { group } from '../../../src/domain/crypto/active-group';
import { InvalidEncodingError } from '../../../src/domain/crypto/group';
import { decodeScalar, encodeScalar, ORDER, randomScalar, scalarInverse, mod } from '../../../src/domain/crypto/scalar';
import { fromHex, hash256, hashToScalar, toHex, utf8 } from '../../../src/domain/crypto/hash';

const scalarArb = fc.bigInt({ min: 0n, max: ORDER - 1n });

describe('group layer (ristretto255)', () => {
  it('RFC 9496 test vector: multiples of the generator encode as specified', () => {
    // RFC 9496 appendix A.1: 2·B
    expect(toHex(group.encode(group.add(group.generator, group.generator)))).toBe(
      '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
    );
    expect(toHex(group.encode(group.identity))).toBe('00'.repeat(32));
  });

  it('rejects non-canonical and invalid encodings (RFC 9496 A.2 samples)', () => {
    for (const bad of [
      '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // non-canonical field element
      '0100000000000000000000000000000000000000000000000000000000000000', // negative field element
      '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371', // non-square x²
    ]) {
      expect(() => group.decode(fromHex(bad))).toThrow(InvalidEncodingError);
    }
    expect(() => group.decode(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('fixed-base tables, constant-time and variable-time multiplication and MSM agree', () => {
    const h = group.hashToElement('urna/test', utf8('h'));
    const table = group.fixedBase(h);
    fc.assert(
      fc.property(scalarArb, scalarArb, (a, b) => {
        const viaTable = table.mul(a);
        expect(group.equals(viaTable, group.mul(h, a))).toBe(true);
        expect(group.equals(viaTable, group.mulPublic(h, a))).toBe(true);
        const sum = group.msm([h, group.generator], [a, b]);
        expect(group.equals(sum, group.add(group.mul(h, a), group.mul(group.generator, b)))).toBe(true);
        expect(group.equals(group.decode(group.encode(viaTable)), viaTable)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('scalars round-trip and reject values ≥ ℓ', () => {
    fc.assert(fc.property(scalarArb, (k) => expect(decodeScalar(encodeScalar(k))).toBe(k)));
    const l = new Uint8Array(32);
    let v = ORDER;
    for (let i = 0; i < 32; i++) { l[i] = Number(v & 0xffn); v >>= 8n; }
    expect(() => decodeScalar(l)).toThrow(/not reduced/);
    const k = randomScalar();
    expect(mod(k * scalarInverse(k))).toBe(1n);
  });

  it('hashing is domain separated and length prefixed', () => {
    expect(toHex(hash256('a', utf8('bc')))).not.toBe(toHex(hash256('ab', utf8('c'))));
    expect(toHex(hash256('t', utf8('ab'), utf8('c')))).not.toBe(toHex(hash256('t', utf8('a'), utf8('bc'))));
    expect(hashToScalar('t', utf8('x'))).toBeLessThan(ORDER);
  });
});
