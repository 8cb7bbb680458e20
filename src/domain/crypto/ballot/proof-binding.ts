import { u32, utf8, hashToScalar } from '../hash';
import { Tags } from '../tags';

/**
 * What every ballot proof's Fiat-Shamir challenge is bound to, besides its own statement and
 * commitments: the election (baseHash binds manifest and public key), the ballot style, the
 * voter binding (32 bytes, voter-binding.ts: a ballot cannot be cast under another pseudonym,
 * yet names nobody until its binding nonce is published) and the contest.
 * Byte layout: docs/spec/crypto.md, "Ballots".
 */
export interface ProofBinding {
  readonly parts: readonly Uint8Array[];
}

export function proofBinding(baseHash: Uint8Array, styleId: string, voterBinding: Uint8Array, contestId: string): ProofBinding {
  if (voterBinding.length !== 32) throw new Error('proofBinding: the voter binding is 32 bytes');
  return { parts: [baseHash, utf8(styleId), voterBinding, utf8(contestId)] };
}

/**
 * c = H("urna/v1/ballot/option-proof", baseHash, styleId, voterBinding, contestId, u32(optionIndex),
 *       alpha, beta, a0, b0, a1, b1)
 */
export function optionChallenge(
  binding: ProofBinding,
  optionIndex: number,
  alpha: Uint8Array,
  beta: Uint8Array,
  a0: Uint8Array,
  b0: Uint8Array,
  a1: Uint8Array,
  b1: Uint8Array,
): bigint {
  return hashToScalar(Tags.ballotOptionProof, ...binding.parts, u32(optionIndex), alpha, beta, a0, b0, a1, b1);
}

/**
 * c = H("urna/v1/ballot/contest-sum-proof", baseHash, styleId, voterBinding, contestId, u32(n),
 *       alpha_0, beta_0, …, alpha_{n-1}, beta_{n-1}, a, b)
 * Hashing the option ciphertexts (rather than their sum) costs the verifier no encoding.
 */
export function sumChallenge(binding: ProofBinding, ciphertexts: readonly Uint8Array[], a: Uint8Array, b: Uint8Array): bigint {
  if (ciphertexts.length % 2 !== 0) throw new Error('sumChallenge: alpha/beta pairs expected');
  return hashToScalar(Tags.ballotContestSumProof, ...binding.parts, u32(ciphertexts.length / 2), ...ciphertexts, a, b);
}
