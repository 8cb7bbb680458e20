import type { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '../command-path/ledger-command';
import { loadState, newStreamRead, type StreamRead } from '../command-path/stream-state';
import type { EventStore } from '../ledger/event-store';
import type { SmsSender } from '../messaging/ports';
import { oneTimeCodeSms } from '../messaging/voter-messages';
import { voterStream } from '../domain/roll/decider';
import type { RandomSource } from '../domain/roll/random-source';
import { DomainError } from '../domain/shared/decider';
import { domainText } from '../domain/shared/domain-text';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import type { DeliveryOutcome } from '../domain/authentication/commands';
import { castAuthorization } from '../domain/authentication/decide';
import { voterAccessDecider } from '../domain/authentication/decider';
import { AuthenticationPolicy } from '../domain/authentication/policy';
import { canonicalUsername, newOneTimeCode, newOpaqueId, newSessionToken, pseudonymOfHandle } from '../domain/authentication/secrets';
import { loginSignatureValid } from '../domain/crypto/credential/login-signature';
import { publicKeyOf } from '../domain/crypto/credential/credential-signature';
import { hashToScalar, utf8 } from '../domain/crypto/hash';
import { voterBallotsStream, votingDecider } from '../domain/voting/decider';
import type { LoginChallenges } from './login-challenges';
import type { VoterAccessState } from '../domain/authentication/state';
import { loginAttemptDecider, loginAttemptStream, loginChallengeDecider, loginChallengeStream, OPAQUE_ID } from '../domain/authentication/login-attempt';
import { addMinutes } from '../domain/authentication/policy';
import type { UsernameDirectory } from './username-directory';
import { addressKey, WorkRefusedError, type WorkBudget } from '../http/work-budget';
import {
  EndSessionCommand, IssueLoginChallengeCommand, RecordCodeDeliveryCommand, RecordUnknownUsernameCommand,
  RequestCastCodeCommand, SubmitPasswordCommand, VerifyOneTimeCodeCommand,
} from './authentication.commands';

/**
 * The voter's way in (numerals 23-25), as an application service over ports: the ledger (read)
 * and the command bus (every change, each judged by the voter-access decider), the server's
 * sign-in challenges, a RandomSource, the SMS sender and the username directory. It does no I/O
 * of its own; a NestJS handler can call it as is. Every decision is the pure voter-access
 * decider's; this only gathers facts, draws secrets and sends messages.
 *
 * Sign-in proves possession of the credential (issue 13, docs/spec/credentials.md): the browser
 * derives the credential key from the password the credential authority e-mailed and signs a
 * fresh challenge; the service checks it against the voter's public credential. It never sees
 * the password and stores no hash of it. The SMS code stays the second factor, at sign-in and
 * again before casting.
 */
const voterApi = messagesOf(voterApiMessages);

export class AuthenticationFailedError extends DomainError {
  constructor() {
    // One message whatever went wrong, so it never tells whether a username exists.
    super('AUTHENTICATION_FAILED', voterApi.pair('auth.failed'));
  }
}

export class OneTimeCodeRejectedError extends DomainError {
  /** `attempts`: wrong entries of this code so far (the voter is told how many remain). */
  constructor(readonly reason: string, attempts?: number) {
    const attemptsLeft = reason === 'wrong_code' && attempts !== undefined ? Math.max(0, AuthenticationPolicy.maxCodeAttempts - attempts) : undefined;
    super('ONE_TIME_CODE_REJECTED', codeRejectedText(reason, attemptsLeft), { reason, ...(attemptsLeft !== undefined ? { attemptsLeft } : {}) });
  }
}

/**
 * A plain sentence per reason, never the reason's code: the voter reads what happened and what
 * to do next (issue 15). A wrong code that leaves no try reads like a dead code.
 */
function codeRejectedText(reason: string, attemptsLeft: number | undefined) {
  if (reason === 'wrong_code') return attemptsLeft ? voterApi.pair('auth.code.wrongCode', { left: attemptsLeft }) : voterApi.pair('auth.code.tooManyAttempts');
  if (reason === 'too_many_attempts') return voterApi.pair('auth.code.tooManyAttempts');
  if (reason === 'expired') return voterApi.pair('auth.code.expired', { minutes: AuthenticationPolicy.codeTtlMinutes });
  if (reason === 'superseded') return voterApi.pair('auth.code.superseded');
  if (reason === 'already_used') return voterApi.pair('auth.code.alreadyUsed');
  if (reason === 'session_invalid') return voterApi.pair('auth.code.sessionInvalid');
  return voterApi.pair('auth.code.unknown');
}

/**
 * The account is locked and the voter proved they hold the credential: only then is the end of
 * the lock told (someone without the password learns nothing about the account).
 */
export class AccountLockedError extends DomainError {
  constructor(readonly lockedUntil: string) {
    super('ACCOUNT_LOCKED', voterApi.pair('auth.locked', { until: lockedUntil }), { lockedUntil });
  }
}

/** The voter's mobile number as the booth may show it: the last two digits only. */
export function maskedPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return `•••• ${digits.slice(-2)}`;
}

export interface VoterAccessPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  random: RandomSource;
  sms: SmsSender;
  directory: UsernameDirectory;
  votingPeriod: { opensAt: string; closesAt: string };
  /** The sign-in challenges this service issued (long-lived: one per service). */
  challenges: LoginChallenges;
  /** Bounds the work of sign-in attempts (src/http/work-budget.ts); none: unbounded (tests, benches). */
  work?: WorkBudget;
}

/** What the browser sends to sign in: the server's challenge, signed with the credential key. */
export interface PossessionProof {
  challenge: string;
  signature: string;
}

/** A credential nobody holds: an unknown username's proof is checked against it, so that it costs the same work. */
const NOBODYS_CREDENTIAL = publicKeyOf(hashToScalar('urna/v1/login/nobodys-credential', utf8('unknown username')));

/**
 * A challenge, twice: `challenge` is the server's own handle on the code (`<pseudonym>.<codeId>`,
 * it names the voter's stream; it never leaves the server), `challengeId` the opaque id a
 * client gets (the code's random id; docs/spec/roll-and-authentication.md §6.1), which says
 * nothing about the pseudonym.
 */
export interface IssuedChallenge {
  challenge: string;
  challengeId: string;
  /** Where the code went, masked (maskedPhone): shown to the voter waiting for it. */
  sentTo?: string;
}

const outcomeOf = async (send: () => Promise<{ messageId: string }>): Promise<DeliveryOutcome> => {
  try {
    return { delivered: true, messageId: (await send()).messageId };
  } catch (err) {
    return { delivered: false, reason: (err as Error).message.slice(0, 500) };
  }
};

export class VoterAccessService {
  constructor(private readonly p: VoterAccessPorts) {}

  private stream(pseudonym: string): string {
    return voterStream(this.p.electionId, pseudonym);
  }

  /** Who a voter's own request is recorded as; with the stream as this request read it, if it did. */
  private byVoter(pseudonym: string, read?: StreamRead<unknown>): CommandContext {
    return { actor: `voter:${pseudonym}`, read };
  }

  /**
   * Step 1: username + proof of possession (the server's challenge signed with the credential
   * key). Returns the challenge the code step needs.
   *
   * A refusal leaves the same trace whether or not the username exists (§6.1): the same error,
   * the same work (an unknown name's proof is checked against a credential nobody holds), the
   * same reads and one append of one sealed `LoginFailed` — in the voter's stream for a known
   * name, in a fresh stream of its own for an unknown one. A challenge not issued by this
   * service, expired or used before fails like a wrong password.
   *
   * The attempt's work (reads, the signature check, appends, the SMS) runs within the sign-in
   * work budget when the ports give one (src/http/work-budget.ts), keyed by the client's
   * `address`: a flood waits in a short queue or is refused (429/503 with Retry-After) instead
   * of slowing every voter. An unknown name spends the budget of unknown names; once that is
   * spent, its attempt is refused as every failed sign-in is, without the decoy work.
   */
  async login(username: string, proof: PossessionProof, now: string, address?: string): Promise<IssuedChallenge> {
    const { opensAt, closesAt } = this.p.votingPeriod;
    if (Date.parse(now) < Date.parse(opensAt) || Date.parse(now) >= Date.parse(closesAt)) {
      throw new DomainError('OUTSIDE_VOTING_PERIOD', domainText.pair('authentication.outsideVotingPeriod'));
    }
    const canonical = canonicalUsername(username);
    const pseudonym = canonical === undefined ? undefined : await this.p.directory.find(canonical);
    if (!this.p.work) return this.attemptLogin(canonical, pseudonym, proof, now);
    try {
      return await this.p.work.run({ key: addressKey(address), unknown: pseudonym === undefined }, () => this.attemptLogin(canonical, pseudonym, proof, now));
    } catch (err) {
      if (err instanceof WorkRefusedError && err.reason === 'unknown') throw new AuthenticationFailedError();
      throw err;
    }
  }

  /** The sign-in attempt itself, for a name already looked up (`pseudonym` undefined: no such voter). */
  private async attemptLogin(canonical: string | undefined, pseudonym: string | undefined, proof: PossessionProof, now: string): Promise<IssuedChallenge> {
    const attemptId = newOpaqueId(this.p.random);
    // Read a stream either way: the voter's, or the (empty) stream the refusal will open. The
    // command below decides on this read (CommandContext.read) instead of reading it again.
    const read = pseudonym === undefined
      ? await loadState(this.p.store, loginAttemptStream(this.p.electionId, attemptId), loginAttemptDecider)
      : await loadState(this.p.store, this.stream(pseudonym), voterAccessDecider);
    // The voter's public credential, on their sealed ballot stream (the authority's mapping); an
    // unknown name reads an empty stream and checks its proof against nobody's credential.
    const ballots = await loadState(this.p.store, voterBallotsStream(this.p.electionId, pseudonym ?? `unknown-${attemptId}`), votingDecider);
    const credential = ballots.state.credential;
    const fresh = await this.p.challenges.consume(proof?.challenge, now);
    const signed = typeof proof?.challenge === 'string' && /^[0-9a-f]{64}$/.test(proof.challenge)
      && loginSignatureValid(credential ?? NOBODYS_CREDENTIAL, this.p.electionId, canonical ?? '', proof.challenge, proof.signature);
    const passwordMatches = fresh && signed && credential !== undefined;
    if (pseudonym === undefined) {
      await this.p.commands.execute(new RecordUnknownUsernameCommand(this.p.electionId, attemptId,
        { type: 'RecordUnknownUsername', votingPeriod: this.p.votingPeriod, now }, { actor: 'voter:unknown', read }));
      throw new AuthenticationFailedError();
    }
    const newCode = { codeId: newOpaqueId(this.p.random), code: newOneTimeCode(this.p.random) };
    const { events, state: after, read: afterRead } = await this.p.commands.execute(new SubmitPasswordCommand(this.p.electionId, pseudonym,
      { type: 'SubmitPassword', passwordMatches, credentialAssigned: credential !== undefined, newCode, votingPeriod: this.p.votingPeriod, now }, this.byVoter(pseudonym, read)));
    if (!events.some((e) => e.type === 'LoginSucceeded')) {
      const locked = events.find((e) => e.type === 'LoginFailed' && e.data.reason === 'locked');
      if (locked && passwordMatches && after.lockedUntil) throw new AccountLockedError(after.lockedUntil);
      throw new AuthenticationFailedError();
    }
    // The opaque challenge id → this voter, before the code is sent.
    // A stream named by the code id just drawn: taken as empty, not read.
    await this.p.commands.execute(new IssueLoginChallengeCommand(this.p.electionId, {
      type: 'IssueLoginChallenge', electionId: this.p.electionId, pseudonym, codeId: newCode.codeId,
      expiresAt: addMinutes(now, AuthenticationPolicy.codeTtlMinutes), now,
    }, this.byVoter(pseudonym, newStreamRead(loginChallengeStream(this.p.electionId, newCode.codeId), loginChallengeDecider))));
    await this.sendCode(pseudonym, afterRead, newCode.codeId, newCode.code, 'login', now);
    return { challenge: `${pseudonym}.${newCode.codeId}`, challengeId: newCode.codeId, sentTo: maskedPhone(after.voter!.mobilePhone) };
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
  /** `read`: the voter's stream as the request already read it (for its session), if it did. */
  async requestCastCode(sessionToken: string, now: string, casting: { castingOpen: boolean; alreadyVoted: boolean }, read?: StreamRead<VoterAccessState>): Promise<IssuedChallenge> {
    const pseudonym = pseudonymOfHandle(sessionToken);
    if (pseudonym === undefined) throw new DomainError('SESSION_INVALID', voterApi.pair('auth.sessionInvalid'));
    const newCode = { codeId: newOpaqueId(this.p.random), code: newOneTimeCode(this.p.random) };
    const { state, read: after } = await this.p.commands.execute(new RequestCastCodeCommand(this.p.electionId, pseudonym,
      { type: 'RequestCastCode', sessionToken, newCode, now, ...casting }, this.byVoter(pseudonym, read)));
    await this.sendCode(pseudonym, after, newCode.codeId, newCode.code, 'cast', now);
    // A client holds the cast code's id alone: its session token already names the voter.
    return { challenge: `${pseudonym}.${newCode.codeId}`, challengeId: newCode.codeId, sentTo: maskedPhone(state.voter!.mobilePhone) };
  }

  /** `read`: the voter's stream as the request already read it (for its session), if it did. */
  async confirmCastCode(challenge: string, code: string, now: string, read?: StreamRead<VoterAccessState>): Promise<void> {
    const pseudonym = pseudonymOfHandle(challenge);
    if (pseudonym === undefined) throw new OneTimeCodeRejectedError('unknown_code');
    await this.verify(pseudonym, challenge.slice(pseudonym.length + 1), code, { sessionId: 'unused', token: 'unused' }, now, read);
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

  private async verify(pseudonym: string, codeId: string, code: string, newSession: { sessionId: string; token: string }, now: string, read?: StreamRead<VoterAccessState>): Promise<void> {
    const { events } = await this.p.commands.execute(new VerifyOneTimeCodeCommand(this.p.electionId, pseudonym,
      { type: 'VerifyOneTimeCode', codeId, code: code.trim(), newSession, now }, this.byVoter(pseudonym, read)));
    const rejected = events.find((e) => e.type === 'OneTimeCodeRejected');
    if (rejected) throw new OneTimeCodeRejectedError(rejected.data.reason, rejected.data.attempts);
  }

  /** `issued`: the voter's stream as the command that issued the code left it. */
  private async sendCode(pseudonym: string, issued: StreamRead<VoterAccessState>, codeId: string, code: string, purpose: 'login' | 'cast', now: string): Promise<void> {
    const outcome = await outcomeOf(() => this.p.sms.send(oneTimeCodeSms({ to: issued.state.voter!.mobilePhone, code, purpose, minutes: AuthenticationPolicy.codeTtlMinutes })));
    await this.p.commands.execute(new RecordCodeDeliveryCommand(this.p.electionId, pseudonym,
      { type: 'RecordCodeDelivery', codeId, outcome, now }, { actor: 'system:sms', read: issued }));
  }
}
