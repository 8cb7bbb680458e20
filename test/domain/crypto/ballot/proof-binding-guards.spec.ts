/**
 * The two guards of proof-binding.ts. The ballot decoder never hands them a bad value (it
 * checks lengths first), so only a direct call shows that a voter binding of another length,
 * or ciphertexts that are not α/β pairs, are refused rather than hashed into a challenge.
 */
import { proofBinding, sumChallenge } from '../../../../src/domain/crypto/ballot/proof-binding';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('proof binding guards', () => {
  it('a voter binding of 31 or 33 bytes is refused', () => {
    for (const n of [31, 33]) expect(() => proofBinding(bytes(32), 'style-A', bytes(n), 'senado')).toThrow('proofBinding: the voter binding is 32 bytes');
    expect(proofBinding(bytes(32), 'style-A', bytes(32), 'senado').parts).toHaveLength(4);
  });
  it('an odd number of ciphertext halves is refused', () => {
    const binding = proofBinding(bytes(32), 'style-A', bytes(32), 'senado');
    expect(() => sumChallenge(binding, [bytes(32), bytes(32), bytes(32)], bytes(32), bytes(32))).toThrow('sumChallenge: alpha/beta pairs expected');
    expect(typeof sumChallenge(binding, [bytes(32), bytes(32)], bytes(32), bytes(32))).toBe('bigint');
  });
});
