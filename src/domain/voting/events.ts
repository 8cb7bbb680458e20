import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * Public, on `ballot-<election>-<pseudonym>` (its only event, revision 0: the revision says
 * nothing of the voter's audits, which live in the sealed stream). Version 2: the ballot is
 * urna/ballot/v2 and the event carries the pseudonym and the binding nonce, so anyone
 * recomputes the ballot's voterBinding and checks "one ballot per eligible pseudonym" against
 * the published roll. (Version 1, never written again: an urna/ballot/v1 ballot carrying the
 * pseudonym, without bindingNonce.)
 */
export type BallotCast = DomainEvent<'BallotCast', {
  electionId: string;
  pseudonym: string;
  /** 64 hex digits: voterBinding = hash256("urna/v1/ballot/voter-binding", utf8(pseudonym), bindingNonce). */
  bindingNonce: string;
  styleId: string;
  /** Hex SHA-256 tracking code of the encrypted ballot (docs/spec/crypto.md). */
  trackingCode: string;
  /** The encrypted ballot with its proofs, in its canonical JSON form. */
  ballot: unknown;
  castAt: string;
}>;

/**
 * A challenged (Benaloh) ballot, its nonces and choices published for audit; never counted.
 * Public, on its own stream `spoiled-<election>-<trackingCode>` (revision 0), with the actor
 * `system:benaloh`: nothing in the event or its log leaf names the voter. Version 2: the
 * ballot is urna/ballot/v2 (a voter binding whose nonce is never published, instead of the
 * pseudonym) and the disclosure is urna/spoiled-ballot/v2's selections and nonces. (Version 1,
 * never written again: on `spoiled-<election>` with the actor `voter:<pseudonym>`.)
 */
export type BallotSpoiled = DomainEvent<'BallotSpoiled', {
  electionId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** The revealed nonces and choices, as the booth disclosed them. */
  disclosure: unknown;
  spoiledAt: string;
}>;

/**
 * Sealed, on the voter's ballot stream `voter-ballots-<election>-<pseudonym>`: the voter cast
 * this ballot. With BallotSpoiledByVoter on the same stream it makes "cast or spoiled, never
 * both" one stream's rule, enforced by its expected revision.
 *
 * Version 2 also keeps what the public BallotCast needs (binding nonce, style, ballot): the
 * cast is two appends, and if the service dies between them the voter's stream says "cast"
 * while no ballot is public. Closing publishes every such recorded cast from this event, so a
 * crash can delay a ballot's publication but never lose it. (Version 1: without those fields.)
 */
export type BallotCastByVoter = DomainEvent<'BallotCastByVoter', {
  electionId: string;
  pseudonym: string;
  trackingCode: string;
  castAt: string;
  /** Version 2. */
  bindingNonce?: string;
  styleId?: string;
  ballot?: unknown;
}>;

/**
 * Sealed, on the voter's ballot stream: the voter spoiled (audited) this ballot. Keeps every
 * α and β of it (their nonces are published) and the binding nonce (never published: it
 * would name the voter), so an authorised auditor can open the link.
 */
export type BallotSpoiledByVoter = DomainEvent<'BallotSpoiledByVoter', {
  electionId: string;
  pseudonym: string;
  bindingNonce: string;
  trackingCode: string;
  ciphertexts: string[];
  spoiledAt: string;
}>;

export type VotingEvent = BallotCast | BallotSpoiled | BallotCastByVoter | BallotSpoiledByVoter;

export const votingEvents: EventTypeEntry[] = [
  {
    type: 'BallotCast', versions: [1, 2], visibility: 'public',
    description: 'An encrypted ballot with valid proofs was cast under a pseudonym (v2: urna/ballot/v2 with the binding nonce that opens its voter binding).',
  },
  {
    type: 'BallotSpoiled', versions: [1, 2], visibility: 'public',
    description: 'A challenged (Benaloh) ballot was opened for audit; it is not counted (v2: urna/ballot/v2, published with nothing that names the voter).',
  },
  { type: 'BallotCastByVoter', versions: [1, 2], visibility: 'sealed', description: "The voter's own record that they cast a ballot (its tracking code; v2: with the ballot, so closing can publish a cast whose publication a crash interrupted)." },
  { type: 'BallotSpoiledByVoter', versions: [1], visibility: 'sealed', description: "The voter's own record that they spoiled (audited) a ballot: its tracking code, ciphertexts and binding nonce." },
];
