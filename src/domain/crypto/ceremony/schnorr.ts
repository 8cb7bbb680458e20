import { group } from '../active-group';
import type { GroupElement } from '../group';
import { element, hashToScalar, type HashPart } from '../hash';
import { mod, randomScalar } from '../scalar';
import { generatorBase } from '../elgamal';
import { secretTimesGenerator } from './secret-base';
import type { DleqProof, ScalarSource } from '../proofs/dleq';

/**
 * Schnorr proof of knowledge of a discrete logarithm, compact form (challenge, response):
 *
 *   statement  Y = y·G
 *   prover:    w random; A = w·G; c = hashToScalar(tag, context…, Y, A); z = w + c·y
 *   verifier:  A = z·G − c·Y; accept iff c equals the hash again
 *
 * The ceremony proves knowledge of every polynomial coefficient, of each transport key and of
 * each envelope's ephemeral key, so no trustee can publish a key derived from someone else's
 * (rogue-key attacks; for envelopes, the complaint oracle of envelope-key-proof.ts).
 */
export type SchnorrProof = DleqProof;

export function proveKnowledge(tag: string, context: readonly HashPart[], y: bigint, nonces: ScalarSource = randomScalar): SchnorrProof {
  const w = nonces();
  // w and y are secret: the constant-time multiplication (secret-base.ts).
  const a = secretTimesGenerator(w);
  const big = secretTimesGenerator(y);
  const challenge = hashToScalar(tag, ...context, element(big), element(a));
  return { challenge, response: mod(w + challenge * y) };
}

export function verifyKnowledge(tag: string, context: readonly HashPart[], big: GroupElement, proof: SchnorrProof): boolean {
  const { challenge: c, response: z } = proof;
  if (c < 0n || c >= group.order || z < 0n || z >= group.order) return false;
  const a = group.sub(generatorBase().mul(z), group.mulPublic(big, c));
  return hashToScalar(tag, ...context, element(big), element(a)) === c;
}
