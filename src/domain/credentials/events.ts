import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * The credential authority's public facts, stream `credentials-<electionId>` (docs/spec/
 * credentials.md). The authority runs on its own machine with its own key; the service only
 * appends what the authority signed, and the decider refuses anything the authority's key did
 * not sign. Nothing here names a voter: the link from a pseudonym to its credential is sealed
 * (VoterCredentialAssigned, src/domain/voting/events.ts).
 */
export type CredentialAuthorityEnrolled = DomainEvent<'CredentialAuthorityEnrolled', {
  electionId: string;
  /** The authority's public key X_CA (64 hex digits), printed on the opening report. */
  authorityKey: string;
  name: string;
  enrolledAt: string;
}>;

/** The signed list, summed up; its credentials follow in PublicCredentialsPublished chunks of the same append. */
export type CredentialListPublished = DomainEvent<'CredentialListPublished', {
  electionId: string;
  authorityKey: string;
  /** The roll the list was made for: one credential per voter of it. */
  rollCommitment: string;
  count: number;
  /** hash256("urna/v1/credential/list", X₁…Xₙ), credentials ascending. */
  listHash: string;
  /** The first 128 bits of listHash, as the opening report prints them. */
  fingerprint: string;
  /** The authority's signature over (electionId, rollCommitment, count, listHash), 128 hex digits. */
  signature: string;
  chunkCount: number;
  publishedAt: string;
}>;

/** One chunk of the list, ascending. */
export type PublicCredentialsPublished = DomainEvent<'PublicCredentialsPublished', {
  electionId: string;
  /** 0-based. */
  chunk: number;
  chunkCount: number;
  credentials: string[];
}>;

/**
 * The authority replaced one credential (lost or never delivered): `revoked` can no longer
 * vote and `replacement` joins the list. Signed by the authority; names no voter.
 */
export type CredentialReplaced = DomainEvent<'CredentialReplaced', {
  electionId: string;
  /** 1, 2, 3, … in the order the authority signed them. */
  number: number;
  revoked: string;
  replacement: string;
  /** Over (electionId, listHash, number, revoked, replacement). */
  signature: string;
  replacedAt: string;
}>;

export type CredentialsEvent = CredentialAuthorityEnrolled | CredentialListPublished | PublicCredentialsPublished | CredentialReplaced;

export const credentialsEvents: EventTypeEntry[] = [
  { type: 'CredentialAuthorityEnrolled', versions: [1], visibility: 'public', description: 'The credential authority\'s public key was enrolled for the election.' },
  {
    type: 'CredentialListPublished', versions: [1], visibility: 'public',
    description: 'The credential authority\'s signed list of public credentials (one per voter of the roll): count, hash, fingerprint and signature.',
  },
  { type: 'PublicCredentialsPublished', versions: [1], visibility: 'public', description: 'A chunk of the list of public credentials.' },
  {
    type: 'CredentialReplaced', versions: [1], visibility: 'public',
    description: 'The credential authority revoked one public credential and listed its replacement (signed; names no voter).',
  },
];

/** The credential authority's public stream of one election. */
export const credentialsStream = (electionId: string) => `credentials-${electionId}`;
