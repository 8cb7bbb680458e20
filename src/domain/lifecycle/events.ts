import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * The election's lifecycle after set-up, in stream `lifecycle-<electionId>`:
 * opened (with the opening report) → voting started (at the configured instant) →
 * voting closed (at the configured instant) → ballot box exported (hashed).
 */
export type ElectionOpened = DomainEvent<'ElectionOpened', {
  electionId: string;
  /** SHA-256 (hex) of the canonical election manifest. */
  manifestHash: string;
  /** Election public key, hex of the group element encoding. */
  publicKey: string;
  /** SHA-256 (hex) of the ceremony transcript. */
  ceremonyTranscriptHash: string;
  /** Hash identifying the exact software that runs the election. */
  softwareVersion: string;
  rollSize: number;
  votingOpensAt: string;
  votingClosesAt: string;
  /** SHA-256 (hex) of the opening report's canonical JSON and of its PDF. */
  openingReportHash: string;
  openingReportPdfHash: string;
  openedAt: string;
}>;

export type VotingStarted = DomainEvent<'VotingStarted', { electionId: string; at: string; scheduledFor: string }>;

export type VotingClosed = DomainEvent<'VotingClosed', {
  electionId: string;
  at: string;
  scheduledFor: string;
  /** Set when the service was down at the instant and closed on restart. */
  lateBy?: number;
  /** Set only when a simulacro closed before the configured instant, with why. */
  earlyCloseReason?: string;
}>;

export type BallotBoxExported = DomainEvent<'BallotBoxExported', {
  electionId: string;
  ballots: number;
  /** SHA-256 (hex) of the JSON Lines export. */
  sha256: string;
  /** The log checkpoint (size, root) covering every ballot. */
  checkpoint: { size: number; rootHash: string; note: string };
  exportedAt: string;
}>;

export type LifecycleEvent = ElectionOpened | VotingStarted | VotingClosed | BallotBoxExported;

export const lifecycleEvents: EventTypeEntry[] = [
  { type: 'ElectionOpened', versions: [1], visibility: 'public', description: 'The election was opened: key loaded, zero report issued, software version recorded.' },
  { type: 'VotingStarted', versions: [1], visibility: 'public', description: 'Voting started at the configured instant.' },
  { type: 'VotingClosed', versions: [1], visibility: 'public', description: 'Voting closed at the configured instant; no ballot is accepted after it.' },
  { type: 'BallotBoxExported', versions: [1], visibility: 'public', description: 'The encrypted ballot box was exported with no link to voters, and hashed.' },
];
