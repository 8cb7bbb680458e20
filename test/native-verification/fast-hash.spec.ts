import fc from 'fast-check';
import { optionChallenge, proofBinding, sumChallenge } from '../../src/domain/crypto/ballot/proof-binding';
import { hash256, hashToScalar, utf8 } from '../../src/domain/crypto/hash';
import { Tags } from '../../src/domain/crypto/tags';
import { hash256Fast, hash256FastTextHex, hashToScalarFast, IndexedChallenges } from '../../src/native-verification/fast-hash';

/** node:crypto's hashes in the native verifier frame exactly as src/domain/crypto/hash.ts does. */
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const parts = fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 6 });
const tag = fc.string({ maxLength: 40 });

describe('fast-hash (node:crypto) equals the domain hashes', () => {
  it('hashToScalar and hash256 over any tag and parts', () => {
    fc.assert(fc.property(tag, parts, (t, ps) => {
      expect(hashToScalarFast(t, ps)).toBe(hashToScalar(t, ...ps));
      expect(Buffer.from(hash256Fast(t, ps)).toString('hex')).toBe(Buffer.from(hash256(t, ...ps)).toString('hex'));
    }), { numRuns: 200 });
  });

  it('hash256FastTextHex is hash256 of the text\'s UTF-8 bytes, for any text (ASCII, accents, astral characters)', () => {
    fc.assert(fc.property(tag, fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (t, text) => {
      expect(hash256FastTextHex(t, text)).toBe(Buffer.from(hash256(t, utf8(text))).toString('hex'));
    }), { numRuns: 300 });
    expect(hash256FastTextHex('urna/v1/ballot/tracking-code', 'año ✓ 𝄞')).toBe(Buffer.from(hash256('urna/v1/ballot/tracking-code', utf8('año ✓ 𝄞'))).toString('hex'));
  });

  it('IndexedChallenges gives proof-binding.ts\'s option challenges, index after index', () => {
    fc.assert(fc.property(bytes(32), fc.string({ maxLength: 20 }), bytes(32), fc.string({ maxLength: 20 }), fc.array(fc.array(bytes(32), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (base, styleId, voter, contestId, options) => {
      const binding = proofBinding(base, styleId, voter, contestId);
      const indexed = new IndexedChallenges(Tags.ballotOptionProof, binding.parts, 6);
      options.forEach((o, i) => expect(indexed.challenge(i, ...o)).toBe(optionChallenge(binding, i, o[0], o[1], o[2], o[3], o[4], o[5])));
      const cts = options.flatMap((o) => [o[0], o[1]]);
      expect(hashToScalarFast(Tags.ballotContestSumProof, [...binding.parts, new Uint8Array([0, 0, 0, options.length]), ...cts, options[0][2], options[0][3]])).toBe(sumChallenge(binding, cts, options[0][2], options[0][3]));
    }), { numRuns: 60 });
  });
});
