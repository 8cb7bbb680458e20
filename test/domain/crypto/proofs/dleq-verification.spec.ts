/**
 * verifyDleq (proofs/dleq.ts) on its own: an honest proof verifies, and each part of what it
 * proves (tag, every context part, each of the four statement elements, the challenge and
 * the response) is bound: changing any one refuses it. The response must be reduced: z + ℓ
 * and z − ℓ satisfy the same equations, so without the range check one proof would have
 * several encodings.
 */
import { group } from '../../../../src/domain/crypto/active-group';
import { hashToScalar, utf8 } from '../../../../src/domain/crypto/hash';
import { proveDleq, verifyDleq, type DleqProof, type DleqStatement } from '../../../../src/domain/crypto/proofs/dleq';

const scalar = (label: string) => hashToScalar('urna/test/dleq', utf8(label));
const G = group.generator;
const x = scalar('secret');
const H2 = group.hashToElement('urna/test/dleq-base', utf8('g2'));
const g1Other = group.mul(G, scalar('another base'));
const tag = 'urna/test/dleq-proof';
const context = [utf8('election-1'), utf8('trustee-2')];
/** The statement over the generator (the fixed-base path) and over another base (the variable-base path). */
const statements: Record<string, DleqStatement> = {
  'g₁ = G': { g1: G, h1: group.mul(G, x), g2: H2, h2: group.mul(H2, x) },
  'g₁ ≠ G': { g1: g1Other, h1: group.mul(g1Other, x), g2: H2, h2: group.mul(H2, x) },
};
let n = 0;
const nonces = () => scalar(`nonce ${n++}`);
const ell = group.order;

describe.each(Object.entries(statements))('verifyDleq with %s', (_, s) => {
  let proof: DleqProof;
  beforeAll(() => {
    proof = proveDleq(tag, context, s, x, nonces);
  });

  it('accepts the honest proof', () => {
    expect(verifyDleq(tag, context, s, proof)).toBe(true);
  });
  it('refuses another tag, another or a missing or an extra context part', () => {
    expect(verifyDleq('urna/test/other-proof', context, s, proof)).toBe(false);
    expect(verifyDleq(tag, [utf8('election-1'), utf8('trustee-3')], s, proof)).toBe(false);
    expect(verifyDleq(tag, [context[0]], s, proof)).toBe(false);
    expect(verifyDleq(tag, [...context, utf8('')], s, proof)).toBe(false);
  });
  it('refuses each statement element changed', () => {
    for (const k of ['g1', 'h1', 'g2', 'h2'] as const) {
      expect(verifyDleq(tag, context, { ...s, [k]: group.add(s[k], G) }, proof)).toBe(false);
    }
  });
  it('refuses a statement with two different secrets, whatever the prover does', () => {
    const lying = { ...s, h2: group.mul(s.g2, x + 1n) };
    expect(verifyDleq(tag, context, lying, proveDleq(tag, context, lying, x, nonces))).toBe(false);
  });
  it('refuses a changed challenge or response', () => {
    expect(verifyDleq(tag, context, s, { ...proof, challenge: (proof.challenge + 1n) % ell })).toBe(false);
    expect(verifyDleq(tag, context, s, { ...proof, response: (proof.response + 1n) % ell })).toBe(false);
  });
  it('refuses the same response unreduced (z + ℓ, z − ℓ) and out-of-range challenges, without throwing', () => {
    expect(verifyDleq(tag, context, s, { ...proof, response: proof.response + ell })).toBe(false);
    expect(verifyDleq(tag, context, s, { ...proof, response: proof.response - ell })).toBe(false);
    expect(verifyDleq(tag, context, s, { ...proof, challenge: proof.challenge + ell })).toBe(false);
    expect(verifyDleq(tag, context, s, { ...proof, challenge: proof.challenge - ell })).toBe(false);
    expect(verifyDleq(tag, context, s, { challenge: -1n, response: -1n })).toBe(false);
  });
});
