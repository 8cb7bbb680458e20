/**
 * One monitoring account's stream (docs/spec/monitoring.md §3–4): creation by an official (or by
 * the operator, for the first official), sign-in with password then one-time code, sessions
 * with a fixed expiry, and every access judged against the role's entitlements and logged —
 * the refused ones too. Pure: the service brings the facts (does the password match, the hash
 * of the typed code, the drawn ids), this decides.
 */
import { DomainError, type Decider } from '../shared/decider';
import { messagesOf } from '../../messages/catalog';
import { monitoringMessages } from '../../messages/monitoring.messages';
import type { MonitoringAccountEvent } from './events';
import { MonitoringPolicy as P } from './policy';
import { entitled, isMonitoringResource, isMonitoringRole, type MonitoringResource, type MonitoringRole } from './roles';
import { ACCOUNT_ID, MONITORING_USERNAME } from './secrets';

export const monitoringText = messagesOf(monitoringMessages);

/** Who asks for an account: the operator at the console, or a signed-in official. */
export type AccountCreator = { kind: 'operator' } | { kind: 'account'; accountId: string; role: MonitoringRole };

export interface CreateMonitoringAccount {
  type: 'CreateMonitoringAccount';
  accountId: string;
  username: string;
  role: MonitoringRole;
  name: string;
  email: string;
  mobilePhone: string;
  passwordHash: string;
  createdBy: AccountCreator;
  now: string;
}

export interface SubmitMonitoringPassword {
  type: 'SubmitMonitoringPassword';
  passwordMatches: boolean;
  newCode: { codeId: string; codeHash: string };
  now: string;
}

export interface VerifyMonitoringCode {
  type: 'VerifyMonitoringCode';
  codeId: string;
  /** monitoringCodeHash(codeId, typed code). */
  typedHash: string;
  newSession: { sessionId: string; tokenHash: string };
  now: string;
}

export interface AuthorizeMonitoringAccess {
  type: 'AuthorizeMonitoringAccess';
  tokenHash: string;
  resource: MonitoringResource;
  now: string;
}

export interface EndMonitoringSession {
  type: 'EndMonitoringSession';
  tokenHash: string;
  now: string;
}

export type MonitoringAccountCommand =
  | CreateMonitoringAccount | SubmitMonitoringPassword | VerifyMonitoringCode | AuthorizeMonitoringAccess | EndMonitoringSession;

export interface MonitoringAccountState {
  account?: { accountId: string; username: string; role: MonitoringRole; name: string; email: string; mobilePhone: string; passwordHash: string };
  failures: number;
  lockedUntil?: string;
  codes: Readonly<Record<string, { hash: string; expiresAt: string; attempts: number; used: boolean }>>;
  sessions: Readonly<Record<string, { tokenHash: string; expiresAt: string; ended: boolean }>>;
}

const ms = (iso: string) => Date.parse(iso);
const addMinutes = (iso: string, minutes: number) => new Date(ms(iso) + minutes * 60_000).toISOString();
const isoOk = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const HEX64 = /^[0-9a-f]{64}$/;
const E164 = /^\+[1-9][0-9]{7,14}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

/** Compares two hex hashes in time independent of where they differ. */
function sameHash(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

function invalid(field: string): DomainError {
  return new DomainError('INVALID_MONITORING_ACCOUNT', monitoringText.pair('error.invalidAccount', { field }), { field });
}

function create(c: CreateMonitoringAccount, s: MonitoringAccountState): MonitoringAccountEvent[] {
  if (s.account) throw new DomainError('MONITORING_ACCOUNT_EXISTS', monitoringText.pair('error.accountExists'));
  if (c.createdBy.kind !== 'operator' && c.createdBy.role !== 'official') {
    throw new DomainError('NOT_AN_OFFICIAL', monitoringText.pair('error.notOfficial'));
  }
  if (c.createdBy.kind === 'account' && !ACCOUNT_ID.test(c.createdBy.accountId)) throw invalid('createdBy');
  if (!ACCOUNT_ID.test(c.accountId)) throw invalid('accountId');
  if (!MONITORING_USERNAME.test(c.username)) throw invalid('username');
  if (!isMonitoringRole(c.role)) throw invalid('role');
  if (typeof c.name !== 'string' || c.name.trim().length === 0 || c.name.length > 200) throw invalid('name');
  if (typeof c.email !== 'string' || !EMAIL.test(c.email)) throw invalid('email');
  if (typeof c.mobilePhone !== 'string' || !E164.test(c.mobilePhone)) throw invalid('mobilePhone');
  if (typeof c.passwordHash !== 'string' || !c.passwordHash.startsWith('scrypt$')) throw invalid('passwordHash');
  return [{
    type: 'MonitoringAccountCreated',
    data: {
      accountId: c.accountId, username: c.username, role: c.role, name: c.name.trim(), email: c.email, mobilePhone: c.mobilePhone,
      passwordHash: c.passwordHash, createdBy: c.createdBy.kind === 'operator' ? 'operator' : `account:${c.createdBy.accountId}`, at: c.now,
    },
  }];
}

function requireAccount(s: MonitoringAccountState): NonNullable<MonitoringAccountState['account']> {
  if (!s.account) throw new DomainError('NO_MONITORING_ACCOUNT', monitoringText.pair('error.noAccount'));
  return s.account;
}

const locked = (s: MonitoringAccountState, now: string) => s.lockedUntil !== undefined && ms(now) < ms(s.lockedUntil);

/** A wrong password or a wrong code: one more failure, and the lock on the last allowed one. */
function failure(s: MonitoringAccountState, now: string): { consecutiveFailures: number; lockedUntil?: string } {
  const consecutiveFailures = s.failures + 1;
  return consecutiveFailures >= P.maxFailures ? { consecutiveFailures, lockedUntil: addMinutes(now, P.lockoutMinutes) } : { consecutiveFailures };
}

function submitPassword(c: SubmitMonitoringPassword, s: MonitoringAccountState): MonitoringAccountEvent[] {
  requireAccount(s);
  if (locked(s, c.now)) return [{ type: 'MonitoringSignInFailed', data: { reason: 'locked', consecutiveFailures: s.failures, at: c.now } }];
  if (c.passwordMatches !== true) return [{ type: 'MonitoringSignInFailed', data: { reason: 'wrong_password', ...failure(s, c.now), at: c.now } }];
  if (!HEX64.test(c.newCode.codeHash) || typeof c.newCode.codeId !== 'string' || c.newCode.codeId.length === 0 || s.codes[c.newCode.codeId]) {
    throw invalid('codeId');
  }
  return [{ type: 'MonitoringCodeIssued', data: { codeId: c.newCode.codeId, codeHash: c.newCode.codeHash, expiresAt: addMinutes(c.now, P.codeTtlMinutes), at: c.now } }];
}

function verifyCode(c: VerifyMonitoringCode, s: MonitoringAccountState): MonitoringAccountEvent[] {
  requireAccount(s);
  const code = s.codes[c.codeId];
  const reject = (reason: 'unknown_code' | 'expired' | 'used' | 'wrong_code' | 'too_many_attempts' | 'locked', attempts: number): MonitoringAccountEvent[] =>
    [{ type: 'MonitoringCodeRejected', data: { codeId: String(c.codeId).slice(0, 64), reason, attempts, at: c.now } }];
  if (locked(s, c.now)) return reject('locked', code?.attempts ?? 0);
  if (!code) return reject('unknown_code', 0);
  if (code.used) return reject('used', code.attempts);
  if (ms(c.now) >= ms(code.expiresAt)) return reject('expired', code.attempts);
  if (code.attempts >= P.maxCodeAttempts) return reject('too_many_attempts', code.attempts);
  if (!sameHash(code.hash, c.typedHash)) return reject('wrong_code', code.attempts + 1);
  if (!HEX64.test(c.newSession.tokenHash) || typeof c.newSession.sessionId !== 'string' || c.newSession.sessionId.length === 0 || s.sessions[c.newSession.sessionId]) {
    throw invalid('sessionId');
  }
  return [{
    type: 'MonitoringSessionStarted',
    data: { sessionId: c.newSession.sessionId, tokenHash: c.newSession.tokenHash, expiresAt: addMinutes(c.now, P.sessionTtlMinutes), at: c.now },
  }];
}

function sessionOf(s: MonitoringAccountState, tokenHash: string): [string, MonitoringAccountState['sessions'][string]] | undefined {
  return Object.entries(s.sessions).find(([, session]) => sameHash(session.tokenHash, tokenHash));
}

function authorize(c: AuthorizeMonitoringAccess, s: MonitoringAccountState): MonitoringAccountEvent[] {
  const account = requireAccount(s);
  if (!isMonitoringResource(c.resource)) throw invalid('resource');
  const found = sessionOf(s, c.tokenHash);
  const refuse = (sessionId: string, reason: 'no_session' | 'expired' | 'ended' | 'not_entitled'): MonitoringAccountEvent[] =>
    [{ type: 'MonitoringAccessed', data: { sessionId, resource: c.resource, granted: false, reason, at: c.now } }];
  if (!found) return refuse('', 'no_session');
  const [sessionId, session] = found;
  if (session.ended) return refuse(sessionId, 'ended');
  if (ms(c.now) >= ms(session.expiresAt)) return refuse(sessionId, 'expired');
  if (!entitled(account.role, c.resource)) return refuse(sessionId, 'not_entitled');
  return [{ type: 'MonitoringAccessed', data: { sessionId, resource: c.resource, granted: true, at: c.now } }];
}

function endSession(c: EndMonitoringSession, s: MonitoringAccountState): MonitoringAccountEvent[] {
  requireAccount(s);
  const found = sessionOf(s, c.tokenHash);
  if (!found || found[1].ended) return [];
  return [{ type: 'MonitoringSessionEnded', data: { sessionId: found[0], at: c.now } }];
}

export function decideMonitoringAccount(c: MonitoringAccountCommand, s: MonitoringAccountState): MonitoringAccountEvent[] {
  if (!isoOk(c.now)) throw new DomainError('INVALID_TIME', monitoringText.pair('error.invalidTime'));
  switch (c.type) {
    case 'CreateMonitoringAccount': return create(c, s);
    case 'SubmitMonitoringPassword': return submitPassword(c, s);
    case 'VerifyMonitoringCode': return verifyCode(c, s);
    case 'AuthorizeMonitoringAccess': return authorize(c, s);
    case 'EndMonitoringSession': return endSession(c, s);
  }
}

export function evolveMonitoringAccount(s: MonitoringAccountState, e: MonitoringAccountEvent): MonitoringAccountState {
  switch (e.type) {
    case 'MonitoringAccountCreated': {
      const { accountId, username, role, name, email, mobilePhone, passwordHash } = e.data;
      return { ...s, account: { accountId, username, role, name, email, mobilePhone, passwordHash } };
    }
    case 'MonitoringSignInFailed':
      return { ...s, failures: e.data.consecutiveFailures, lockedUntil: e.data.lockedUntil ?? s.lockedUntil };
    case 'MonitoringCodeIssued':
      return { ...s, codes: { ...s.codes, [e.data.codeId]: { hash: e.data.codeHash, expiresAt: e.data.expiresAt, attempts: 0, used: false } } };
    case 'MonitoringCodeRejected': {
      const code = s.codes[e.data.codeId];
      if (!code || e.data.reason !== 'wrong_code') return s;
      return { ...s, codes: { ...s.codes, [e.data.codeId]: { ...code, attempts: e.data.attempts } } };
    }
    case 'MonitoringSessionStarted': {
      // The code that opened it is spent: the only one unused and unexpired when it started.
      const codes = Object.fromEntries(Object.entries(s.codes).map(([id, c]) => [id, { ...c, used: true }]));
      return { ...s, failures: 0, lockedUntil: undefined, codes, sessions: { ...s.sessions, [e.data.sessionId]: { tokenHash: e.data.tokenHash, expiresAt: e.data.expiresAt, ended: false } } };
    }
    case 'MonitoringSessionEnded': {
      const session = s.sessions[e.data.sessionId];
      return session ? { ...s, sessions: { ...s.sessions, [e.data.sessionId]: { ...session, ended: true } } } : s;
    }
    case 'MonitoringAccessed':
      return s;
  }
}

export const monitoringAccountDecider: Decider<MonitoringAccountCommand, MonitoringAccountEvent, MonitoringAccountState> = {
  decide: decideMonitoringAccount,
  evolve: evolveMonitoringAccount,
  initialState: () => ({ failures: 0, codes: {}, sessions: {} }),
};
