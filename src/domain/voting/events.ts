import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * Public, on `ballot-<election>-<pseudonym>` (its only event, revision 0: the revision says
 * nothing of the voter's audits, which live in the sealed stream). Version 3: the ballot is
 * urna/ballot/v3 and the event carries what anyone needs to check it was cast by an eligible
 * credential: the public credential, the voter's signature on the ballot, and the binding
 * nonce that opens the ballot's voterBinding to the pseudonym and that credential
 * (docs/spec/credentials.md). (Version 2, never written again: urna/ballot/v2, no credential
 * and no signature; version 1: urna/ballot/v1, the pseudonym inside the ballot.)
 */
export type BallotCast = DomainEvent<'BallotCast', {
  electionId: string;
  pseudonym: string;
  /** 64 hex digits: voterBinding = hash256("urna/v1/ballot/voter-credential-binding", utf8(pseudonym), credential, bindingNonce). */
  bindingNonce: string;
  /** Version 3: the public credential (on the authority's list) the ballot is signed with. */
  credential: string;
  /** Version 3: the credential's signature over (baseHash, trackingCode), 128 hex digits. */
  signature: string;
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
 * `system:benaloh`: nothing in the event or its log leaf names the voter. Version 3: the
 * ballot is urna/ballot/v3 (its voter binding covers pseudonym and credential, opened by a
 * nonce never published; no signature) and the disclosure is urna/spoiled-ballot/v3's
 * selections and nonces. (Version 2: the same with urna/ballot/v2; version 1, never written
 * again: on `spoiled-<election>` with the actor `voter:<pseudonym>`.)
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
 * crash can delay a ballot's publication but never lose it. Version 3 adds the credential and
 * the voter's signature, which BallotCast v3 carries. (Version 1: without those fields.)
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
  /** Version 3. */
  credential?: string;
  signature?: string;
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

/**
 * Sealed, on the voter's ballot stream: the public credential the credential authority made for
 * this voter (its sealed mapping, handed to the service with the signed list). The service
 * learns which public credential is whose, never a secret: it checks sign-in proofs and that a
 * ballot is signed by its own voter's credential, and cannot sign.
 */
export type VoterCredentialAssigned = DomainEvent<'VoterCredentialAssigned', {
  electionId: string;
  pseudonym: string;
  credential: string;
  assignedAt: string;
}>;

/** Sealed, on the voter's ballot stream: the authority replaced the voter's credential. */
export type VoterCredentialReplaced = DomainEvent<'VoterCredentialReplaced', {
  electionId: string;
  pseudonym: string;
  revoked: string;
  replacement: string;
  replacedAt: string;
}>;

export type VotingEvent = BallotCast | BallotSpoiled | BallotCastByVoter | BallotSpoiledByVoter | VoterCredentialAssigned | VoterCredentialReplaced;

export const votingEvents: EventTypeEntry[] = [
  {
    type: 'BallotCast', versions: [1, 2, 3], visibility: 'public',
    description: 'An encrypted ballot with valid proofs was cast under a pseudonym (v2: urna/ballot/v2 with the binding nonce that opens its voter binding; v3: urna/ballot/v3 signed by a public credential of the credential authority\'s list).',
  },
  {
    type: 'BallotSpoiled', versions: [1, 2, 3], visibility: 'public',
    description: 'A challenged (Benaloh) ballot was opened for audit; it is not counted (v2: urna/ballot/v2, published with nothing that names the voter; v3: urna/ballot/v3).',
  },
  {
    type: 'BallotCastByVoter', versions: [1, 2, 3], visibility: 'sealed',
    description: "The voter's own record that they cast a ballot (its tracking code; v2: with the ballot, so closing can publish a cast whose publication a crash interrupted; v3: with the credential and signature).",
  },
  { type: 'BallotSpoiledByVoter', versions: [1], visibility: 'sealed', description: "The voter's own record that they spoiled (audited) a ballot: its tracking code, ciphertexts and binding nonce." },
  { type: 'VoterCredentialAssigned', versions: [1], visibility: 'sealed', description: "The public credential the credential authority made for this voter (the authority's sealed mapping)." },
  { type: 'VoterCredentialReplaced', versions: [1], visibility: 'sealed', description: "The credential authority replaced this voter's public credential." },
];
