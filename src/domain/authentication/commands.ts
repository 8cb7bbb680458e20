import type { VoterRecord } from '../roll/voter-record';
import type { CodePurpose } from './secrets';

/**
 * Commands on a voter's sealed stream. Secrets are drawn by the application layer with the
 * injected RandomSource and passed in; slow password checks are done by the PasswordHasher
 * port and passed in as a fact (`passwordMatches`). Time is always a value (`now`, ISO 8601).
 */
export interface RegisterVoter { type: 'RegisterVoter'; electionId: string; pseudonym: string; voter: VoterRecord; rollVersion: number; now: string }
export interface RemoveVoterFromRoll { type: 'RemoveVoterFromRoll'; reason: string; rollVersion: number; now: string }

/** The voter's username (the credential authority draws the password, credentials.md). */
export interface IssueCredential { type: 'IssueCredential'; username: string; now: string }
export interface ResendCredential {
  type: 'ResendCredential';
  /** Hash of the NEW password. */
  passwordHash: string;
  requestedBy: 'voter' | 'official';
  reason: string;
  now: string;
}

export type DeliveryOutcome = { delivered: true; messageId: string } | { delivered: false; reason: string };

export interface RecordCredentialDelivery { type: 'RecordCredentialDelivery'; credentialNumber: number; outcome: DeliveryOutcome; now: string }
export interface RecordCodeDelivery { type: 'RecordCodeDelivery'; codeId: string; outcome: DeliveryOutcome; now: string }

/** A fresh code drawn by the application layer; used only if the command issues one. */
export interface FreshCode { codeId: string; code: string }

export interface SubmitPassword {
  type: 'SubmitPassword';
  /**
   * Whether the voter proved possession of their credential: a signature over the server's fresh
   * challenge by the public credential the credential authority assigned them (the browser derives
   * the key from the password; the server never sees the password).
   */
  passwordMatches: boolean;
  /** Whether the voter has a public credential at all (the authority's list imported); default true. */
  credentialAssigned?: boolean;
  newCode: FreshCode;
  votingPeriod: { opensAt: string; closesAt: string };
  now: string;
}

export interface VerifyOneTimeCode {
  type: 'VerifyOneTimeCode';
  codeId: string;
  code: string;
  /** Used only when a login code is confirmed. */
  newSession: { sessionId: string; token: string };
  now: string;
}

/** Before casting, the voter confirms identity again with a code for purpose 'cast'. The
 * facts of voting decide whether a code is any use: none is sent (no SMS, nothing appended)
 * once the voter's ballot is recorded or casting is over, so a live session cannot make the
 * service text a voter's phone after their vote or after closing. */
export interface RequestCastCode {
  type: 'RequestCastCode';
  sessionToken: string;
  newCode: FreshCode;
  now: string;
  /** From the lifecycle: voting has started and `now` is before it closes. */
  castingOpen: boolean;
  /** From the voter's sealed ballot stream: a ballot of theirs is recorded as cast. */
  alreadyVoted: boolean;
}
export interface EndSession { type: 'EndSession'; sessionToken: string; now: string }

export type VoterAccessCommand =
  | RegisterVoter
  | RemoveVoterFromRoll
  | IssueCredential
  | ResendCredential
  | RecordCredentialDelivery
  | RecordCodeDelivery
  | SubmitPassword
  | VerifyOneTimeCode
  | RequestCastCode
  | EndSession;

export type { CodePurpose };
