import type { ElectionContext } from '../crypto/election-context';
import type { PartialDecryption } from '../crypto/tally/tally-wire';
import type { HexOptionTotal } from './events';

/**
 * Commands of the tally ceremony. Facts from other streams (lifecycle phase, the hash recorded
 * at closing, the crypto context) are gathered by the application layer and passed in, so
 * `decide` stays pure. Proof checks are pure crypto and run inside `decide`.
 */
export interface StartTally {
  type: 'StartTally';
  electionId: string;
  /** True once lifecycle-<id> holds BallotBoxExported. */
  ballotBoxExported: boolean;
  closingBallotBoxHash: string;
  recomputedBallotBoxHash: string;
  ballots: number;
  threshold: number;
  /** Contest ids the tally must publish (from the manifest). */
  contests: string[];
  now: string;
}

export interface RecordEncryptedTally {
  type: 'RecordEncryptedTally';
  electionId: string;
  contestId: string;
  ballots: number;
  options: HexOptionTotal[];
}

export interface PostPartialDecryption {
  type: 'PostPartialDecryption';
  electionId: string;
  trusteeIndex: number;
  contestId: string;
  /** Untrusted input: every item is verified against the recorded totals. */
  partials: unknown[];
  context: ElectionContext;
  /** Xⱼ (hex) per trustee index, from CeremonyCompleted. */
  verificationKeys: Record<string, string>;
  /** Each trustee's enrolled Ed25519 signing key (hex) by trustee index, from TrusteeEnrolled v2. */
  signingKeys: Record<string, string>;
  /** The trustee's signature of its partial decryptions (docs/spec/crypto-ceremony-tally.md §7):
   * what says they come from trustee `trusteeIndex`. */
  signature: string;
}

export interface RejectTrustee {
  type: 'RejectTrustee';
  electionId: string;
  trusteeIndex: number;
  check: string;
  reason: string;
}

export interface PublishResults {
  type: 'PublishResults';
  electionId: string;
  contestId: string;
  counts: { optionId: string; count: number }[];
  trustees: number[];
}

export interface CompleteTally {
  type: 'CompleteTally';
  electionId: string;
  now: string;
}

export interface RecordActa {
  type: 'RecordActa';
  electionId: string;
  jsonSha256: string;
  pdfSha256?: string;
  now: string;
}

export interface RecordPreservationManifest {
  type: 'RecordPreservationManifest';
  electionId: string;
  manifestSha256: string;
  artefacts: { name: string; sha256: string }[];
  signerPublicKey: string;
  now: string;
}

export type TallyCommand =
  | StartTally
  | RecordEncryptedTally
  | PostPartialDecryption
  | RejectTrustee
  | PublishResults
  | CompleteTally
  | RecordActa
  | RecordPreservationManifest;
