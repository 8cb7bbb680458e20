import { group } from '../active-group';
import type { GroupElement } from '../group';
import { plusMessage, type EncryptionTables } from '../elgamal';
import { mod } from '../scalar';
import { optionChallenge, ProofBinding, sumChallenge } from './proof-binding';

/**
 * Provers for the two ballot proofs, in commitment form (commitments are published so that a
 * verifier can fold every equation into one multi-scalar multiplication). The prover knows
 * every nonce, so all of it runs on the fixed-base tables of G and K: no variable-base
 * multiplication when encrypting.
 */
export type RandomScalar = () => bigint;

export interface EncodedOption {
  readonly alpha: Uint8Array;
  readonly beta: Uint8Array;
  readonly a0: Uint8Array;
  readonly b0: Uint8Array;
  readonly a1: Uint8Array;
  readonly b1: Uint8Array;
  readonly c0: bigint;
  readonly c1: bigint;
  readonly v0: bigint;
  readonly v1: bigint;
}

export class BallotProofError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BallotProofError';
  }
}

/**
 * Encrypts m ∈ {0, 1} with nonce r and proves (disjunctive Chaum-Pedersen) that the
 * ciphertext encrypts 0 or 1. Refuses any other m: an honest prover cannot prove it.
 */
export function encryptAndProveOption(
  tables: EncryptionTables,
  binding: ProofBinding,
  optionIndex: number,
  m: bigint,
  r: bigint,
  random: RandomScalar,
): EncodedOption {
  const commitment = commitOption(tables, m, r, random);
  return answerOption(binding, optionIndex, commitment, group.encodeMany(commitment.elements));
}

/**
 * The prover's algorithm with the "real" branch chosen by the caller. For m ∈ {0,1} and
 * realBranch = m it is the honest prover; any other combination produces a proof that does
 * not verify. Exported for the tests that show forged proofs fail; protocol code calls
 * encryptAndProveOption.
 */
export function simulateOrProve(
  tables: EncryptionTables,
  binding: ProofBinding,
  optionIndex: number,
  m: bigint,
  r: bigint,
  realBranch: 0 | 1,
  random: RandomScalar,
): EncodedOption {
  const commitment = commitOptionBranch(tables, m, r, realBranch, random);
  return answerOption(binding, optionIndex, commitment, group.encodeMany(commitment.elements));
}

/**
 * An option's ciphertext and proof commitments, before the challenge. Every random value is
 * drawn here, in the order the vectors fix (c', v', u), so a contest can commit all its options,
 * encode every element at once (Group.encodeMany) and only then hash the challenges.
 */
export interface OptionCommitment {
  /** α, β, a0, b0, a1, b1 */
  readonly elements: readonly [GroupElement, GroupElement, GroupElement, GroupElement, GroupElement, GroupElement];
  readonly r: bigint;
  readonly u: bigint;
  readonly realBranch: 0 | 1;
  readonly cFake: bigint;
  readonly vFake: bigint;
}

/** commitOption for the honest prover: refuses m ∉ {0, 1}. */
export function commitOption(tables: EncryptionTables, m: bigint, r: bigint, random: RandomScalar): OptionCommitment {
  if (m !== 0n && m !== 1n) throw new BallotProofError(`an option must encrypt 0 or 1, not ${m}`);
  return commitOptionBranch(tables, m, r, m === 1n ? 1 : 0, random);
}

/**
 * Real branch j=realBranch: a_j = u·G, b_j = u·K, v_j = u + c_j·r.
 * Simulated branch j': pick c_j', v_j'; a_j' = (v_j' − c_j'·r)·G,
 *   b_j' = (v_j' − c_j'·r)·K + c_j'·(j' − m)·G  (= v_j'·K − c_j'·(β − j'·G)).
 */
function commitOptionBranch(tables: EncryptionTables, m: bigint, r: bigint, realBranch: 0 | 1, random: RandomScalar): OptionCommitment {
  const alpha = tables.g.mul(r);
  const beta = plusMessage(tables, m, tables.k.mul(r));
  const fake = (1 - realBranch) as 0 | 1;
  const cFake = random();
  const vFake = random();
  const t = mod(vFake - cFake * r);
  const aFake = tables.g.mul(t);
  const bFake = group.add(tables.k.mul(t), tables.g.mul(mod(cFake * (BigInt(fake) - m))));
  const u = random();
  const aReal = tables.g.mul(u);
  const bReal = tables.k.mul(u);
  const elements = realBranch === 0
    ? [alpha, beta, aReal, bReal, aFake, bFake] as const
    : [alpha, beta, aFake, bFake, aReal, bReal] as const;
  return { elements, r, u, realBranch, cFake, vFake };
}

/** The challenge and responses, given the encodings of the commitment's six elements. */
export function answerOption(binding: ProofBinding, optionIndex: number, commitment: OptionCommitment, encodings: readonly Uint8Array[]): EncodedOption {
  const [alpha, beta, a0, b0, a1, b1] = encodings;
  const { r, u, realBranch, cFake, vFake } = commitment;
  const c = optionChallenge(binding, optionIndex, alpha, beta, a0, b0, a1, b1);
  const cReal = mod(c - cFake);
  const vReal = mod(u + cReal * r);
  return realBranch === 0
    ? { alpha, beta, a0, b0, a1, b1, c0: cReal, c1: cFake, v0: vReal, v1: vFake }
    : { alpha, beta, a0, b0, a1, b1, c0: cFake, c1: cReal, v0: vFake, v1: vReal };
}

export interface EncodedSumProof {
  readonly a: Uint8Array;
  readonly b: Uint8Array;
  readonly v: bigint;
}

/**
 * Chaum-Pedersen proof that the summed ciphertext (A, B) = Σ(αᵢ, βᵢ) encrypts 1 with nonce
 * R = Σ rᵢ, i.e. A = R·G and B − G = R·K: a = u·G, b = u·K, v = u + c·R.
 */
export function proveContestSum(
  tables: EncryptionTables,
  binding: ProofBinding,
  ciphertexts: readonly Uint8Array[],
  summedNonce: bigint,
  random: RandomScalar,
): EncodedSumProof {
  const commitment = commitContestSum(tables, random);
  return answerContestSum(binding, ciphertexts, summedNonce, commitment, group.encodeMany(commitment.elements));
}

export interface SumCommitment {
  /** a = u·G, b = u·K */
  readonly elements: readonly [GroupElement, GroupElement];
  readonly u: bigint;
}

export function commitContestSum(tables: EncryptionTables, random: RandomScalar): SumCommitment {
  const u = random();
  return { elements: [tables.g.mul(u), tables.k.mul(u)], u };
}

export function answerContestSum(
  binding: ProofBinding,
  ciphertexts: readonly Uint8Array[],
  summedNonce: bigint,
  commitment: SumCommitment,
  encodings: readonly Uint8Array[],
): EncodedSumProof {
  const [a, b] = encodings;
  const c = sumChallenge(binding, ciphertexts, a, b);
  return { a, b, v: mod(commitment.u + c * summedNonce) };
}
