import type { CeremonyParams } from './parameters';
import type { HexProof } from './wire';

/**
 * The ceremony's messages as they are appended to the ledger: plain JSON, every group element
 * and scalar as 64 lowercase hex digits (docs/spec/crypto-ceremony-tally.md, "Messages").
 * Nothing secret is in any of them except inside a share envelope (encrypted to one trustee)
 * and in `TrusteeSecrets`, which never leaves the trustee (or its token).
 */
export const ROUND1_TYPE = 'urna.dkg.round1';
export const ROUND2_TYPE = 'urna.dkg.round2';
export const COMPLAINT_TYPE = 'urna.dkg.complaint';
/** Version of round-1 messages and complaints. */
export const MESSAGE_VERSION = 1;
/** Version of round-2 messages. Version 2 added a proof of knowledge of r to every envelope
 * (ephemeralKeyProof); version 1 envelopes had none, so a dealer could copy or shift another
 * dealer's R and turn the recipient's complaint into a key to that other envelope. Version 1
 * is refused (docs/spec/crypto-ceremony-tally.md §3.3). */
export const ROUND2_VERSION = 2;

/** Round 1, public: trustee i's Feldman commitments Cᵢₖ = aᵢₖ·G with proofs of knowledge of
 * each aᵢₖ, and a fresh transport key Eᵢ = eᵢ·G to which other trustees encrypt i's shares. */
export interface Round1Message {
  readonly type: typeof ROUND1_TYPE;
  readonly version: typeof MESSAGE_VERSION;
  readonly ceremonyId: string;
  readonly trustee: number;
  /** t elements: Cᵢ₀ … Cᵢ,ₜ₋₁. */
  readonly commitments: readonly string[];
  /** t Schnorr proofs, one per commitment, same order. */
  readonly coefficientProofs: readonly HexProof[];
  readonly transportKey: string;
  readonly transportKeyProof: HexProof;
}

/** Dealer i's share fᵢ(j) for trustee j, encrypted to j's transport key (see share-envelope.ts). */
export interface ShareEnvelope {
  readonly recipient: number;
  /** R = r·G, fresh per envelope. */
  readonly ephemeralKey: string;
  /** 32 bytes: encodeScalar(fᵢ(j)) XOR pad. */
  readonly ciphertext: string;
  /** 32 bytes: HMAC-SHA-256. */
  readonly mac: string;
  /** Schnorr proof that the dealer knows r, bound to (context, i, j, ciphertext, mac): without it a
   * complaint about this envelope would reveal eⱼ·R for an R the dealer may have copied. */
  readonly ephemeralKeyProof: HexProof;
}

/** Round 2, public: one envelope for every other participant, in increasing recipient order. */
export interface Round2Message {
  readonly type: typeof ROUND2_TYPE;
  readonly version: typeof ROUND2_VERSION;
  readonly ceremonyId: string;
  readonly dealer: number;
  readonly envelopes: readonly ShareEnvelope[];
}

/** Trustee j (complainant) says dealer i's envelope for j is bad, and proves which Diffie-Hellman
 * secret S = eⱼ·R opens it, so anyone can open the envelope and judge. */
export interface Complaint {
  readonly type: typeof COMPLAINT_TYPE;
  readonly version: typeof MESSAGE_VERSION;
  readonly ceremonyId: string;
  readonly complainant: number;
  readonly dealer: number;
  readonly sharedSecret: string;
  /** DLEQ: log_G Eⱼ = log_R S. */
  readonly proof: HexProof;
}

/** Everything the ceremony appended to the ledger, in any order within each list. */
export interface CeremonyTranscript {
  readonly params: CeremonyParams;
  readonly round1: readonly Round1Message[];
  readonly round2: readonly Round2Message[];
  readonly complaints: readonly Complaint[];
}

/** A trustee's own secrets during the ceremony. Never published; kept (encrypted) by the
 * trustee until the ceremony ends, then only the resulting share is kept. */
export interface TrusteeSecrets {
  readonly ceremonyId: string;
  readonly trustee: number;
  /** aᵢ₀ … aᵢ,ₜ₋₁ as hex scalars. */
  readonly coefficients: readonly string[];
  /** eᵢ as a hex scalar. */
  readonly transportSecret: string;
}
