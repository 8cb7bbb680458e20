import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import type { EventStore } from '../ledger/event-store';
import type { MailSender, SmsSender } from '../messaging/ports';
import { credentialMail, oneTimeCodeSms } from '../messaging/voter-messages';
import { voterStream } from '../domain/roll/decider';
import type { RandomSource } from '../domain/roll/random-source';
import { DomainError } from '../domain/shared/decider';
import { domainText } from '../domain/shared/domain-text';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import type { DeliveryOutcome } from '../domain/authentication/commands';
import { castAuthorization } from '../domain/authentication/decide';
import { voterAccessDecider } from '../domain/authentication/decider';
import type { PasswordHasher } from '../domain/authentication/password-hasher';
import { AuthenticationPolicy } from '../domain/authentication/policy';
import { canonicalPassword, canonicalUsername, newOneTimeCode, newOpaqueId, newPassword, newSessionToken, pseudonymOfHandle } from '../domain/authentication/secrets';
import type { VoterAccessState } from '../domain/authentication/state';
import { loginAttemptDecider, loginAttemptStream, loginChallengeDecider, loginChallengeStream, OPAQUE_ID } from '../domain/authentication/login-attempt';
import { addMinutes } from '../domain/authentication/policy';
import type { UsernameDirectory } from './username-directory';
import { CredentialReference } from './credential-reference';
import {
  EndSessionCommand, IssueLoginChallengeCommand, RecordCodeDeliveryCommand, RecordCredentialDeliveryCommand, RecordUnknownUsernameCommand,
  RequestCastCodeCommand, ResendCredentialCommand, SubmitPasswordCommand, VerifyOneTimeCodeCommand,
} from './authentication.commands';

/**
 * The voter's way in (numerals 23-25), as an application service over ports: the ledger (read)
 * and the command bus (every change, each judged by the voter-access decider), the PasswordHasher, a RandomSource, the mail and SMS senders and the username directory. It
 * does no I/O of its own; a NestJS handler can call it as is. Every decision is the pure
 * voter-access decider's; this only gathers facts, draws secrets and sends messages.
 */
const voterApi = messagesOf(voterApiMessages);

export class AuthenticationFailedError extends DomainError {
  constructor() {
    // One message whatever went wrong, so it never tells whether a username exists.
    super('AUTHENTICATION_FAILED', voterApi.pair('auth.failed'));
  }
}

export class OneTimeCodeRejectedError extends DomainError {
  constructor(readonly reason: string) {
    super('ONE_TIME_CODE_REJECTED', voterApi.pair('auth.codeRejected', { reason }), { reason });
  }
}

export interface VoterAccessPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  hasher: PasswordHasher;
  random: RandomSource;
  mail: MailSender;
  sms: SmsSender;
  directory: UsernameDirectory;
  votingPeriod: { opensAt: string; closesAt: string };
  systemUrl: string;
  /** Where the roll's own password-hash parameters are found (for the unknown-username dummy);
   * long-lived callers pass one so that it is looked up once. */
  reference?: CredentialReference;
}

/**
 * A challenge, twice: `challenge` is the server's own handle on the code (`<pseudonym>.<codeId>`,
 * it names the voter's stream; it never leaves the server), `challengeId` the opaque id a
 * client gets (the code's random id; docs/spec/roll-and-authentication.md §6.1), which says
 * nothing about the pseudonym.
 */
export interface IssuedChallenge {
  challenge: string;
  challengeId: string;
}

const outcomeOf = async (send: () => Promise<{ messageId: string }>): Promise<DeliveryOutcome> => {
  try {
    return { delivered: true, messageId: (await send()).messageId };
  } catch (err) {
    return { delivered: false, reason: (err as Error).message.slice(0, 500) };
  }
};

export class VoterAccessService {
  private readonly reference: CredentialReference;

  constructor(private readonly p: VoterAccessPorts) {
    this.reference = p.reference ?? new CredentialReference(p.store, p.electionId);
  }

  private stream(pseudonym: string): string {
    return voterStream(this.p.electionId, pseudonym);
  }

  /** Who a voter's own request is recorded as. */
  private byVoter(pseudonym: string) {
    return { actor: `voter:${pseudonym}` };
  }

  /**
   * Step 1: username + password. Returns the challenge the code step needs.
   *
   * A refusal leaves the same trace whether or not the username exists (§6.1): the same error,
   * the same scrypt work (an unknown name is checked against a dummy hash with the roll's own
   * parameters), the same reads and one append of one sealed `LoginFailed` — in the voter's
   * stream for a known name, in a fresh stream of its own for an unknown one.
   */
  async login(username: string, password: string, now: string): Promise<IssuedChallenge> {
    const { opensAt, closesAt } = this.p.votingPeriod;
    if (Date.parse(now) < Date.parse(opensAt) || Date.parse(now) >= Date.parse(closesAt)) {
      throw new DomainError('OUTSIDE_VOTING_PERIOD', domainText.pair('authentication.outsideVotingPeriod'));
    }
    const canonical = canonicalUsername(username);
    const pseudonym = canonical === undefined ? undefined : await this.p.directory.find(canonical);
    const attemptId = newOpaqueId(this.p.random);
    // Read a stream either way: the voter's, or the (empty) stream the refusal will open.
    const state = pseudonym === undefined
      ? (await loadState(this.p.store, loginAttemptStream(this.p.electionId, attemptId), loginAttemptDecider), undefined)
      : (await loadState(this.p.store, this.stream(pseudonym), voterAccessDecider)).state;
    // Same scrypt work whether or not the username exists, at the roll's own cost.
    const hash = state?.credential?.passwordHash ?? (await this.p.hasher.dummyHash(await this.reference.passwordHash()));
    const passwordMatches = await this.p.hasher.verify(canonicalPassword(password), hash);
    if (pseudonym === undefined) {
      await this.p.commands.execute(new RecordUnknownUsernameCommand(this.p.electionId, attemptId,
        { type: 'RecordUnknownUsername', votingPeriod: this.p.votingPeriod, now }, { actor: 'voter:unknown' }));
      throw new AuthenticationFailedError();
    }
    const newCode = { codeId: newOpaqueId(this.p.random), code: newOneTimeCode(this.p.random) };
    const { events, state: after } = await this.p.commands.execute(new SubmitPasswordCommand(this.p.electionId, pseudonym,
      { type: 'SubmitPassword', passwordMatches, newCode, votingPeriod: this.p.votingPeriod, now }, this.byVoter(pseudonym)));
    if (!events.some((e) => e.type === 'LoginSucceeded')) throw new AuthenticationFailedError();
    // The opaque challenge id → this voter, before the code is sent.
    await this.p.commands.execute(new IssueLoginChallengeCommand(this.p.electionId, {
      type: 'IssueLoginChallenge', electionId: this.p.electionId, pseudonym, codeId: newCode.codeId,
      expiresAt: addMinutes(now, AuthenticationPolicy.codeTtlMinutes), now,
    }, this.byVoter(pseudonym)));
    await this.sendCode(pseudonym, after, newCode.codeId, newCode.code, 'login', now);
    return { challenge: `${pseudonym}.${newCode.codeId}`, challengeId: newCode.codeId };
  }

  /** Step 2 as a client asks it: the opaque challenge id (from `login`) and the code from the phone. */
  async confirmLoginChallenge(challengeId: string, code: string, now: string): Promise<{ sessionToken: string }> {
    const pseudonym = await this.pseudonymOfChallenge(challengeId);
    if (pseudonym === undefined) throw new OneTimeCodeRejectedError('unknown_code');
    return this.confirmLoginCode(`${pseudonym}.${challengeId}`, code, now);
  }

  /** The voter an opaque login challenge id was issued to, read from its sealed stream. */
  private async pseudonymOfChallenge(challengeId: string): Promise<string | undefined> {
    if (typeof challengeId !== 'string' || !OPAQUE_ID.test(challengeId)) return undefined;
    const { state } = await loadState(this.p.store, loginChallengeStream(this.p.electionId, challengeId), loginChallengeDecider);
    return state.challenge?.pseudonym;
  }

  /** Step 2 on the server's handle (`<pseudonym>.<codeId>`): the code from the phone. Returns the session token. */
  async confirmLoginCode(challenge: string, code: string, now: string): Promise<{ sessionToken: string }> {
    const pseudonym = pseudonymOfHandle(challenge);
    if (pseudonym === undefined) throw new OneTimeCodeRejectedError('unknown_code');
    const token = newSessionToken(this.p.random, pseudonym);
    await this.verify(pseudonym, challenge.slice(pseudonym.length + 1), code, { sessionId: newOpaqueId(this.p.random), token }, now);
    return { sessionToken: token };
  }

  /** Before casting: a new code for purpose 'cast', tied to the session. */
  /** `casting`: the voting facts the decider needs (the voting side reads them). */
  async requestCastCode(sessionToken: string, now: string, casting: { castingOpen: boolean; alreadyVoted: boolean }): Promise<IssuedChallenge> {
    const pseudonym = pseudonymOfHandle(sessionToken);
    if (pseudonym === undefined) throw new DomainError('SESSION_INVALID', voterApi.pair('auth.sessionInvalid'));
    const newCode = { codeId: newOpaqueId(this.p.random), code: newOneTimeCode(this.p.random) };
    const { state } = await this.p.commands.execute(new RequestCastCodeCommand(this.p.electionId, pseudonym,
      { type: 'RequestCastCode', sessionToken, newCode, now, ...casting }, this.byVoter(pseudonym)));
    await this.sendCode(pseudonym, state, newCode.codeId, newCode.code, 'cast', now);
    // A client holds the cast code's id alone: its session token already names the voter.
    return { challenge: `${pseudonym}.${newCode.codeId}`, challengeId: newCode.codeId };
  }

  async confirmCastCode(challenge: string, code: string, now: string): Promise<void> {
    const pseudonym = pseudonymOfHandle(challenge);
    if (pseudonym === undefined) throw new OneTimeCodeRejectedError('unknown_code');
    await this.verify(pseudonym, challenge.slice(pseudonym.length + 1), code, { sessionId: 'unused', token: 'unused' }, now);
  }

  /** For the voting side: who may cast now with this session, if anyone. */
  async mayCast(sessionToken: string, now: string): Promise<{ pseudonym: string; sessionId: string; codeId: string } | undefined> {
    const pseudonym = pseudonymOfHandle(sessionToken);
    if (pseudonym === undefined) return undefined;
    const { state } = await loadState(this.p.store, this.stream(pseudonym), voterAccessDecider);
    const ok = castAuthorization(state, sessionToken, now);
    return ok && { pseudonym, ...ok };
  }

  async logout(sessionToken: string, now: string): Promise<void> {
    const pseudonym = pseudonymOfHandle(sessionToken);
    if (pseudonym === undefined) return;
    await this.p.commands.execute(new EndSessionCommand(this.p.electionId, pseudonym, { type: 'EndSession', sessionToken, now }, this.byVoter(pseudonym)));
  }

  /** A new password, e-mailed; the previous one stops working. Delivery is recorded. */
  async resendCredential(pseudonym: string, requestedBy: 'voter' | 'official', actor: string, reason: string, now: string): Promise<DeliveryOutcome> {
    const password = newPassword(this.p.random);
    // At the roll's own cost, so that this voter's login costs what every other one does.
    const passwordHash = await this.p.hasher.hash(canonicalPassword(password), await this.reference.passwordHash());
    const { state } = await this.p.commands.execute(new ResendCredentialCommand(this.p.electionId, pseudonym,
      { type: 'ResendCredential', passwordHash, requestedBy, reason, now }, { actor }));
    return this.sendCredential(pseudonym, state, password, now);
  }

  /** A voter asking for a new password by username: the answer is the same whether or not it exists. */
  async voterRequestsNewPassword(username: string, now: string): Promise<void> {
    const canonical = canonicalUsername(username);
    const pseudonym = canonical === undefined ? undefined : await this.p.directory.find(canonical);
    if (pseudonym === undefined) return;
    await this.resendCredential(pseudonym, 'voter', `voter:${pseudonym}`, voterApi.both('auth.resendRequestedByVoter'), now);
  }

  /** Sends the credential e-mail for the state's current credential and records the outcome. */
  async sendCredential(pseudonym: string, state: VoterAccessState, password: string, now: string): Promise<DeliveryOutcome> {
    const { voter, credential } = state;
    if (!voter || !credential) throw new Error('no credential to send');
    const outcome = await outcomeOf(() => this.p.mail.send(credentialMail({
      to: voter.email, name: voter.name, username: credential.username, password, systemUrl: this.p.systemUrl, credentialNumber: credential.number,
    })));
    await this.p.commands.execute(new RecordCredentialDeliveryCommand(this.p.electionId, pseudonym,
      { type: 'RecordCredentialDelivery', credentialNumber: credential.number, outcome, now }, { actor: 'system:mailer' }));
    return outcome;
  }

  private async verify(pseudonym: string, codeId: string, code: string, newSession: { sessionId: string; token: string }, now: string): Promise<void> {
    const { events } = await this.p.commands.execute(new VerifyOneTimeCodeCommand(this.p.electionId, pseudonym,
      { type: 'VerifyOneTimeCode', codeId, code: code.trim(), newSession, now }, this.byVoter(pseudonym)));
    const rejected = events.find((e) => e.type === 'OneTimeCodeRejected');
    if (rejected) throw new OneTimeCodeRejectedError(rejected.data.reason);
  }

  private async sendCode(pseudonym: string, state: VoterAccessState, codeId: string, code: string, purpose: 'login' | 'cast', now: string): Promise<void> {
    const outcome = await outcomeOf(() => this.p.sms.send(oneTimeCodeSms({ to: state.voter!.mobilePhone, code, purpose, minutes: AuthenticationPolicy.codeTtlMinutes })));
    await this.p.commands.execute(new RecordCodeDeliveryCommand(this.p.electionId, pseudonym,
      { type: 'RecordCodeDelivery', codeId, outcome, now }, { actor: 'system:sms' }));
  }
}
