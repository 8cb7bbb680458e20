/**
 * Credential resends asked by officials (`monitoring-resends-<electionId>`): the request is the
 * fact recorded here; sending the message again is the credential authority's (credentials.md
 * §6), which reads these requests. A voter's resend is asked at most once per interval, so a
 * hurried official cannot flood a voter's inbox.
 */
import { DomainError, type Decider } from '../shared/decider';
import { monitoringText } from './account-decider';
import type { CredentialResendRequested } from './events';
import { entitled, type MonitoringRole } from './roles';

export const RESEND_INTERVAL_MINUTES = 15;

export interface RequestCredentialResend {
  type: 'RequestCredentialResend';
  pseudonym: string;
  /** Fact from the roll: the pseudonym is a registered voter of this election. */
  onRoll: boolean;
  reason: string;
  requestedBy: { accountId: string; role: MonitoringRole };
  now: string;
}

export interface CredentialResendsState {
  lastByPseudonym: Readonly<Record<string, string>>;
}

const bad = (field: string) => new DomainError('INVALID_RESEND', monitoringText.pair('error.badRequest', { field }), { field });

export function decideCredentialResend(c: RequestCredentialResend, s: CredentialResendsState): CredentialResendRequested[] {
  if (typeof c.now !== 'string' || Number.isNaN(Date.parse(c.now))) throw new DomainError('INVALID_TIME', monitoringText.pair('error.invalidTime'));
  if (!entitled(c.requestedBy.role, 'credentials.resend')) throw new DomainError('NOT_AN_OFFICIAL', monitoringText.pair('error.notOfficial'));
  if (typeof c.pseudonym !== 'string' || !/^[a-z2-7]{26}$/.test(c.pseudonym)) throw bad('pseudonym');
  if (c.onRoll !== true) throw new DomainError('NOT_ON_ROLL', monitoringText.pair('error.notOnRoll'));
  if (typeof c.reason !== 'string' || c.reason.trim().length === 0 || c.reason.length > 500) throw bad('reason');
  const last = s.lastByPseudonym[c.pseudonym];
  if (last !== undefined && Date.parse(c.now) - Date.parse(last) < RESEND_INTERVAL_MINUTES * 60_000) {
    throw new DomainError('RESEND_TOO_SOON', monitoringText.pair('error.resendTooSoon', { minutes: RESEND_INTERVAL_MINUTES }));
  }
  return [{ type: 'CredentialResendRequested', data: { pseudonym: c.pseudonym, reason: c.reason.trim(), requestedBy: `account:${c.requestedBy.accountId}`, at: c.now } }];
}

export const credentialResendDecider: Decider<RequestCredentialResend, CredentialResendRequested, CredentialResendsState> = {
  decide: decideCredentialResend,
  evolve: (s, e) => ({ lastByPseudonym: { ...s.lastByPseudonym, [e.data.pseudonym]: e.data.at } }),
  initialState: () => ({ lastByPseudonym: {} }),
};
