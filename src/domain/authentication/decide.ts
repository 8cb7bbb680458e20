import { DomainError } from '../shared/decider';
import type {
  EndSession,
  IssueCredential,
  RecordCodeDelivery,
  RecordCredentialDelivery,
  RegisterVoter,
  RemoveVoterFromRoll,
  RequestCastCode,
  ResendCredential,
  SubmitPassword,
  VerifyOneTimeCode,
  VoterAccessCommand,
} from './commands';
import type { AuthenticationEvent, OneTimeCodeRejected, VoterStreamEvent } from './events';
import type { VoterRollEvent } from '../roll/voter-events';
import { addMinutes, AuthenticationPolicy as P, isBefore } from './policy';
import { constantTimeEqual, oneTimeCodeHash, sessionTokenHash } from './secrets';
import type { VoterAccessState } from './state';
import { domainText } from '../shared/domain-text';

const isoOk = (s: string) => typeof s === 'string' && !Number.isNaN(Date.parse(s));

export function decideVoterAccess(command: VoterAccessCommand, state: VoterAccessState): VoterStreamEvent[] {
  if (!isoOk(command.now)) throw new DomainError('INVALID_TIME', domainText.pair('authentication.invalidTime'));
  switch (command.type) {
    case 'RegisterVoter':
      return registerVoter(command, state);
    case 'RemoveVoterFromRoll':
      return removeVoter(command, state);
    case 'IssueCredential':
      return issueCredential(command, state);
    case 'ResendCredential':
      return resendCredential(command, state);
    case 'RecordCredentialDelivery':
      return recordCredentialDelivery(command, state);
    case 'RecordCodeDelivery':
      return recordCodeDelivery(command, state);
    case 'SubmitPassword':
      return submitPassword(command, state);
    case 'VerifyOneTimeCode':
      return verifyOneTimeCode(command, state);
    case 'RequestCastCode':
      return requestCastCode(command, state);
    case 'EndSession':
      return endSession(command, state);
  }
}

function requireRegistered(state: VoterAccessState): asserts state is VoterAccessState & { pseudonym: string; electionId: string } {
  if (state.pseudonym === undefined) throw new DomainError('VOTER_NOT_REGISTERED', domainText.pair('authentication.voterNotRegistered'));
}

function registerVoter(c: RegisterVoter, state: VoterAccessState): VoterRollEvent[] {
  if (state.pseudonym !== undefined) throw new DomainError('VOTER_ALREADY_REGISTERED', domainText.pair('authentication.voterAlreadyRegistered'));
  return [{ type: 'VoterRegistered', data: { electionId: c.electionId, pseudonym: c.pseudonym, voter: c.voter, rollVersion: c.rollVersion, registeredAt: c.now } }];
}

function removeVoter(c: RemoveVoterFromRoll, state: VoterAccessState): VoterRollEvent[] {
  requireRegistered(state);
  if (!state.onRoll) throw new DomainError('VOTER_NOT_ON_ROLL', domainText.pair('authentication.voterNoLongerOnRoll'));
  return [{ type: 'VoterRemovedFromRoll', data: { electionId: state.electionId, pseudonym: state.pseudonym, reason: c.reason, rollVersion: c.rollVersion, removedAt: c.now } }];
}

function issueCredential(c: IssueCredential, state: VoterAccessState): AuthenticationEvent[] {
  requireRegistered(state);
  if (!state.onRoll) throw new DomainError('VOTER_NOT_ON_ROLL', domainText.pair('authentication.voterNotOnRoll'));
  if (state.credential) {
    throw new DomainError('CREDENTIAL_ALREADY_ISSUED', domainText.pair('authentication.credentialAlreadyIssued'));
  }
  return [{ type: 'CredentialIssued', data: { username: c.username, credentialNumber: 1, at: c.now } }];
}

function resendCredential(c: ResendCredential, state: VoterAccessState): AuthenticationEvent[] {
  requireRegistered(state);
  const credential = state.credential;
  if (!credential || !state.onRoll) throw new DomainError('NO_CREDENTIAL', domainText.pair('authentication.noCredential'));
  if (c.requestedBy === 'voter' && isBefore(c.now, addMinutes(credential.issuedAt, P.voterResendIntervalMinutes))) {
    throw new DomainError(
      'RESEND_TOO_SOON',
      domainText.pair('authentication.resendTooSoon', { minutes: P.voterResendIntervalMinutes }),
    );
  }
  return [{
    type: 'CredentialResent',
    data: { username: credential.username, passwordHash: c.passwordHash, credentialNumber: credential.number + 1, requestedBy: c.requestedBy, reason: c.reason, at: c.now },
  }];
}

function recordCredentialDelivery(c: RecordCredentialDelivery, state: VoterAccessState): AuthenticationEvent[] {
  if (!state.deliveries.has(c.credentialNumber)) throw new DomainError('UNKNOWN_CREDENTIAL', domainText.pair('authentication.unknownCredential', { credentialNumber: c.credentialNumber }));
  return [c.outcome.delivered
    ? { type: 'CredentialSent', data: { credentialNumber: c.credentialNumber, messageId: c.outcome.messageId, at: c.now } }
    : { type: 'CredentialDeliveryFailed', data: { credentialNumber: c.credentialNumber, reason: c.outcome.reason, at: c.now } }];
}

function recordCodeDelivery(c: RecordCodeDelivery, state: VoterAccessState): AuthenticationEvent[] {
  if (!state.codes.has(c.codeId)) throw new DomainError('UNKNOWN_CODE', domainText.pair('authentication.unknownCode'));
  return [c.outcome.delivered
    ? { type: 'OneTimeCodeSent', data: { codeId: c.codeId, messageId: c.outcome.messageId, at: c.now } }
    : { type: 'OneTimeCodeDeliveryFailed', data: { codeId: c.codeId, reason: c.outcome.reason, at: c.now } }];
}

export function isLocked(state: VoterAccessState, now: string): boolean {
  return state.lockedUntil !== undefined && isBefore(now, state.lockedUntil);
}

function submitPassword(c: SubmitPassword, state: VoterAccessState): AuthenticationEvent[] {
  if (isBefore(c.now, c.votingPeriod.opensAt) || !isBefore(c.now, c.votingPeriod.closesAt)) {
    throw new DomainError('OUTSIDE_VOTING_PERIOD', domainText.pair('authentication.outsideVotingPeriod'));
  }
  requireRegistered(state);
  // A lock that has run out no longer counts the failures that caused it.
  const lockExpired = state.lockedUntil !== undefined && !isLocked(state, c.now);
  const failures = lockExpired ? 0 : state.consecutiveFailures;
  const failed = (reason: 'wrong_password' | 'locked' | 'not_on_roll' | 'no_credential', count: number, lockedUntil?: string): AuthenticationEvent => ({
    type: 'LoginFailed',
    data: { reason, consecutiveFailures: count, ...(lockedUntil !== undefined ? { lockedUntil } : {}), at: c.now },
  });
  if (!state.onRoll) return [failed('not_on_roll', failures)];
  if (!state.credential || c.credentialAssigned === false) return [failed('no_credential', failures)];
  if (isLocked(state, c.now)) return [failed('locked', failures)];
  if (!c.passwordMatches) {
    const count = failures + 1;
    // The lock is data of this one sealed failure (LoginFailed v2), never a leaf of its own:
    // the public log must not show when an account locks.
    return [failed('wrong_password', count, count >= P.maxPasswordFailures ? addMinutes(c.now, P.lockoutMinutes) : undefined)];
  }
  return [
    { type: 'LoginSucceeded', data: { credentialNumber: state.credential.number, at: c.now } },
    {
      type: 'OneTimeCodeIssued',
      data: {
        codeId: c.newCode.codeId,
        purpose: 'login',
        codeHash: oneTimeCodeHash(c.newCode.codeId, 'login', c.newCode.code),
        expiresAt: addMinutes(c.now, P.codeTtlMinutes),
        at: c.now,
      },
    },
  ];
}

/** The live session a token opens, if any. */
export function activeSession(state: VoterAccessState, token: string, now: string): string | undefined {
  const tokenHash = sessionTokenHash(token);
  for (const [id, s] of state.sessions) {
    if (!s.ended && isBefore(now, s.expiresAt) && constantTimeEqual(s.tokenHash, tokenHash)) return id;
  }
  return undefined;
}

function verifyOneTimeCode(c: VerifyOneTimeCode, state: VoterAccessState): AuthenticationEvent[] {
  requireRegistered(state);
  const code = state.codes.get(c.codeId);
  const reject = (reason: OneTimeCodeRejected['data']['reason'], attempts: number): AuthenticationEvent[] => [
    { type: 'OneTimeCodeRejected', data: { codeId: c.codeId, reason, attempts, at: c.now } },
  ];
  if (!code) return reject('unknown_code', 0);
  if (code.status === 'verified') return reject('already_used', code.attempts);
  if (code.status === 'superseded') return reject('superseded', code.attempts);
  if (code.attempts >= P.maxCodeAttempts) return reject('too_many_attempts', code.attempts);
  if (!isBefore(c.now, code.expiresAt)) return reject('expired', code.attempts);
  if (!state.onRoll) return reject('session_invalid', code.attempts);
  const cast = code.purpose === 'cast';
  if (cast) {
    const s = code.sessionId === undefined ? undefined : state.sessions.get(code.sessionId);
    if (!s || s.ended || !isBefore(c.now, s.expiresAt)) return reject('session_invalid', code.attempts);
  }
  if (!constantTimeEqual(oneTimeCodeHash(c.codeId, code.purpose, c.code), code.codeHash)) {
    return reject('wrong_code', code.attempts + 1);
  }
  const verified: AuthenticationEvent = { type: 'OneTimeCodeVerified', data: { codeId: c.codeId, purpose: code.purpose, ...(code.sessionId !== undefined ? { sessionId: code.sessionId } : {}), at: c.now } };
  if (cast) return [verified];
  return [
    verified,
    {
      type: 'SessionStarted',
      data: { sessionId: c.newSession.sessionId, tokenHash: sessionTokenHash(c.newSession.token), expiresAt: addMinutes(c.now, P.sessionTtlMinutes), at: c.now },
    },
  ];
}

function requestCastCode(c: RequestCastCode, state: VoterAccessState): AuthenticationEvent[] {
  requireRegistered(state);
  const sessionId = state.onRoll ? activeSession(state, c.sessionToken, c.now) : undefined;
  if (sessionId === undefined) throw new DomainError('SESSION_INVALID', domainText.pair('authentication.sessionInvalid'));
  if (c.alreadyVoted) throw new DomainError('ALREADY_VOTED', domainText.pair('voting.alreadyVoted'));
  if (!c.castingOpen) throw new DomainError('VOTING_CLOSED', domainText.pair('voting.votingClosed'));
  return [{
    type: 'OneTimeCodeIssued',
    data: {
      codeId: c.newCode.codeId,
      purpose: 'cast',
      codeHash: oneTimeCodeHash(c.newCode.codeId, 'cast', c.newCode.code),
      expiresAt: addMinutes(c.now, P.codeTtlMinutes),
      sessionId,
      at: c.now,
    },
  }];
}

function endSession(c: EndSession, state: VoterAccessState): AuthenticationEvent[] {
  const sessionId = activeSession(state, c.sessionToken, c.now);
  if (sessionId === undefined) throw new DomainError('SESSION_INVALID', domainText.pair('authentication.sessionInvalidOrExpired'));
  return [{ type: 'SessionEnded', data: { sessionId, reason: 'logout', at: c.now } }];
}

/**
 * May this session cast a ballot now? Yes when the session is live and a cast code for it was
 * confirmed within the last castAuthorizationMinutes. The voting side calls this before
 * CastBallot; "one ballot per voter, ever" is the ballot stream's own rule.
 */
export function castAuthorization(state: VoterAccessState, sessionToken: string, now: string): { sessionId: string; codeId: string } | undefined {
  if (!state.onRoll) return undefined;
  const sessionId = activeSession(state, sessionToken, now);
  if (sessionId === undefined) return undefined;
  for (const [codeId, code] of state.codes) {
    if (code.purpose === 'cast' && code.status === 'verified' && code.sessionId === sessionId && code.verifiedAt
      && isBefore(now, addMinutes(code.verifiedAt, P.castAuthorizationMinutes))) {
      return { sessionId, codeId };
    }
  }
  return undefined;
}
