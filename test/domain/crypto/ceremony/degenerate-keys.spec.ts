import {
  CeremonyFinalizationError,
  createRound1,
  createRound2,
  decodeSecrets,
  finalizeTrustee,
  receiveRound1,
  receiveShare,
  verifyCeremonyTranscript,
  type CeremonyParams,
  type CeremonyTranscript,
  type TrusteeSecrets,
} from '../../../../src/domain/crypto/ceremony';
import { evaluatePolynomial } from '../../../../src/domain/crypto/ceremony/polynomial';
import { mod, randomScalar, scalarInverse } from '../../../../src/domain/crypto/scalar';

/**
 * K ≠ identity and every Xⱼ ≠ identity (crypto-ceremony-tally.md §3.6). Trustees 1 and 2 are
 * honest; trustee 3 picks its coefficients after seeing theirs (as a coalition of all of QUAL
 * could), so that K or X₂ is the identity. Every message is valid on its own (trustee 3 knows
 * its coefficients and proves it): only the result's check can refuse the key.
 */
const params: CeremonyParams = { ceremonyId: 'degenerate-3-of-2', n: 3, t: 2 };

/** A scalar source that first gives `first`, then random scalars. */
const startingWith = (first: bigint[]) => {
  const queue = [...first];
  return () => queue.shift() ?? randomScalar();
};

function ceremonyWithThird(chooseCoefficients: (f1: bigint[], f2: bigint[]) => bigint[]) {
  const r1 = createRound1(params, 1);
  const r2 = createRound1(params, 2);
  const coefficients = (s: TrusteeSecrets) => decodeSecrets(params, s).coefficients;
  const r3 = createRound1(params, 3, startingWith(chooseCoefficients(coefficients(r1.secrets), coefficients(r2.secrets))));
  const secrets = [r1.secrets, r2.secrets, r3.secrets];
  const round1 = [r1.message, r2.message, r3.message];
  const { participants } = receiveRound1(params, round1);
  const round2 = secrets.map((s) => createRound2(params, s, participants));
  const transcript: CeremonyTranscript = { params, round1, round2, complaints: [] };
  // The shares each trustee accepts (all of them: every dealer is honest towards everyone).
  const accepted = secrets.map((s) => {
    const mine = new Map<number, bigint>();
    for (const m of round2) {
      if (m.dealer === s.trustee) continue;
      const receipt = receiveShare(params, s, participants, m);
      if (receipt.kind !== 'accepted') throw new Error(`trustee ${s.trustee} did not accept dealer ${m.dealer}'s share`);
      mine.set(m.dealer, receipt.share);
    }
    return mine;
  });
  return { transcript, secrets, accepted };
}

describe('a ceremony whose key or a verification key is the identity fails', () => {
  it('control: the same construction with an ordinary third polynomial succeeds', () => {
    const { transcript, secrets, accepted } = ceremonyWithThird(() => [randomScalar(), randomScalar()]);
    expect(verifyCeremonyTranscript(transcript)).toMatchObject({ ok: true, qualified: [1, 2, 3], failures: [] });
    for (const [k, s] of secrets.entries()) expect(finalizeTrustee(transcript, s, accepted[k]).trustee).toBe(s.trustee);
  });

  it('K = identity (a₃₀ = −(a₁₀ + a₂₀)): no key, failure ceremony.public-key-identity, and no trustee finalizes', () => {
    const { transcript, secrets, accepted } = ceremonyWithThird((f1, f2) => [mod(-(f1[0] + f2[0])), randomScalar()]);
    const v = verifyCeremonyTranscript(transcript);
    expect(v.ok).toBe(false);
    expect(v.qualified).toEqual([1, 2, 3]);
    expect(v.failures).toEqual([expect.objectContaining({ check: 'ceremony.public-key-identity' })]);
    expect(v.publicKey).toBeUndefined();
    expect(v.verificationKeys).toBeUndefined();
    for (const [k, s] of secrets.entries()) expect(() => finalizeTrustee(transcript, s, accepted[k])).toThrow(/public key K is the identity/);
  });

  it('X₂ = identity (F(2) = 0, so x₂ = 0 would be a public share): no key, failure ceremony.verification-key-identity naming trustee 2', () => {
    const { transcript, secrets, accepted } = ceremonyWithThird((f1, f2) => {
      const a0 = randomScalar();
      // f₃(2) = a₀ + 2·a₁ = −(f₁(2) + f₂(2))
      return [a0, mod((-(evaluatePolynomial(f1, 2) + evaluatePolynomial(f2, 2)) - a0) * scalarInverse(2n))];
    });
    const v = verifyCeremonyTranscript(transcript);
    expect(v.ok).toBe(false);
    expect(v.failures).toEqual([expect.objectContaining({ check: 'ceremony.verification-key-identity', trustee: 2 })]);
    expect(v.publicKey).toBeUndefined();
    for (const [k, s] of secrets.entries()) expect(() => finalizeTrustee(transcript, s, accepted[k])).toThrow(CeremonyFinalizationError);
  });
});
