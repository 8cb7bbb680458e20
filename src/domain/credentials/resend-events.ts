import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';

/**
 * Credential re-sends, stream `credential-resends-<electionId>` (SEALED: it names pseudonyms).
 * A voter ("I did not get my password") or an official (monitoring) asks; the service's
 * resender has the credential authority draw a new password, e-mail it and sign the
 * replacement (docs/spec/credentials.md §6), then records the outcome here. Both kinds of ask
 * go through this one stream, so the cap on re-sends per voter counts them together.
 */
export type CredentialResendAsked = DomainEvent<'CredentialResendAsked', {
  pseudonym: string;
  /** 'voter' (the booth's form) or 'account:<id>' (an official, monitoring). */
  by: string;
  /** For an official's ask: the ledger position of its CredentialResendRequested (one ask per request). */
  request?: number;
  at: string;
}>;

/** The authority e-mailed a new password; `replacement` is the number of its signed replacement. */
export type CredentialResent = DomainEvent<'CredentialResent', { pseudonym: string; replacement: number; at: string }>;

/** The ask could not be served (the voter voted meanwhile, voting closed, the authority refused): a code, never a password. */
export type CredentialResendFailed = DomainEvent<'CredentialResendFailed', { pseudonym: string; reason: string; at: string }>;

export type CredentialResendEvent = CredentialResendAsked | CredentialResent | CredentialResendFailed;

export const credentialResendEvents: EventTypeEntry[] = [
  { type: 'CredentialResendAsked', versions: [1], visibility: 'sealed', description: 'A voter or an official asked for a voter\'s password to be sent again (sealed).' },
  { type: 'CredentialResent', versions: [1], visibility: 'sealed', description: 'The credential authority e-mailed the voter a new password (its replacement number; sealed).' },
  { type: 'CredentialResendFailed', versions: [1], visibility: 'sealed', description: 'A password re-send could not be served, and why (sealed).' },
];

export const credentialResendsStream = (electionId: string) => `credential-resends-${electionId}`;
