import { group } from '../active-group';
import type { GroupElement } from '../group';
import { element, hashToScalar, type HashPart } from '../hash';
import { mod, randomScalar } from '../scalar';
import { generatorBase } from '../elgamal';

/**
 * Chaum-Pedersen proof that two discrete logarithms are equal:
 *
 *   statement  h₁ = x·g₁  and  h₂ = x·g₂   (same secret x)
 *
 * in its compact (challenge, response) form, made non-interactive by Fiat-Shamir
 * (docs/spec/crypto-ceremony-tally.md, "DLEQ proofs"):
 *
 *   prover:    w random;  A₁ = w·g₁;  A₂ = w·g₂
 *              c = hashToScalar(tag, context₁ … contextₖ, g₁, h₁, g₂, h₂, A₁, A₂)
 *              z = w + c·x  (mod ℓ)
 *   verifier:  A₁ = z·g₁ − c·h₁;  A₂ = z·g₂ − c·h₂;  accept iff c equals the hash again.
 *
 * The caller chooses the tag (one per purpose) and the context parts (what the proof is bound
 * to: the election, the option, the trustee…), so a proof made for one purpose or one place in
 * the record never verifies in another. Used by the ceremony (complaints reveal a Diffie-Hellman
 * secret) and by the tally (partial decryptions).
 */
export interface DleqStatement {
  readonly g1: GroupElement;
  readonly h1: GroupElement;
  readonly g2: GroupElement;
  readonly h2: GroupElement;
}

export interface DleqProof {
  readonly challenge: bigint;
  readonly response: bigint;
}

/** Where proof nonces come from: random in production, seeded only for published test vectors. */
export type ScalarSource = () => bigint;

function challengeFor(tag: string, context: readonly HashPart[], s: DleqStatement, a1: GroupElement, a2: GroupElement): bigint {
  return hashToScalar(tag, ...context, element(s.g1), element(s.h1), element(s.g2), element(s.h2), element(a1), element(a2));
}

/** Proves h₁ = x·g₁ and h₂ = x·g₂. The secret and the nonce are used in constant time. */
export function proveDleq(
  tag: string,
  context: readonly HashPart[],
  statement: DleqStatement,
  secret: bigint,
  nonces: ScalarSource = randomScalar,
): DleqProof {
  const w = nonces();
  // w is secret: group.mul, the backend's constant-time path, even for g₁ = G (generatorBase()
  // reads its table at positions given by w's digits; crypto-ceremony-tally.md §6).
  const a1 = group.mul(statement.g1, w);
  const a2 = group.mul(statement.g2, w);
  const challenge = challengeFor(tag, context, statement, a1, a2);
  return { challenge, response: mod(w + challenge * secret) };
}

/** True iff the proof verifies for exactly this tag, context and statement. Never throws on
 * scalars already decoded (callers decode hex at the boundary: see ceremony/wire.ts). */
export function verifyDleq(tag: string, context: readonly HashPart[], statement: DleqStatement, proof: DleqProof): boolean {
  const { challenge: c, response: z } = proof;
  if (c < 0n || c >= group.order || z < 0n || z >= group.order) return false;
  // Two-term combinations: separate variable-time multiplies beat a two-point MSM here, and
  // z·G uses the generator's fixed-base table.
  const zG1 = statement.g1 === group.generator ? generatorBase().mul(z) : group.mulPublic(statement.g1, z);
  const a1 = group.sub(zG1, group.mulPublic(statement.h1, c));
  const a2 = group.sub(group.mulPublic(statement.g2, z), group.mulPublic(statement.h2, c));
  return challengeFor(tag, context, statement, a1, a2) === c;
}
