import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';
import type { MonitoringResource, MonitoringRole } from './roles';

/**
 * Monitoring (numerals 26–28; docs/spec/monitoring.md §4). Every event is SEALED: accounts carry
 * people's names, e-mails and phones, and who looked at what and when is personal data too. The
 * public log holds their commitments only, so the record proves they were written, in order,
 * and never removed, while their content is for whoever holds the sealed export.
 *
 * Streams: `monitoring-account-<electionId>-<accountId>` (one account: creation, sign-ins,
 * codes, sessions, accesses), `monitoring-incidents-<electionId>`,
 * `monitoring-reports-<electionId>`.
 */
type At = { at: string };

export type MonitoringAccountCreated = DomainEvent<'MonitoringAccountCreated', At & {
  accountId: string;
  username: string;
  role: MonitoringRole;
  name: string;
  email: string;
  /** E.164: the one-time code goes here. */
  mobilePhone: string;
  /** Self-describing scrypt hash (docs/spec/monitoring.md §3); never the password. */
  passwordHash: string;
  /** `operator` (the urna CLI, by whoever runs the service) or `account:<accountId>` of an official. */
  createdBy: string;
}>;

export type MonitoringSignInFailed = DomainEvent<'MonitoringSignInFailed', At & {
  reason: 'wrong_password' | 'locked';
  consecutiveFailures: number;
  /** Present when this failure locked the account. */
  lockedUntil?: string;
}>;

export type MonitoringCodeIssued = DomainEvent<'MonitoringCodeIssued', At & {
  codeId: string;
  /** monitoringCodeHash(codeId, code), hex. */
  codeHash: string;
  expiresAt: string;
}>;

export type MonitoringCodeRejected = DomainEvent<'MonitoringCodeRejected', At & {
  codeId: string;
  reason: 'unknown_code' | 'expired' | 'used' | 'wrong_code' | 'too_many_attempts' | 'locked';
  attempts: number;
}>;

export type MonitoringSessionStarted = DomainEvent<'MonitoringSessionStarted', At & {
  sessionId: string;
  /** monitoringSessionHash(token), hex. */
  tokenHash: string;
  expiresAt: string;
}>;

export type MonitoringSessionEnded = DomainEvent<'MonitoringSessionEnded', At & { sessionId: string }>;

/** One request of a signed-in (or claimed) session, granted or not. */
export type MonitoringAccessed = DomainEvent<'MonitoringAccessed', At & {
  /** Empty when the token matched no session of the account. */
  sessionId: string;
  resource: MonitoringResource;
  granted: boolean;
  reason?: 'no_session' | 'expired' | 'ended' | 'not_entitled';
}>;

export type MonitoringAccountEvent =
  | MonitoringAccountCreated | MonitoringSignInFailed | MonitoringCodeIssued | MonitoringCodeRejected
  | MonitoringSessionStarted | MonitoringSessionEnded | MonitoringAccessed;

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export type IncidentRecorded = DomainEvent<'IncidentRecorded', At & {
  incidentId: string;
  severity: IncidentSeverity;
  /** The component it concerns (a key of the components' state, or `other`). */
  component: string;
  summary: string;
  occurredAt: string;
  recordedBy: string;
}>;

export type OperationReportIssued = DomainEvent<'OperationReportIssued', At & {
  kind: 'daily' | 'final';
  /** The report's period: [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
  /** SHA-256 of the signed JSON file and of the PDF (docs/spec/monitoring.md §6). */
  jsonSha256: string;
  pdfSha256: string;
  issuedBy: string;
}>;

/** An official asked for a voter's credential message to be sent again. */
export type CredentialResendRequested = DomainEvent<'CredentialResendRequested', At & {
  pseudonym: string;
  reason: string;
  requestedBy: string;
}>;

export type MonitoringEvent = MonitoringAccountEvent | IncidentRecorded | OperationReportIssued | CredentialResendRequested;

const sealed = (type: MonitoringEvent['type'], description: string): EventTypeEntry => ({ type, versions: [1], visibility: 'sealed', description });

export const monitoringEvents: EventTypeEntry[] = [
  sealed('MonitoringAccountCreated', 'A monitoring account (party, observer, auditor, official…) was created'),
  sealed('MonitoringSignInFailed', 'A monitoring account gave a wrong password, or was locked'),
  sealed('MonitoringCodeIssued', 'A one-time code was sent to a monitoring account'),
  sealed('MonitoringCodeRejected', 'A monitoring account\'s one-time code was refused'),
  sealed('MonitoringSessionStarted', 'A monitoring account signed in'),
  sealed('MonitoringSessionEnded', 'A monitoring account signed out'),
  sealed('MonitoringAccessed', 'A monitoring session read or did something, or was refused'),
  sealed('IncidentRecorded', 'An official recorded an operation incident'),
  sealed('OperationReportIssued', 'A daily or final operation report was issued (its hashes)'),
  sealed('CredentialResendRequested', 'An official asked for a voter\'s credential message to be sent again'),
];

export const monitoringAccountStream = (electionId: string, accountId: string) => `monitoring-account-${electionId}-${accountId}`;
export const incidentsStream = (electionId: string) => `monitoring-incidents-${electionId}`;
export const reportsStream = (electionId: string) => `monitoring-reports-${electionId}`;
export const credentialResendsStream = (electionId: string) => `monitoring-resends-${electionId}`;
