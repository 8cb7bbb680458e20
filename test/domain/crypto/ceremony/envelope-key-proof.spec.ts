import { group } from '../../../../src/domain/crypto/active-group';
import { ceremonyContext, proveEnvelopeKey, sealShare, verifyEnvelopeKey, type CeremonyParams } from '../../../../src/domain/crypto/ceremony';
import { mod, randomScalar } from '../../../../src/domain/crypto/scalar';
import { flipByte } from './dealt-envelope';

/** The envelope key proof (crypto-ceremony-tally.md §3.3) holds only for the envelope it was
 * made for: each bound value, changed alone, makes it fail. */
const params: CeremonyParams = { ceremonyId: 'envelope-proof-3-of-2', n: 3, t: 2 };
const ctx = ceremonyContext(params);
const recipientKey = group.mul(group.generator, randomScalar());
const r = randomScalar();
const sealed = sealShare(ctx, 1, 2, recipientKey, 42n, r);
const proof = sealed.ephemeralKeyProof;

describe('envelope key proof', () => {
  it('verifies for its own envelope', () => {
    expect(verifyEnvelopeKey(ctx, 1, 2, sealed, proof)).toBe(true);
  });

  it.each([
    ['another ceremony', () => verifyEnvelopeKey(ceremonyContext({ ...params, ceremonyId: 'other' }), 1, 2, sealed, proof)],
    ['another dealer', () => verifyEnvelopeKey(ctx, 3, 2, sealed, proof)],
    ['another recipient', () => verifyEnvelopeKey(ctx, 1, 3, sealed, proof)],
    ['another ciphertext', () => verifyEnvelopeKey(ctx, 1, 2, { ...sealed, ciphertext: flipByte(sealed.ciphertext, 5, 1) }, proof)],
    ['another MAC', () => verifyEnvelopeKey(ctx, 1, 2, { ...sealed, mac: flipByte(sealed.mac, 31, 0x80) }, proof)],
    ['a shifted key R + G', () => verifyEnvelopeKey(ctx, 1, 2, { ...sealed, ephemeralKey: group.add(sealed.ephemeralKey, group.generator) }, proof)],
    ['a challenge + 1', () => verifyEnvelopeKey(ctx, 1, 2, sealed, { ...proof, challenge: (proof.challenge + 1n) % group.order })],
    ['a response + 1', () => verifyEnvelopeKey(ctx, 1, 2, sealed, { ...proof, response: (proof.response + 1n) % group.order })],
    ['a challenge ≥ ℓ', () => verifyEnvelopeKey(ctx, 1, 2, sealed, { ...proof, challenge: proof.challenge + group.order })],
  ])('fails for %s', (_what, check) => {
    expect(check()).toBe(false);
  });

  it('made with a secret other than log_G R, it fails (knowing another r proves nothing about this R)', () => {
    const other = proveEnvelopeKey(ctx, 1, 2, sealed, mod(r + 1n));
    expect(verifyEnvelopeKey(ctx, 1, 2, sealed, other)).toBe(false);
  });
});
