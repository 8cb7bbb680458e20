/**
 * The encrypted ballot as it travels and is stored: plain JSON, every group element and
 * scalar as lowercase hexadecimal of its 32-byte encoding (docs/spec/crypto.md, "Ballots").
 * Its canonical form (RFC 8785 over exactly these members) is what the tracking code hashes.
 */
export const BALLOT_FORMAT = 'urna/ballot/v3';
/** Earlier formats, refused with this reason (their ballots carry no voter signature). */
export const RETIRED_BALLOT_FORMATS: readonly string[] = ['urna/ballot/v1', 'urna/ballot/v2'];

/** Disjunctive Chaum-Pedersen proof that (alpha, beta) encrypts 0 or 1, commitment form. */
export interface OptionProofJson {
  /** Commitments of branch 0 ("encrypts 0") and branch 1 ("encrypts 1"). */
  readonly a0: string;
  readonly b0: string;
  readonly a1: string;
  readonly b1: string;
  /** Branch challenges; c0 + c1 must equal the Fiat-Shamir challenge. */
  readonly c0: string;
  readonly c1: string;
  /** Branch responses. */
  readonly v0: string;
  readonly v1: string;
}

export interface OptionJson {
  readonly optionId: string;
  readonly alpha: string;
  readonly beta: string;
  readonly proof: OptionProofJson;
}

/** Chaum-Pedersen proof that the contest's summed ciphertext encrypts exactly 1. */
export interface SumProofJson {
  readonly a: string;
  readonly b: string;
  readonly v: string;
}

export interface ContestJson {
  readonly contestId: string;
  readonly options: readonly OptionJson[];
  readonly sumProof: SumProofJson;
}

/** Everything but the tracking code: the bytes the tracking code is computed over. */
export interface UnsealedBallotJson {
  readonly format: typeof BALLOT_FORMAT;
  readonly baseHash: string;
  readonly styleId: string;
  /**
   * hash256("urna/v1/ballot/voter-credential-binding", utf8(pseudonym), credential, bindingNonce),
   * hex: what the proofs bind instead of the pseudonym and the credential. Only a cast ballot's
   * BallotCast event reveals what opens it; a spoiled ballot's never does (docs/spec/crypto.md).
   */
  readonly voterBinding: string;
  readonly contests: readonly ContestJson[];
}

export interface EncryptedBallotJson extends UnsealedBallotJson {
  /** hash256(ballot tracking-code tag, canonical JSON of the other members), hex. */
  readonly trackingCode: string;
}
