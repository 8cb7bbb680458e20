import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import type { Group } from '../../../src/domain/crypto/group';
import { InvalidEncodingError } from '../../../src/domain/crypto/group';
import { createLibsodiumRistretto255, wasmSodium } from '../../../src/domain/crypto/ristretto255-libsodium';
import { loadNativeSodium } from '../../../src/parallel/native-sodium';
import { ristretto255Noble as noble } from '../../../src/domain/crypto/ristretto255-noble';
import { fromHex, toHex, utf8 } from '../../../src/domain/crypto/hash';

/**
 * The libsodium backends (WebAssembly build; system library through native/ristretto255)
 * against the @noble/curves one, operation by operation: they must give the same encodings
 * for the same inputs, and refuse the same bad encodings. The native addon is built by
 * `npm test` (scripts/test.sh) before the suites run.
 */
describe.each([
  ['WebAssembly', async () => { await sodium.ready; return wasmSodium(sodium); }],
  ['native', async () => loadNativeSodium()],
])('ristretto255 over libsodium (%s) agrees with @noble/curves', (_label, load) => {
  let wasm: Group;
  beforeAll(async () => {
    wasm = createLibsodiumRistretto255(await load(), noble.order);
  });

  const scalar = fc.bigInt({ min: 0n, max: noble.order - 1n });
  const anyScalar = fc.oneof(scalar, fc.constantFrom(0n, 1n, noble.order - 1n, noble.order, -1n, 2n ** 256n));
  const seed = fc.uint8Array({ minLength: 1, maxLength: 16 });
  /** The same element in both backends: k·H for an H hashed from the seed (k = 0 gives the identity). */
  const pair = (g: Group, s: Uint8Array, k: bigint) => g.mul(g.hashToElement('urna/test/libsodium', s), k);
  const same = (a: unknown, b: unknown) => toHex(wasm.encode(a as never)) === toHex(noble.encode(b as never));

  it('constants: generator, identity, order and encodings', () => {
    expect(same(wasm.generator, noble.generator)).toBe(true);
    expect(same(wasm.identity, noble.identity)).toBe(true);
    expect(wasm.isIdentity(wasm.identity)).toBe(true);
    expect(wasm.isIdentity(wasm.generator)).toBe(false);
  });

  it('add, sub, neg, mul, mulPublic, fixed-base and msm give identical encodings', () => {
    fc.assert(
      fc.property(seed, seed, anyScalar, anyScalar, anyScalar, (s1, s2, a, b, k) => {
        const [x1, y1] = [pair(wasm, s1, a), pair(wasm, s2, b)];
        const [x2, y2] = [pair(noble, s1, a), pair(noble, s2, b)];
        expect(same(x1, x2)).toBe(true);
        expect(same(wasm.add(x1, y1), noble.add(x2, y2))).toBe(true);
        expect(same(wasm.sub(x1, y1), noble.sub(x2, y2))).toBe(true);
        expect(same(wasm.sub(x1, x1), noble.identity)).toBe(true);
        expect(same(wasm.neg(x1), noble.neg(x2))).toBe(true);
        expect(same(wasm.mul(x1, k), noble.mul(x2, k))).toBe(true);
        expect(same(wasm.mulPublic(y1, k), noble.mulPublic(y2, k))).toBe(true);
        expect(same(wasm.fixedBase(wasm.generator).mul(k), noble.fixedBase(noble.generator).mul(k))).toBe(true);
        const nobleTable = noble.fixedBase(y2);
        expect(same(wasm.fixedBase(y1).mul(k), nobleTable.mul(k))).toBe(true);
        const slices = wasm.fixedBaseInSlices(y1);
        let next = slices.next();
        while (!next.done) next = slices.next();
        expect(same(next.value.mul(k), nobleTable.mul(k))).toBe(true);
        expect(same(wasm.msm([x1, y1, wasm.generator], [k, a, b]), noble.msm([x2, y2, noble.generator], [k, a, b]))).toBe(true);
        expect(wasm.equals(wasm.decode(noble.encode(x2)), x1)).toBe(true);
        expect(wasm.equals(x1, y1)).toBe(noble.equals(x2, y2));
      }),
      { numRuns: 60 },
    );
  });

  it('equal elements have equal fingerprints', () => {
    const h = wasm.hashToElement('urna/test', utf8('f'));
    const ks = [1n, 2n, 3n, 1n];
    const fp = wasm.fingerprints(ks.map((k) => wasm.mul(h, k)));
    expect(fp[0]).toBe(fp[3]);
    expect(new Set(fp).size).toBe(3);
  });

  it('refuses exactly the encodings noble refuses (RFC 9496 A.2 samples, random bytes)', () => {
    for (const bad of [
      '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      '0100000000000000000000000000000000000000000000000000000000000000',
      '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      // A valid element's encoding with bit 255 set: libsodium 1.0.18 alone accepted it (found by
      // the random-bytes property below against the native build).
      '0001003e00a300de00030048' + '00e552077800' + '46ed04f74b00033f00004b4d0282',
    ]) {
      expect(() => wasm.decode(fromHex(bad))).toThrow(InvalidEncodingError);
      expect(() => noble.decode(fromHex(bad))).toThrow(InvalidEncodingError);
    }
    expect(() => wasm.decode(new Uint8Array(31))).toThrow(/32 bytes/);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const accept = (g: Group) => { try { g.decode(bytes); return true; } catch (e) { expect(e).toBeInstanceOf(InvalidEncodingError); return false; } };
        expect(accept(wasm)).toBe(accept(noble));
      }),
      { numRuns: 300 },
    );
  });

  it('a decoded element is a copy: changing the input bytes afterwards changes nothing', () => {
    const bytes = noble.encode(noble.generator);
    const e = wasm.decode(bytes);
    bytes[0] ^= 1;
    expect(same(e, noble.generator)).toBe(true);
  });
});
