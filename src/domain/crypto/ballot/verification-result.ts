import type { Ciphertext } from '../elgamal';

/** Which check of a ballot failed (docs/spec/crypto.md, "Ballot verification"). */
export type BallotCheck =
  | 'structure' // not the JSON shape of an urna/ballot/v3 ballot
  | 'encoding' // bad hex, wrong length, not a canonical group element, scalar ≥ ℓ
  | 'degenerate-ciphertext' // an option's α is the identity (nonce 0: β = m·G in clear)
  | 'base-hash' // made for another election or key
  | 'style' // unknown style, or contests/options not those of the style
  | 'voter-binding' // voterBinding does not open to the casting voter's pseudonym and credential with the given nonce
  | 'signature' // a cast ballot's signature is missing, malformed, or not its credential's over the ballot
  | 'option-proof' // an option's 0-or-1 proof is wrong
  | 'sum-proof' // a contest's "exactly one" proof is wrong
  | 'tracking-code'; // the tracking code is not the hash of the ballot

export interface BallotFailure {
  readonly check: BallotCheck;
  /** Contest id, when the failure is inside a contest. */
  readonly contest?: string;
  /** Option index within the contest, when the failure is about one option. */
  readonly option?: number;
  /** JSON path of the offending member, e.g. "contests[1].options[3].proof.v0". */
  readonly field?: string;
  readonly reason: string;
}

/** A verified ballot, with its ciphertexts already decoded so a tally can add them directly. */
export interface VerifiedBallot {
  readonly trackingCode: string;
  readonly styleId: string;
  readonly voterBinding: string;
  readonly contests: readonly { readonly contestId: string; readonly ciphertexts: readonly Ciphertext[] }[];
}

export type BallotVerification =
  | { readonly ok: true; readonly ballot: VerifiedBallot }
  | { readonly ok: false; readonly failures: readonly BallotFailure[] };
