import { decodeScalar, encodeScalar, littleEndianToBigint, ORDER } from '../../../src/domain/crypto/scalar';

/** littleEndianToBigint reads 8 bytes at a time when it can: it must equal the byte-by-byte
 * reading at every length and offset (scalars, 64-byte digests, 16-byte weights, subarrays). */
const byteByByte = (b: Uint8Array): bigint => {
  let k = 0n;
  for (let i = b.length - 1; i >= 0; i--) k = (k << 8n) | BigInt(b[i]);
  return k;
};

describe('littleEndianToBigint', () => {
  it('equals the byte-by-byte reading for lengths 0 to 72 at any offset, and for all-ones bytes', () => {
    for (let n = 0; n <= 72; n++) {
      for (let offset = 0; offset < 4; offset++) {
        const buffer = globalThis.crypto.getRandomValues(new Uint8Array(n + 4));
        const bytes = buffer.subarray(offset, offset + n);
        expect([n, offset, littleEndianToBigint(bytes)]).toEqual([n, offset, byteByByte(bytes)]);
      }
      expect(littleEndianToBigint(new Uint8Array(n).fill(0xff))).toBe((1n << BigInt(8 * n)) - 1n);
    }
  });

  it('puts the first byte lowest and the last highest', () => {
    const one = new Uint8Array(32);
    one[0] = 1;
    expect(littleEndianToBigint(one)).toBe(1n);
    const top = new Uint8Array(32);
    top[31] = 0x80;
    expect(littleEndianToBigint(top)).toBe(1n << 255n);
    const word = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(littleEndianToBigint(word)).toBe(0x100f0e0d0c0b0a090807060504030201n);
  });

  it('keeps decodeScalar exact at the group order: ℓ − 1 decodes, ℓ does not', () => {
    expect(decodeScalar(encodeScalar(ORDER - 1n))).toBe(ORDER - 1n);
    const order = new Uint8Array(32);
    let v = ORDER;
    for (let i = 0; i < 32; i++, v >>= 8n) order[i] = Number(v & 0xffn);
    expect(() => decodeScalar(order)).toThrow(/reduced/);
  });
});
