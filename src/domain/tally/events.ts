import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';
import type { PartialDecryption } from '../crypto/tally/tally-wire';

/**
 * The tally ceremony as ledger events, in stream `tally-<electionId>` (all public: they are
 * what an outside verifier checks, docs/spec/record.md). Events that grow with the number of
 * options are split per contest so each stays well under the ledger's 60 KiB limit
 * (the largest contest, 17 options, makes a PartialDecryptionPosted of about 5 KiB).
 *
 * Option ids inside the tally crypto are `<contestId>/<optionId>` (tallyOptionId), so a
 * partial decryption proof is bound to one contest's option, not only to an option name
 * that several contests share ("PAN" is on every ballot).
 */
export type TallyStarted = DomainEvent<'TallyStarted', {
  electionId: string;
  /** SHA-256 (hex) of the ballot box export, recomputed now from the ledger. */
  ballotBoxHash: string;
  /** The hash recorded at closing (BallotBoxExported.sha256). */
  closingBallotBoxHash: string;
  matchesClosing: boolean;
  ballots: number;
  threshold: number;
  /** Contest ids to decrypt and publish, in manifest order. */
  contests: string[];
  startedAt: string;
}>;

export interface HexOptionTotal {
  optionId: string;
  alpha: string;
  beta: string;
}

/** The homomorphic total of one contest, one ciphertext per option in ballot order. */
export type EncryptedTallyComputed = DomainEvent<'EncryptedTallyComputed', {
  electionId: string;
  contestId: string;
  /** Ballots that contained this contest. */
  ballots: number;
  options: HexOptionTotal[];
}>;

/**
 * Trustee j's partial decryptions of one contest's totals, each with its proof (verified).
 * Version 2: the proofs bind the exported ballot box and the contest's ballot count
 * (urna/v2/partial-decryption), copied here so a reader sees what they are bound to. Version 1
 * (urna/v1/partial-decryption, neither member) bound no box: it is never combined, and a
 * record holding one is refused (docs/spec/record.md §5.6).
 */
export type PartialDecryptionPosted = DomainEvent<'PartialDecryptionPosted', {
  electionId: string;
  trusteeIndex: number;
  contestId: string;
  /** BallotBoxExported.sha256 (= TallyStarted.closingBallotBoxHash), hex. */
  ballotBoxHash: string;
  /** The contest's EncryptedTallyComputed.ballots. */
  ballots: number;
  partials: PartialDecryption[];
  /** Version 3: the trustee's Ed25519 signature (hex) of {trusteeIndex, contestId, ballotBoxHash,
   * ballots, partials} (docs/spec/crypto-ceremony-tally.md §7), by its enrolled signing key. */
  signature?: string;
}>;

/** A trustee's contribution was refused; `check` names the failed check. */
export type PartialDecryptionRejected = DomainEvent<'PartialDecryptionRejected', {
  electionId: string;
  trusteeIndex: number;
  contestId?: string;
  check: string;
  reason: string;
}>;

export type ResultsPublished = DomainEvent<'ResultsPublished', {
  electionId: string;
  contestId: string;
  /** Per option, in ballot order. */
  counts: { optionId: string; count: number }[];
  /** Trustees whose partial decryptions were combined (ascending). */
  trustees: number[];
}>;

export type TallyCompleted = DomainEvent<'TallyCompleted', {
  electionId: string;
  contests: number;
  ballots: number;
  trustees: number[];
  completedAt: string;
}>;

export type ActaIssued = DomainEvent<'ActaIssued', {
  electionId: string;
  /** SHA-256 (hex) of the acta's canonical JSON, and of its PDF when one was rendered. */
  jsonSha256: string;
  pdfSha256?: string;
  issuedAt: string;
}>;

export type PreservationManifestIssued = DomainEvent<'PreservationManifestIssued', {
  electionId: string;
  /** SHA-256 (hex) of the signed manifest file handed to the notary. */
  manifestSha256: string;
  artefacts: { name: string; sha256: string }[];
  /** Ed25519 public key (hex) of the log key that signed it. */
  signerPublicKey: string;
  issuedAt: string;
}>;

export type TallyEvent =
  | TallyStarted
  | EncryptedTallyComputed
  | PartialDecryptionPosted
  | PartialDecryptionRejected
  | ResultsPublished
  | TallyCompleted
  | ActaIssued
  | PreservationManifestIssued;

export const tallyEvents: EventTypeEntry[] = [
  { type: 'TallyStarted', versions: [1], visibility: 'public', description: 'The tally started: the ballot box hash was recomputed and compared with the one recorded at closing.' },
  { type: 'EncryptedTallyComputed', versions: [1], visibility: 'public', description: "A contest's homomorphic totals (one ciphertext per option) after every ballot's proofs verified." },
  {
    type: 'PartialDecryptionPosted', versions: [1, 2, 3], visibility: 'public',
    description: "A trustee's partial decryptions of a contest's totals, each with its Chaum-Pedersen proof (v2: bound to the exported ballot box and the contest's ballot count; v3: signed by the trustee).",
  },
  { type: 'PartialDecryptionRejected', versions: [1], visibility: 'public', description: "A trustee's contribution to the tally was refused, naming the failed check." },
  { type: 'ResultsPublished', versions: [1], visibility: 'public', description: "A contest's decrypted counts and the trustees whose partial decryptions were combined." },
  { type: 'TallyCompleted', versions: [1], visibility: 'public', description: 'Every contest was decrypted and published.' },
  { type: 'ActaIssued', versions: [1], visibility: 'public', description: 'The tally record (acta de cómputo) was issued: hashes of its JSON and PDF.' },
  { type: 'PreservationManifestIssued', versions: [1], visibility: 'public', description: 'The signed preservation manifest (hashes of every artefact) was issued for the notary.' },
];

export const tallyStream = (electionId: string) => `tally-${electionId}`;

/** The option id the tally crypto binds into proofs: `<contestId>/<optionId>`. */
export const tallyOptionId = (contestId: string, optionId: string) => `${contestId}/${optionId}`;
