/**
 * Voter authentication's commands through the real CommandBus on PostgreSQL, each on the
 * voter's sealed stream `voter-<id>-<pseudonym>`: SubmitPasswordCommand,
 * VerifyOneTimeCodeCommand, RequestCastCodeCommand, EndSessionCommand,
 * ResendCredentialCommand, RecordCredentialDeliveryCommand, RecordCodeDeliveryCommand; and on the
 * login streams that are not a voter's: RecordUnknownUsernameCommand (`login-attempt-…`),
 * IssueLoginChallengeCommand (`login-challenge-…`).
 * Payloads as in test/domain/authentication/voter-access-decider.spec.ts.
 */
import {
  EndSessionCommand, IssueLoginChallengeCommand, RecordCodeDeliveryCommand, RecordCredentialDeliveryCommand, RecordUnknownUsernameCommand,
  RequestCastCodeCommand, ResendCredentialCommand, SubmitPasswordCommand, VerifyOneTimeCodeCommand,
} from '../../src/authentication/authentication.commands';
import { loginAttemptStream, loginChallengeStream } from '../../src/domain/authentication/login-attempt';
import { publicEntryOf } from '../../src/ledger/merkle/leaf-encoding';
import type { SubmitPassword, VerifyOneTimeCode, VoterAccessCommand } from '../../src/domain/authentication/commands';
import { voterAccessDecider } from '../../src/domain/authentication/decider';
import type { VoterStreamEvent } from '../../src/domain/authentication/events';
import { addMinutes } from '../../src/domain/authentication/policy';
import { oneTimeCodeHash, sessionTokenHash } from '../../src/domain/authentication/secrets';
import { voterStream } from '../../src/domain/roll/decider';
import { WrongExpectedRevisionError } from '../../src/ledger/event-store';
import { concurrentWriteAfterNextRead, freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const T0 = '2024-05-21T10:00:00.000Z';
const at = (min: number) => addMinutes(T0, min);
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const PSEUDONYM = 'a'.repeat(26);
const TOKEN = `${PSEUDONYM}.tok1`;
const voter = { electorKey: 'SIMAAA800101140M001', name: 'Votante', entityOfOrigin: '14', countryOfResidence: 'USA', email: 'v@simulacro.example.invalid', mobilePhone: '+15550000001', sex: 'M' as const, birthYear: 1980 };
const byVoter = { actor: `voter:${PSEUDONYM}` };

const registered = (electionId: string): VoterStreamEvent[] => [
  { type: 'VoterRegistered', data: { electionId, pseudonym: PSEUDONYM, voter, rollVersion: 1, registeredAt: T0 } },
  { type: 'CredentialIssued', data: { username: 'v-aaaa-bbbb-cccc', passwordHash: 'H1', credentialNumber: 1, at: T0 } },
];
const password = (ok: boolean, now = T0, codeId = 'code1', code = '123456'): SubmitPassword => ({
  type: 'SubmitPassword', passwordMatches: ok, newCode: { codeId, code }, votingPeriod: PERIOD, now,
});
const verify = (codeId: string, code: string, now: string, token = TOKEN): VerifyOneTimeCode => ({
  type: 'VerifyOneTimeCode', codeId, code, newSession: { sessionId: 's1', token }, now,
});
/** The decider's own events after `past`, as the given past of a scenario. */
function decideAfter(past: VoterStreamEvent[], ...commands: VoterAccessCommand[]): VoterStreamEvent[] {
  const all = commands.reduce((events, c) => [...events, ...voterAccessDecider.decide(c, events.reduce(voterAccessDecider.evolve, voterAccessDecider.initialState()))], past);
  return all.slice(past.length);
}

describe('authentication commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_auth');
  });
  afterAll(async () => {
    await path.close();
  });

  /** A registered voter with a credential, then these commands' events, as the given past. */
  async function voterWith(...commands: VoterAccessCommand[]): Promise<{ id: string; stream: string }> {
    const id = freshElectionId('auth');
    const stream = voterStream(id, PSEUDONYM);
    const past = registered(id);
    await given(path, stream, [...past, ...decideAfter(past, ...commands)]);
    return { id, stream };
  }

  describe('SubmitPasswordCommand', () => {
    it('the right password: LoginSucceeded and a login code stored only as its hash (sealed)', async () => {
      const { id, stream } = await voterWith();
      const { recorded, types } = await when(path, stream, new SubmitPasswordCommand(id, PSEUDONYM, password(true), byVoter));
      expect(types).toEqual(['LoginSucceeded', 'OneTimeCodeIssued']);
      expect(recorded.map((e) => e.visibility)).toEqual(['sealed', 'sealed']);
      expect(recorded[1].data).toEqual({ codeId: 'code1', purpose: 'login', codeHash: oneTimeCodeHash('code1', 'login', '123456'), expiresAt: at(5), at: T0 });
      expect(JSON.stringify(recorded.map((e) => e.data))).not.toContain('123456');
    });

    it('a wrong password is recorded as LoginFailed; the fifth in a row locks the account inside that one sealed LoginFailed (v2)', async () => {
      const { id, stream } = await voterWith(password(false), password(false), password(false), password(false));
      const { recorded, types } = await when(path, stream, new SubmitPasswordCommand(id, PSEUDONYM, password(false), byVoter));
      expect(types).toEqual(['LoginFailed']);
      expect(recorded.map((e) => [e.visibility, e.version])).toEqual([['sealed', 2]]);
      expect(recorded[0].data).toEqual({ reason: 'wrong_password', consecutiveFailures: 5, lockedUntil: at(15), at: T0 });
    });

    it('is refused outside the voting period (OUTSIDE_VOTING_PERIOD), appending nothing', async () => {
      const { id } = await voterWith();
      await refused(path, new SubmitPasswordCommand(id, PSEUDONYM, password(true, '2024-05-20T00:00:00.000Z'), byVoter), 'OUTSIDE_VOTING_PERIOD');
      await refused(path, new SubmitPasswordCommand(id, PSEUDONYM, password(true, PERIOD.closesAt), byVoter), 'OUTSIDE_VOTING_PERIOD');
    });

    it('is decided once: a concurrent write to the voter stream fails it (WrongExpectedRevisionError) instead of deciding again', async () => {
      const { id, stream } = await voterWith();
      const concurrent = decideAfter(registered(id), password(false));
      concurrentWriteAfterNextRead(path, stream, concurrent);
      const head = await path.store.head();
      await expect(path.commands.execute(new SubmitPasswordCommand(id, PSEUDONYM, password(true), byVoter))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      // Only the concurrent sign-in's LoginFailed was recorded; the command appended nothing.
      expect(await path.store.head()).toBe(head + 1);
      expect((await path.store.readStream(stream)).map((e) => [e.type, e.metadata.actor])).toEqual([
        ['VoterRegistered', 'test:given'], ['CredentialIssued', 'test:given'], ['LoginFailed', 'test:concurrent'],
      ]);
    });

    it('sent on facts read at an older revision (expectedRevision) it fails, appending nothing', async () => {
      const { id, stream } = await voterWith(password(false));
      const stale = (await path.store.readStream(stream)).length - 2;
      const head = await path.store.head();
      await expect(path.commands.execute(new SubmitPasswordCommand(id, PSEUDONYM, password(true), { ...byVoter, expectedRevision: stale })))
        .rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await path.store.head()).toBe(head);
    });
  });

  describe('VerifyOneTimeCodeCommand', () => {
    it('the right login code within 5 minutes starts a session, recording only the token hash', async () => {
      const { id, stream } = await voterWith(password(true));
      const { recorded, types } = await when(path, stream, new VerifyOneTimeCodeCommand(id, PSEUDONYM, verify('code1', '123456', at(4)), byVoter));
      expect(types).toEqual(['OneTimeCodeVerified', 'SessionStarted']);
      expect(recorded[0].data).toEqual({ codeId: 'code1', purpose: 'login', at: at(4) });
      expect(recorded[1].data).toEqual({ sessionId: 's1', tokenHash: sessionTokenHash(TOKEN), expiresAt: at(34), at: at(4) });
    });

    it('a wrong code is recorded as OneTimeCodeRejected, counting the attempt', async () => {
      const { id, stream } = await voterWith(password(true));
      const { recorded } = await when(path, stream, new VerifyOneTimeCodeCommand(id, PSEUDONYM, verify('code1', '000000', at(1)), byVoter));
      expect(recorded.map((e) => [e.type, e.data])).toEqual([['OneTimeCodeRejected', { codeId: 'code1', reason: 'wrong_code', attempts: 1, at: at(1) }]]);
    });

    it('is refused for a pseudonym that is not registered (VOTER_NOT_REGISTERED), creating no stream', async () => {
      const id = freshElectionId('auth');
      await refused(path, new VerifyOneTimeCodeCommand(id, PSEUDONYM, verify('code1', '123456', at(1)), byVoter), 'VOTER_NOT_REGISTERED');
      expect(await path.store.readStream(voterStream(id, PSEUDONYM))).toEqual([]);
    });
  });

  describe('RequestCastCodeCommand', () => {
    it('issues a cast code bound to the live session', async () => {
      const { id, stream } = await voterWith(password(true), verify('code1', '123456', at(1)));
      const { recorded, types } = await when(path, stream,
        new RequestCastCodeCommand(id, PSEUDONYM, { type: 'RequestCastCode', sessionToken: TOKEN, newCode: { codeId: 'cast1', code: '999999' }, now: at(2), castingOpen: true, alreadyVoted: false }, byVoter));
      expect(types).toEqual(['OneTimeCodeIssued']);
      expect(recorded[0].data).toEqual({ codeId: 'cast1', purpose: 'cast', codeHash: oneTimeCodeHash('cast1', 'cast', '999999'), expiresAt: at(7), sessionId: 's1', at: at(2) });
    });

    it('is refused with a forged or expired session token (SESSION_INVALID), appending nothing', async () => {
      const { id } = await voterWith(password(true), verify('code1', '123456', at(1)));
      await refused(path, new RequestCastCodeCommand(id, PSEUDONYM, { type: 'RequestCastCode', sessionToken: `${PSEUDONYM}.forged`, newCode: { codeId: 'x', code: '1' }, now: at(2), castingOpen: true, alreadyVoted: false }, byVoter), 'SESSION_INVALID');
      await refused(path, new RequestCastCodeCommand(id, PSEUDONYM, { type: 'RequestCastCode', sessionToken: TOKEN, newCode: { codeId: 'x', code: '1' }, now: at(31), castingOpen: true, alreadyVoted: false }, byVoter), 'SESSION_INVALID');
    });
  });

  describe('EndSessionCommand', () => {
    it('ends the live session; ending it again is refused (SESSION_INVALID), appending nothing', async () => {
      const { id, stream } = await voterWith(password(true), verify('code1', '123456', at(1)));
      const end = new EndSessionCommand(id, PSEUDONYM, { type: 'EndSession', sessionToken: TOKEN, now: at(2) }, byVoter);
      const { recorded, types } = await when(path, stream, end);
      expect(types).toEqual(['SessionEnded']);
      expect(recorded[0].data).toEqual({ sessionId: 's1', reason: 'logout', at: at(2) });
      await refused(path, end, 'SESSION_INVALID');
    });
  });

  describe('ResendCredentialCommand', () => {
    it('an official replaces the password: CredentialResent with credential number 2', async () => {
      const { id, stream } = await voterWith();
      const { recorded, types, outcome } = await when(path, stream,
        new ResendCredentialCommand(id, PSEUDONYM, { type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'official', reason: 'no llegó', now: at(1) }, { actor: 'official:mesa' }));
      expect(types).toEqual(['CredentialResent']);
      expect(recorded[0].metadata.actor).toBe('official:mesa');
      expect(recorded[0].data).toEqual({ username: 'v-aaaa-bbbb-cccc', passwordHash: 'H2', credentialNumber: 2, requestedBy: 'official', reason: 'no llegó', at: at(1) });
      expect(outcome.state.credential).toMatchObject({ passwordHash: 'H2', number: 2 });
    });

    it('a voter may not ask again within 15 minutes (RESEND_TOO_SOON), appending nothing', async () => {
      const { id } = await voterWith();
      await refused(path, new ResendCredentialCommand(id, PSEUDONYM, { type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'voter', reason: 'x', now: at(14) }, byVoter), 'RESEND_TOO_SOON');
    });
  });

  describe('RecordCredentialDeliveryCommand', () => {
    it('records the delivery and the failure of credential e-mails', async () => {
      const { id, stream } = await voterWith();
      const sent = await when(path, stream, new RecordCredentialDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCredentialDelivery', credentialNumber: 1, outcome: { delivered: true, messageId: 'm1' }, now: T0 }, { actor: 'system:mailer' }));
      expect(sent.recorded.map((e) => [e.type, e.data])).toEqual([['CredentialSent', { credentialNumber: 1, messageId: 'm1', at: T0 }]]);
      expect(sent.outcome.state.deliveries.get(1)).toEqual({ status: 'sent', at: T0, detail: 'm1' });
      const failed = await when(path, stream, new RecordCredentialDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCredentialDelivery', credentialNumber: 1, outcome: { delivered: false, reason: 'mailbox full' }, now: at(1) }, { actor: 'system:mailer' }));
      expect(failed.recorded.map((e) => [e.type, e.data])).toEqual([['CredentialDeliveryFailed', { credentialNumber: 1, reason: 'mailbox full', at: at(1) }]]);
    });

    it('is refused for a credential never issued (UNKNOWN_CREDENTIAL), appending nothing', async () => {
      const { id } = await voterWith();
      await refused(path, new RecordCredentialDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCredentialDelivery', credentialNumber: 7, outcome: { delivered: true, messageId: 'm' }, now: T0 }, { actor: 'system:mailer' }), 'UNKNOWN_CREDENTIAL');
    });
  });

  describe('RecordCodeDeliveryCommand', () => {
    it('records the delivery and the failure of one-time code SMS', async () => {
      const { id, stream } = await voterWith(password(true));
      const sent = await when(path, stream, new RecordCodeDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCodeDelivery', codeId: 'code1', outcome: { delivered: true, messageId: 'sms-1' }, now: T0 }, { actor: 'system:sms' }));
      expect(sent.recorded.map((e) => [e.type, e.data])).toEqual([['OneTimeCodeSent', { codeId: 'code1', messageId: 'sms-1', at: T0 }]]);
      expect(sent.outcome.state.codes.get('code1')?.delivery).toEqual({ status: 'sent', at: T0, detail: 'sms-1' });
      const failed = await when(path, stream, new RecordCodeDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCodeDelivery', codeId: 'code1', outcome: { delivered: false, reason: 'unreachable' }, now: at(1) }, { actor: 'system:sms' }));
      expect(failed.types).toEqual(['OneTimeCodeDeliveryFailed']);
    });

    it('is refused for an unknown code (UNKNOWN_CODE), appending nothing', async () => {
      const { id } = await voterWith();
      await refused(path, new RecordCodeDeliveryCommand(id, PSEUDONYM,
        { type: 'RecordCodeDelivery', codeId: 'nope', outcome: { delivered: true, messageId: 'x' }, now: T0 }, { actor: 'system:sms' }), 'UNKNOWN_CODE');
    });
  });

  describe('RecordUnknownUsernameCommand', () => {
    const ATTEMPT = 'c'.repeat(26);
    const unknown = (now = T0) => ({ type: 'RecordUnknownUsername' as const, votingPeriod: PERIOD, now });

    it('records one sealed LoginFailed v2 in a stream of its own, a leaf like a known username\'s wrong password', async () => {
      const { id, stream } = await voterWith();
      const wrong = await when(path, stream, new SubmitPasswordCommand(id, PSEUDONYM, password(false), byVoter));
      const probe = await when(path, loginAttemptStream(id, ATTEMPT), new RecordUnknownUsernameCommand(id, ATTEMPT, unknown(), { actor: 'voter:unknown' }));
      expect(probe.types).toEqual(['LoginFailed']);
      expect(probe.recorded[0].data).toEqual({ reason: 'unknown_username', consecutiveFailures: 1, at: T0 });
      const shape = (e: (typeof probe.recorded)[number]) => {
        const { position: _p, recordedAt: _r, data: _d, ...rest } = publicEntryOf(e);
        return rest;
      };
      expect(probe.recorded.map(shape)).toEqual(wrong.recorded.map(shape));
      expect(shape(probe.recorded[0])).toEqual({ format: 'urna-leaf/1', type: 'LoginFailed', version: 2, visibility: 'sealed' });
    });

    it('is refused a second time in the same stream (ATTEMPT_ALREADY_RECORDED) and outside the voting period, appending nothing', async () => {
      const id = freshElectionId('auth');
      await when(path, loginAttemptStream(id, ATTEMPT), new RecordUnknownUsernameCommand(id, ATTEMPT, unknown(), { actor: 'voter:unknown' }));
      await refused(path, new RecordUnknownUsernameCommand(id, ATTEMPT, unknown(), { actor: 'voter:unknown' }), 'ATTEMPT_ALREADY_RECORDED');
      await refused(path, new RecordUnknownUsernameCommand(id, 'd'.repeat(26), unknown(PERIOD.closesAt), { actor: 'voter:unknown' }), 'OUTSIDE_VOTING_PERIOD');
    });
  });

  describe('IssueLoginChallengeCommand', () => {
    const CODE = 'e'.repeat(26);
    const issue = (id: string, codeId = CODE) => ({ type: 'IssueLoginChallenge' as const, electionId: id, pseudonym: PSEUDONYM, codeId, expiresAt: at(5), now: T0 });

    it('maps the opaque challenge id (the login code id) to the voter in a sealed stream named by the id', async () => {
      const id = freshElectionId('auth');
      const { recorded, types } = await when(path, loginChallengeStream(id, CODE), new IssueLoginChallengeCommand(id, issue(id), byVoter));
      expect(types).toEqual(['LoginChallengeIssued']);
      expect(recorded[0].visibility).toBe('sealed');
      expect(recorded[0].data).toEqual({ electionId: id, pseudonym: PSEUDONYM, codeId: CODE, expiresAt: at(5), at: T0 });
    });

    it('is refused for an id already issued (CHALLENGE_ALREADY_ISSUED) or not opaque (INVALID_CHALLENGE_ID), appending nothing', async () => {
      const id = freshElectionId('auth');
      await when(path, loginChallengeStream(id, CODE), new IssueLoginChallengeCommand(id, issue(id), byVoter));
      await refused(path, new IssueLoginChallengeCommand(id, issue(id), byVoter), 'CHALLENGE_ALREADY_ISSUED');
      await refused(path, new IssueLoginChallengeCommand(id, issue(id, `${PSEUDONYM}.code1`), byVoter), 'INVALID_CHALLENGE_ID');
    });
  });

  it('a whole sign-in and cast confirmation, every step sent through the bus', async () => {
    const { id, stream } = await voterWith();
    await when(path, stream, new SubmitPasswordCommand(id, PSEUDONYM, password(true, at(0)), byVoter));
    await when(path, stream, new RecordCodeDeliveryCommand(id, PSEUDONYM, { type: 'RecordCodeDelivery', codeId: 'code1', outcome: { delivered: true, messageId: 'sms-1' }, now: at(0) }, { actor: 'system:sms' }));
    await when(path, stream, new VerifyOneTimeCodeCommand(id, PSEUDONYM, verify('code1', '123456', at(1)), byVoter));
    await when(path, stream, new RequestCastCodeCommand(id, PSEUDONYM, { type: 'RequestCastCode', sessionToken: TOKEN, newCode: { codeId: 'cast1', code: '999999' }, now: at(2), castingOpen: true, alreadyVoted: false }, byVoter));
    const { recorded } = await when(path, stream, new VerifyOneTimeCodeCommand(id, PSEUDONYM, verify('cast1', '999999', at(3)), byVoter));
    expect(recorded.map((e) => [e.type, e.data])).toEqual([['OneTimeCodeVerified', { codeId: 'cast1', purpose: 'cast', sessionId: 's1', at: at(3) }]]);
    const all = await path.store.readStream(stream);
    expect(all.map((e) => e.type)).toEqual([
      'VoterRegistered', 'CredentialIssued', 'LoginSucceeded', 'OneTimeCodeIssued', 'OneTimeCodeSent', 'OneTimeCodeVerified', 'SessionStarted', 'OneTimeCodeIssued', 'OneTimeCodeVerified',
    ]);
    expect(all.every((e) => e.visibility === 'sealed')).toBe(true);
  });
});
