import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * One stream per voter pseudonym, `ballot-<pseudonym>`: at most one BallotCast ever.
 * Public: a ballot carries the pseudonym, never an identity, so "one ballot per eligible
 * pseudonym" can be checked by anyone against the published roll of pseudonyms.
 */
export type BallotCast = DomainEvent<'BallotCast', {
  electionId: string;
  pseudonym: string;
  styleId: string;
  /** Hex SHA-256 tracking code of the encrypted ballot (docs/spec/crypto.md). */
  trackingCode: string;
  /** The encrypted ballot with its proofs, in its canonical JSON form. */
  ballot: unknown;
  castAt: string;
}>;

/** A ballot the voter challenged (Benaloh): its nonces and choices are published for audit;
 * it is never counted. */
export type BallotSpoiled = DomainEvent<'BallotSpoiled', {
  electionId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** The revealed nonces and choices, as the booth disclosed them. */
  disclosure: unknown;
  spoiledAt: string;
}>;

export type VotingEvent = BallotCast | BallotSpoiled;

export const votingEvents: EventTypeEntry[] = [
  { type: 'BallotCast', versions: [1], visibility: 'public', description: 'An encrypted ballot with valid proofs was cast under a pseudonym.' },
  { type: 'BallotSpoiled', versions: [1], visibility: 'public', description: 'A challenged (Benaloh) ballot was opened for audit; it is not counted.' },
];
