import type { ElectionContext } from '../election-context';
import type { EncryptionTables } from '../elgamal';
import { encodeScalar, mod, randomScalar } from '../scalar';
import { fromHex, toHex } from '../hash';
import { assertValidBallotStyle, BallotStyle } from './ballot-style';
import { BALLOT_FORMAT, ContestJson, EncryptedBallotJson, OptionJson } from './ballot-format';
import { answerContestSum, answerOption, BallotProofError, commitContestSum, commitOption, EncodedOption, RandomScalar } from './prove';
import { group } from '../active-group';
import { proofBinding } from './proof-binding';
import { sealBallot } from './tracking-code';
import { BINDING_NONCE_HEX, computeVoterBinding, randomBindingNonce } from './voter-binding';
import type { SigningKey } from '../credential/credential-signature';
import { signBallot } from '../credential/ballot-signature';

/** The voter's choice: for each contest id of the style, the chosen option id. */
export type BallotSelections = Readonly<Record<string, string>>;

/**
 * What the booth keeps in memory after encrypting and reveals only if the voter spoils the
 * ballot (Benaloh challenge): the plaintext choices and every option's nonce. Never sent when
 * the ballot is cast.
 */
export interface BallotSecrets {
  readonly trackingCode: string;
  /**
   * The 32 bytes (hex) that open the ballot's voterBinding to the pseudonym and credential.
   * Sent with the ballot when it is cast (and published in its BallotCast event); sent to the
   * server, but never published, when it is spoiled.
   */
  readonly bindingNonce: string;
  /**
   * The voter's signature on the ballot (credential key, docs/spec/crypto.md "Ballot
   * signature"), sent only when the ballot is cast: on a spoiled ballot it would name the
   * credential (anyone could try it against every listed one).
   */
  readonly signature: string;
  readonly selections: BallotSelections;
  /** Per contest, per option: the ElGamal nonce as 32-byte little-endian hex. */
  readonly nonces: readonly (readonly string[])[];
}

export interface EncryptBallotInput {
  readonly context: ElectionContext;
  /** encryptionTables(context.publicKey), built once per booth session (in slices: encryptionTablesInSlices). */
  readonly tables: EncryptionTables;
  readonly style: BallotStyle;
  readonly pseudonym: string;
  /** The voter's credential key (derived in the browser from what the voter typed): the
   * binding names its public key, and the ballot is signed with it. */
  readonly credential: SigningKey;
  /** 64 hex digits; drawn from `random` (first) when absent. A fresh one for every encryption. */
  readonly bindingNonce?: string;
  /** The signature's 32 random bytes; fresh from Web Crypto when absent (fixed only in test vectors). */
  readonly signatureRandomness?: Uint8Array;
  readonly selections: BallotSelections;
  /** Source of nonces and proof randomness; defaults to Web Crypto. Deterministic only in test vectors. */
  readonly random?: RandomScalar;
}

export interface EncryptedBallotWithSecrets {
  readonly ballot: EncryptedBallotJson;
  readonly secrets: BallotSecrets;
}

export const scalarHex = (k: bigint): string => toHex(encodeScalar(k));

/**
 * Encrypts one ballot: per option Enc(0 or 1) with a 0-or-1 proof, per contest a proof that
 * exactly one option is 1, then the voter's signature over its tracking code (one fixed-base
 * multiplication: well under a millisecond). Throws BallotProofError if the selections do not
 * choose exactly one known option in every contest of the style (and nothing else).
 */
export function encryptBallot(input: EncryptBallotInput): EncryptedBallotWithSecrets {
  const { context, tables, style, pseudonym, selections, credential } = input;
  const random = input.random ?? randomScalar;
  assertValidBallotStyle(style);
  if (typeof pseudonym !== 'string' || pseudonym.length === 0) throw new BallotProofError('a ballot needs the voter pseudonym');
  const known = new Set(style.contests.map((c) => c.id));
  for (const contestId of Object.keys(selections)) {
    if (!known.has(contestId)) throw new BallotProofError(`contest ${contestId} is not on ballot style ${style.id}`);
  }
  const bindingNonce = input.bindingNonce ?? randomBindingNonce(random);
  if (!BINDING_NONCE_HEX.test(bindingNonce)) throw new BallotProofError('the binding nonce is 64 lowercase hexadecimal digits');
  if (!credential || typeof credential.publicKey !== 'string') throw new BallotProofError('a ballot needs the voter\'s credential key');
  const voterBinding = computeVoterBinding(pseudonym, credential.publicKey, bindingNonce);

  const contests: ContestJson[] = [];
  const nonces: string[][] = [];
  for (const contest of style.contests) {
    const chosen = selections[contest.id];
    const chosenIndex = contest.optionIds.indexOf(chosen);
    if (chosen === undefined || chosenIndex < 0) {
      throw new BallotProofError(`contest ${contest.id} needs exactly one of its options (got ${JSON.stringify(chosen)})`);
    }
    const plaintexts = contest.optionIds.map((_, i) => (i === chosenIndex ? 1n : 0n));
    const { json, optionNonces } = encryptContest(context, tables, style.id, voterBinding, contest.id, contest.optionIds, plaintexts, random);
    contests.push(json);
    nonces.push(optionNonces.map(scalarHex));
  }

  const ballot = sealBallot({ format: BALLOT_FORMAT, baseHash: toHex(context.baseHash), styleId: style.id, voterBinding, contests });
  const signature = signBallot(credential, ballot, input.signatureRandomness);
  return { ballot, secrets: { trackingCode: ballot.trackingCode, bindingNonce, signature, selections: { ...selections }, nonces } };
}

/**
 * One contest from a vector of plaintexts. Refuses unless every plaintext is 0 or 1 and
 * exactly one is 1 (the prover could not make the proofs otherwise).
 */
export function encryptContest(
  context: ElectionContext,
  tables: EncryptionTables,
  styleId: string,
  voterBinding: string,
  contestId: string,
  optionIds: readonly string[],
  plaintexts: readonly bigint[],
  random: RandomScalar,
): { json: ContestJson; optionNonces: bigint[] } {
  if (plaintexts.length !== optionIds.length) throw new BallotProofError(`contest ${contestId}: one plaintext per option expected`);
  const ones = plaintexts.filter((m) => m === 1n).length;
  if (plaintexts.some((m) => m !== 0n && m !== 1n) || ones !== 1) {
    throw new BallotProofError(`contest ${contestId}: exactly one option must be chosen (got ${ones} of ${plaintexts.length})`);
  }
  const binding = proofBinding(context.baseHash, styleId, fromHex(voterBinding, 32), contestId);
  const optionNonces = plaintexts.map(() => random());
  // Every element of the contest first, then one encodeMany for all of them (one shared field
  // inversion on the booth's backend), then the challenges, which hash the encodings.
  const commitments = plaintexts.map((m, i) => commitOption(tables, m, optionNonces[i], random));
  const sumCommitment = commitContestSum(tables, random);
  const encodings = group.encodeMany([...commitments.flatMap((c) => c.elements), ...sumCommitment.elements]);
  const encoded: EncodedOption[] = commitments.map((c, i) => answerOption(binding, i, c, encodings.slice(6 * i, 6 * i + 6)));
  const ciphertexts = encoded.flatMap((o) => [o.alpha, o.beta]);
  const summed = optionNonces.reduce((acc, r) => mod(acc + r), 0n);
  const sum = answerContestSum(binding, ciphertexts, summed, sumCommitment, encodings.slice(6 * commitments.length));
  return {
    json: {
      contestId,
      options: encoded.map((o, i) => optionJson(optionIds[i], o)),
      sumProof: { a: toHex(sum.a), b: toHex(sum.b), v: scalarHex(sum.v) },
    },
    optionNonces,
  };
}

export function optionJson(optionId: string, o: EncodedOption): OptionJson {
  return {
    optionId,
    alpha: toHex(o.alpha),
    beta: toHex(o.beta),
    proof: {
      a0: toHex(o.a0), b0: toHex(o.b0), a1: toHex(o.a1), b1: toHex(o.b1),
      c0: scalarHex(o.c0), c1: scalarHex(o.c1), v0: scalarHex(o.v0), v1: scalarHex(o.v1),
    },
  };
}
