import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';
import type { VoterRollEvent } from '../roll/voter-events';
import type { CodePurpose } from './secrets';

/**
 * Credentials and authentication, in the voter's SEALED stream `voter-<electionId>-<pseudonym>`
 * (after VoterRegistered). Every outcome is an event, so officials can see the delivery of
 * every credential message and auditors can replay every login decision. Only hashes of
 * secrets are recorded; the secrets themselves travel once, by e-mail or SMS.
 */
type At = { at: string };

/**
 * The voter's username. Version 2 (since issue 13) is the username alone: the password is the
 * credential authority's secret, from which the voter's browser derives the credential key that
 * proves possession at sign-in (docs/spec/credentials.md); the service never sees a password
 * and stores no hash of one. Version 1 also carried a scrypt `passwordHash` (still readable).
 */
export type CredentialIssued = DomainEvent<'CredentialIssued', At & {
  username: string;
  /** Version 1 only: a self-describing scrypt hash; never the password. */
  passwordHash?: string;
  /** 1 for the first credential; each resend adds 1. */
  credentialNumber: number;
}>;

/** A new password replaces the previous one, which stops working at once. Not written since issue
 * 13: a lost credential is replaced by the credential authority (credentials.md §6). */
export type CredentialResent = DomainEvent<'CredentialResent', At & {
  username: string;
  passwordHash: string;
  credentialNumber: number;
  requestedBy: 'voter' | 'official';
  reason: string;
}>;

export type CredentialSent = DomainEvent<'CredentialSent', At & { credentialNumber: number; messageId: string }>;
export type CredentialDeliveryFailed = DomainEvent<'CredentialDeliveryFailed', At & { credentialNumber: number; reason: string }>;

export type LoginSucceeded = DomainEvent<'LoginSucceeded', At & { credentialNumber: number }>;
/**
 * A refused login. Version 2 (written since the lock stopped being an event of its own):
 *   - `lockedUntil`, present only when this failure locked the account (the 5th in a row), so
 *     that a lock adds no leaf of its own to the public log: every refused login, known name
 *     or not, locking or not, is exactly one sealed `LoginFailed` leaf;
 *   - reason `unknown_username`, written in a sealed stream of its own
 *     (`login-attempt-<electionId>-<attemptId>`, see login-attempt.ts) when the typed username
 *     names nobody, so that the log does not say whether a username exists.
 * Version 1 events (still readable) never carry `lockedUntil`; their lock is an `AccountLocked`.
 */
export type LoginFailed = DomainEvent<'LoginFailed', At & {
  reason: 'wrong_password' | 'locked' | 'not_on_roll' | 'no_credential' | 'unknown_username';
  consecutiveFailures: number;
  /** v2: the account is locked until this instant because of this failure. */
  lockedUntil?: string;
}>;
/** Version 1 only: no longer written (a lock is `LoginFailed.lockedUntil` since LoginFailed v2);
 * kept so that streams recorded before still fold. */
export type AccountLocked = DomainEvent<'AccountLocked', At & { until: string; failures: number }>;

/**
 * The opaque login challenge: its id (the login code's random id) is what the voter's browser
 * holds between the password and the SMS code, and it names this sealed stream
 * (`login-challenge-<electionId>-<codeId>`), which maps it to the voter's stream. The id says
 * nothing about the pseudonym; only the server, reading this sealed event, can find the voter.
 */
export type LoginChallengeIssued = DomainEvent<'LoginChallengeIssued', At & {
  electionId: string;
  pseudonym: string;
  codeId: string;
  expiresAt: string;
}>;

export type OneTimeCodeIssued = DomainEvent<'OneTimeCodeIssued', At & {
  codeId: string;
  purpose: CodePurpose;
  /** oneTimeCodeHash(codeId, purpose, code), hex. */
  codeHash: string;
  expiresAt: string;
  /** For a cast code: the session it confirms. */
  sessionId?: string;
}>;
export type OneTimeCodeSent = DomainEvent<'OneTimeCodeSent', At & { codeId: string; messageId: string }>;
export type OneTimeCodeDeliveryFailed = DomainEvent<'OneTimeCodeDeliveryFailed', At & { codeId: string; reason: string }>;
export type OneTimeCodeVerified = DomainEvent<'OneTimeCodeVerified', At & { codeId: string; purpose: CodePurpose; sessionId?: string }>;
export type OneTimeCodeRejected = DomainEvent<'OneTimeCodeRejected', At & {
  codeId: string;
  reason: 'wrong_code' | 'expired' | 'already_used' | 'too_many_attempts' | 'superseded' | 'unknown_code' | 'session_invalid';
  /** Wrong entries so far for this code. */
  attempts: number;
}>;

export type SessionStarted = DomainEvent<'SessionStarted', At & { sessionId: string; tokenHash: string; expiresAt: string }>;
export type SessionEnded = DomainEvent<'SessionEnded', At & { sessionId: string; reason: 'logout' }>;

export type AuthenticationEvent =
  | CredentialIssued
  | CredentialResent
  | CredentialSent
  | CredentialDeliveryFailed
  | LoginSucceeded
  | LoginFailed
  | AccountLocked
  | OneTimeCodeIssued
  | OneTimeCodeSent
  | OneTimeCodeDeliveryFailed
  | OneTimeCodeVerified
  | OneTimeCodeRejected
  | SessionStarted
  | SessionEnded;

/** Everything in a voter's sealed stream. */
export type VoterStreamEvent = VoterRollEvent | AuthenticationEvent;

/** The login streams that are not a voter's (login-attempt.ts): an unknown username's refusal,
 * and an opaque challenge's mapping to its voter. */
export type LoginStreamEvent = LoginFailed | LoginChallengeIssued;

const sealed = (type: string, description: string): EventTypeEntry => ({ type, versions: [1], visibility: 'sealed', description });

export const authenticationEvents: EventTypeEntry[] = [
  {
    type: 'CredentialIssued', versions: [1, 2], visibility: 'sealed',
    description: 'A voter\'s username was issued (sealed; v1 also kept a scrypt password hash, v2 keeps none: the password is the credential authority\'s).',
  },
  sealed('CredentialResent', 'A new password replaced the previous one, at the voter\'s or an official\'s request (sealed; not written since the credential authority replaces credentials).'),
  sealed('CredentialSent', 'The credential e-mail was accepted for delivery (sealed).'),
  sealed('CredentialDeliveryFailed', 'The credential e-mail could not be delivered (sealed).'),
  sealed('LoginSucceeded', 'A voter entered the right password (sealed).'),
  {
    type: 'LoginFailed', versions: [1, 2], visibility: 'sealed',
    description: 'A login attempt was refused, whether or not the username exists; since v2 it also carries the lock that a fifth wrong password sets (sealed).',
  },
  sealed('AccountLocked', 'Too many wrong passwords: the account is locked for a while (sealed; v1 streams only, no longer written: see LoginFailed v2).'),
  sealed('LoginChallengeIssued', 'An opaque login challenge id was mapped to the voter who entered the right password (sealed).'),
  sealed('OneTimeCodeIssued', 'A one-time code was drawn for the voter\'s phone; only its hash is kept (sealed).'),
  sealed('OneTimeCodeSent', 'The one-time code SMS was accepted for delivery (sealed).'),
  sealed('OneTimeCodeDeliveryFailed', 'The one-time code SMS could not be delivered (sealed).'),
  sealed('OneTimeCodeVerified', 'The voter confirmed a one-time code (sealed).'),
  sealed('OneTimeCodeRejected', 'A one-time code entry was refused (sealed).'),
  sealed('SessionStarted', 'A voter session began; only the token hash is kept (sealed).'),
  sealed('SessionEnded', 'A voter session ended (sealed).'),
];
