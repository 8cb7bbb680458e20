import type { EventTypeEntry } from '../event-catalog';
import type { DomainEvent } from '../shared/decider';
import type { Complaint, Round1Message, Round2Message } from '../crypto/ceremony/messages';

/**
 * The key ceremony as ledger events, in stream `ceremony-<electionId>`. The DKG messages are
 * the crypto's own wire values (docs/spec/crypto-ceremony-tally.md), carried unchanged, so
 * anyone can rebuild the transcript from the public events and check it.
 *
 * Secrets never appear in clear: a trustee's in-progress secrets and final share are stored
 * only as records sealed under a non-extractable AES key inside that trustee's token
 * (docs/spec/tokens.md), in `sealed` events.
 */

/**
 * Trustee signatures (docs/spec/crypto-ceremony-tally.md §7): TrusteeEnrolled version 2 carries
 * the trustee's Ed25519 signing key (generated inside its token), and every message a trustee
 * sends carries, beside it, `signature`: 128 hex digits, the Ed25519 signature of the statement
 * of trustee-signature.ts by that key (CeremonyRound1Published, CeremonySharesChecked and
 * TrusteeShareSealed version 2, CeremonySharesDealt version 3). Unsigned versions are still read.
 */

/** A sealed record as produced by src/hsm/sealed-share.ts (sealedShareToJson). */
export type SealedRecordJson = Record<string, unknown>;

export type TrusteeEnrolled = DomainEvent<'TrusteeEnrolled', {
  electionId: string;
  /** 1-based index used by the DKG (the polynomial is evaluated at it). */
  trusteeIndex: number;
  trusteeId: string;
  name: string;
  /** Serial number of the trustee's token: only that token can later open the share. */
  tokenSerial: string;
  /** v2: the trustee's Ed25519 public key (hex of its 32 bytes), generated inside its token. */
  signingKey?: string;
}>;

export type CeremonyOpened = DomainEvent<'CeremonyOpened', {
  electionId: string;
  ceremonyId: string;
  threshold: number;
  trustees: number;
  notary: string;
}>;

/** `signature` (v2): by the trustee `message.trustee`. */
export type CeremonyRound1Published = DomainEvent<'CeremonyRound1Published', { electionId: string; message: Round1Message; signature?: string }>;
/** `signature` (v3; v2 is the round-2 message of version 2, unsigned): by the dealer `message.dealer`. */
export type CeremonySharesDealt = DomainEvent<'CeremonySharesDealt', { electionId: string; message: Round2Message; signature?: string }>;
export type CeremonyComplaintFiled = DomainEvent<'CeremonyComplaintFiled', { electionId: string; complaint: Complaint }>;

/** Trustee j opened every envelope addressed to it and filed `complaints` complaints (each its
 * own CeremonyComplaintFiled, appended with this event). Added so the ceremony knows when every
 * trustee has spoken: only then is the qualified set final and shares can be computed. */
export type CeremonySharesChecked = DomainEvent<'CeremonySharesChecked', {
  electionId: string;
  trusteeIndex: number;
  complaints: number;
  /** v2: trustee j's signature of its report: {trusteeIndex: j, complaints: the complaints it
   * filed with this event, ascending dealer} (trustee-signature.ts, shareCheckMessage). */
  signature?: string;
}>;

/** A trustee's ceremony secrets (polynomial, transport key), sealed into its token so the
 * ceremony survives a restart between rounds. */
export type TrusteeSecretsSealed = DomainEvent<'TrusteeSecretsSealed', {
  electionId: string;
  trusteeIndex: number;
  tokenSerial: string;
  sealed: SealedRecordJson;
}>;

/** A trustee's final share xⱼ, sealed into its token; opened only at tally time. */
export type TrusteeShareSealed = DomainEvent<'TrusteeShareSealed', {
  electionId: string;
  trusteeIndex: number;
  tokenSerial: string;
  /** Public verification key Xⱼ = xⱼ·G (hex), so the tally can check the opened share. */
  verificationKey: string;
  sealed: SealedRecordJson;
  /** v2: the trustee's signature of {trusteeIndex, tokenSerial, verificationKey, sealed}. */
  signature?: string;
}>;

export type CeremonyWitnessed = DomainEvent<'CeremonyWitnessed', {
  electionId: string;
  notary: string;
  transcriptHash: string;
  at: string;
}>;

export type CeremonyCompleted = DomainEvent<'CeremonyCompleted', {
  electionId: string;
  ceremonyId: string;
  threshold: number;
  trustees: number;
  qualified: number[];
  /** Election public key K (hex). */
  publicKey: string;
  /** Xⱼ per trustee index (hex). */
  verificationKeys: Record<string, string>;
  /** SHA-256 (hex) of the canonical transcript (docs/spec/crypto-ceremony-tally.md). */
  transcriptHash: string;
}>;

export type CeremonyEvent =
  | TrusteeEnrolled
  | CeremonyOpened
  | CeremonyRound1Published
  | CeremonySharesDealt
  | CeremonyComplaintFiled
  | CeremonySharesChecked
  | TrusteeSecretsSealed
  | TrusteeShareSealed
  | CeremonyWitnessed
  | CeremonyCompleted;

export const ceremonyEvents: EventTypeEntry[] = [
  { type: 'TrusteeEnrolled', versions: [1, 2], visibility: 'public', description: 'A trustee was enrolled with the serial of their token (v2: and the Ed25519 signing key generated inside it).' },
  { type: 'CeremonyOpened', versions: [1], visibility: 'public', description: 'The key ceremony started: threshold, number of trustees, notary.' },
  { type: 'CeremonyRound1Published', versions: [1, 2], visibility: 'public', description: "A trustee's Feldman commitments with proofs and transport key (v2: signed by the trustee)." },
  {
    type: 'CeremonySharesDealt', versions: [1, 2, 3], visibility: 'public',
    description: "A trustee's encrypted shares for the other trustees (v2: its message is a round-2 message of version 2, each envelope with a proof of knowledge of its ephemeral key; v3: as v2, signed by the dealer).",
  },
  { type: 'CeremonyComplaintFiled', versions: [1], visibility: 'public', description: 'A trustee complained about a share, with a proof anyone can judge.' },
  { type: 'CeremonySharesChecked', versions: [1, 2], visibility: 'public', description: 'A trustee checked the shares dealt to it and said how many complaints it filed (v2: its report signed by the trustee).' },
  { type: 'TrusteeSecretsSealed', versions: [1], visibility: 'sealed', description: "A trustee's ceremony secrets, encrypted inside the trustee's token." },
  { type: 'TrusteeShareSealed', versions: [1, 2], visibility: 'sealed', description: "A trustee's final key share, encrypted inside the trustee's token (v2: signed by the trustee)." },
  { type: 'CeremonyWitnessed', versions: [1], visibility: 'public', description: 'The notary witnessed the ceremony transcript.' },
  { type: 'CeremonyCompleted', versions: [1], visibility: 'public', description: 'The election public key and verification keys were published.' },
];

export const ceremonyStream = (electionId: string) => `ceremony-${electionId}`;
