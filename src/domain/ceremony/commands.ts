import type { Complaint, Round1Message, Round2Message } from '../crypto/ceremony/messages';
import type { SealedRecordJson } from './events';

/**
 * Commands of the key ceremony. What the ceremony needs from elsewhere (is the election
 * configured? what time is it?) is gathered by the application layer and passed in as facts,
 * so `decide` stays pure. Secrets never enter a command: only sealed records and public messages.
 *
 * Who sends a trustee's message is established by `signature` alone (trustee-signature.ts): the
 * Ed25519 signature, by the key enrolled for the trustee the message names, of its statement.
 * The actor recorded with the events is informative only.
 */
export interface EnrolTrustee {
  type: 'EnrolTrustee';
  electionId: string;
  trusteeIndex: number;
  trusteeId: string;
  name: string;
  tokenSerial: string;
  /** The trustee's Ed25519 public key (64 hex digits), generated inside its token. */
  signingKey: string;
}

export interface OpenCeremony {
  type: 'OpenCeremony';
  electionId: string;
  ceremonyId: string;
  threshold: number;
  notary: string;
  /** Fact: the election's configuration exists (configuration stream folded by the caller). */
  configurationPresent: boolean;
}

/** Round 1 of trustee i (its secrets stay with its trustee station, sealed by its token). */
export interface PublishRound1 {
  type: 'PublishRound1';
  electionId: string;
  message: Round1Message;
  signature: string;
}

export interface DealShares {
  type: 'DealShares';
  electionId: string;
  message: Round2Message;
  signature: string;
}

/** Trustee j opened every envelope addressed to it; `complaints` are the ones it could not
 * accept, in ascending dealer order. */
export interface ReportShareCheck {
  type: 'ReportShareCheck';
  electionId: string;
  trusteeIndex: number;
  complaints: Complaint[];
  signature: string;
}

export interface SealFinalShare {
  type: 'SealFinalShare';
  electionId: string;
  trusteeIndex: number;
  tokenSerial: string;
  verificationKey: string;
  sealed: SealedRecordJson;
  signature: string;
}

export interface WitnessCeremony {
  type: 'WitnessCeremony';
  electionId: string;
  notary: string;
  /** The transcript hash the notary was shown and signs for. */
  transcriptHash: string;
  now: string;
}

export interface CompleteCeremony {
  type: 'CompleteCeremony';
  electionId: string;
}

export type CeremonyCommand =
  | EnrolTrustee
  | OpenCeremony
  | PublishRound1
  | DealShares
  | ReportShareCheck
  | SealFinalShare
  | WitnessCeremony
  | CompleteCeremony;
