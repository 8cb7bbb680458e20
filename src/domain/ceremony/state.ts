import type { Complaint, Round1Message, Round2Message } from '../crypto/ceremony/messages';
import type { CeremonyCompleted } from './events';

/**
 * Where the ceremony stands, folded from its events. The phase is derived, never stored:
 *   enrolling → round1 (every trustee publishes) → round2 (every trustee deals) →
 *   checking (every trustee opens its envelopes, complains or not) → sealing (every trustee
 *   seals its final share) → witnessing (the notary) → completing → completed.
 * Each round waits for every enrolled trustee: an absent trustee holds the ceremony where it is.
 */
export type CeremonyPhase = 'enrolling' | 'round1' | 'round2' | 'checking' | 'sealing' | 'witnessing' | 'completing' | 'completed';

export interface EnrolledTrustee {
  trusteeIndex: number;
  trusteeId: string;
  name: string;
  tokenSerial: string;
  /** The Ed25519 key its messages must be signed with (absent for a version-1 enrolment). */
  signingKey?: string;
}

export interface CeremonyState {
  electionId: string | null;
  /** By trustee index (as a string key, JSON-friendly). */
  trustees: Record<string, EnrolledTrustee>;
  opened: { ceremonyId: string; threshold: number; trustees: number; notary: string } | null;
  round1: Record<string, Round1Message>;
  /** The sealed TrusteeSecrets of each trustee (JSON of src/hsm/sealed-share.ts). */
  sealedSecrets: Record<string, Record<string, unknown>>;
  round2: Record<string, Round2Message>;
  complaints: Complaint[];
  /** Trustees who reported on the envelopes addressed to them. */
  checked: Record<string, true>;
  shares: Record<string, { verificationKey: string; tokenSerial: string; sealed: Record<string, unknown> }>;
  witnessed: { notary: string; transcriptHash: string; at: string } | null;
  completed: CeremonyCompleted['data'] | null;
  /** Each trustee's signature of its round 1, round 2 and share-check report, by trustee index,
   * so a trustee station can check every message it relies on (version-1 events have none). */
  signatures: { round1: Record<string, string>; round2: Record<string, string>; checked: Record<string, string> };
}

export const initialCeremonyState = (): CeremonyState => ({
  electionId: null,
  trustees: {},
  opened: null,
  round1: {},
  sealedSecrets: {},
  round2: {},
  complaints: [],
  checked: {},
  shares: {},
  witnessed: null,
  completed: null,
  signatures: { round1: {}, round2: {}, checked: {} },
});

const count = (r: Record<string, unknown>) => Object.keys(r).length;

export function ceremonyPhase(s: CeremonyState): CeremonyPhase {
  if (s.completed) return 'completed';
  if (!s.opened) return 'enrolling';
  const n = s.opened.trustees;
  if (count(s.round1) < n) return 'round1';
  if (count(s.round2) < n) return 'round2';
  if (count(s.checked) < n) return 'checking';
  if (count(s.shares) < n) return 'sealing';
  if (!s.witnessed) return 'witnessing';
  return 'completing';
}

/** Trustee indices in increasing order. */
export const enrolledIndices = (s: CeremonyState): number[] => Object.keys(s.trustees).map(Number).sort((a, b) => a - b);
