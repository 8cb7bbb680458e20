import { specFor } from '../decider-spec';
import { voterAccessDecider } from '../../../src/domain/authentication/decider';
import { castAuthorization } from '../../../src/domain/authentication/decide';
import type { VoterAccessCommand } from '../../../src/domain/authentication/commands';
import type { VoterStreamEvent } from '../../../src/domain/authentication/events';
import { addMinutes } from '../../../src/domain/authentication/policy';
import { canonicalUsername, newPassword, newUsername, oneTimeCodeHash, sessionTokenHash } from '../../../src/domain/authentication/secrets';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';

const given = specFor(voterAccessDecider);
const T0 = '2024-05-21T10:00:00.000Z';
const at = (min: number) => addMinutes(T0, min);
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const PSEUDONYM = 'a'.repeat(26);
const voter = { electorKey: 'SIMAAA800101140M001', name: 'Votante', entityOfOrigin: '14', countryOfResidence: 'USA', email: 'v@simulacro.example.invalid', mobilePhone: '+15550000001', sex: 'M' as const, birthYear: 1980 };

const registered: VoterStreamEvent[] = [
  { type: 'VoterRegistered', data: { electionId: 'e1', pseudonym: PSEUDONYM, voter, rollVersion: 1, registeredAt: T0 } },
  { type: 'CredentialIssued', data: { username: 'v-aaaa-bbbb-cccc', passwordHash: 'H1', credentialNumber: 1, at: T0 } },
];

/** Runs commands one after another from `history`, returning every event. */
function run(history: VoterStreamEvent[], ...commands: VoterAccessCommand[]): VoterStreamEvent[] {
  const all = [...history];
  for (const c of commands) {
    const state = all.reduce(voterAccessDecider.evolve, voterAccessDecider.initialState());
    all.push(...voterAccessDecider.decide(c, state));
  }
  return all;
}
const stateOf = (events: VoterStreamEvent[]) => events.reduce(voterAccessDecider.evolve, voterAccessDecider.initialState());

const password = (ok: boolean, now = T0, codeId = 'code1', code = '123456'): VoterAccessCommand => ({
  type: 'SubmitPassword', passwordMatches: ok, newCode: { codeId, code }, votingPeriod: PERIOD, now,
});
const verify = (codeId: string, code: string, now: string, token = `${PSEUDONYM}.tok1`): VoterAccessCommand => ({
  type: 'VerifyOneTimeCode', codeId, code, newSession: { sessionId: 's1', token }, now,
});

describe('login with password', () => {
  it('right password: LoginSucceeded and a login code, stored only as a hash, expiring in 5 minutes', () => {
    given(registered).when(password(true)).then([
      { type: 'LoginSucceeded', data: { credentialNumber: 1, at: T0 } },
      { type: 'OneTimeCodeIssued', data: { codeId: 'code1', purpose: 'login', codeHash: oneTimeCodeHash('code1', 'login', '123456'), expiresAt: at(5), at: T0 } },
    ]);
    expect(JSON.stringify(given(registered).when(password(true)).events())).not.toContain('123456');
  });

  it('wrong password: LoginFailed counting consecutive failures; the 5th locks for 15 minutes, inside that one LoginFailed (v2)', () => {
    given(registered).when(password(false)).then([{ type: 'LoginFailed', data: { reason: 'wrong_password', consecutiveFailures: 1, at: T0 } }]);
    const four = run(registered, password(false), password(false), password(false), password(false));
    // No AccountLocked of its own: a lock must leave no distinguishing leaf in the public log.
    given(four).when(password(false)).then([
      { type: 'LoginFailed', data: { reason: 'wrong_password', consecutiveFailures: 5, lockedUntil: at(15), at: T0 } },
    ]);
  });

  it('a stream recorded before LoginFailed v2 (lock as AccountLocked v1) still folds to a lock', () => {
    const v1 = [...run(registered, password(false), password(false), password(false), password(false), password(false))];
    const old: VoterStreamEvent[] = [
      ...v1.slice(0, -1),
      { type: 'LoginFailed', data: { reason: 'wrong_password', consecutiveFailures: 5, at: T0 } },
      { type: 'AccountLocked', data: { until: at(15), failures: 5, at: T0 } },
    ];
    expect(stateOf(old).lockedUntil).toBe(at(15));
    expect(stateOf(v1).lockedUntil).toBe(at(15));
    given(old).when(password(true, at(14))).then([{ type: 'LoginFailed', data: { reason: 'locked', consecutiveFailures: 5, at: at(14) } }]);
  });

  it('while locked even the right password fails; after 15 minutes it works again and the count restarts', () => {
    const locked = run(registered, ...Array.from({ length: 5 }, () => password(false)));
    given(locked).when(password(true, at(14))).then([{ type: 'LoginFailed', data: { reason: 'locked', consecutiveFailures: 5, at: at(14) } }]);
    expect(given(locked).when(password(true, at(15))).events().map((e) => e.type)).toEqual(['LoginSucceeded', 'OneTimeCodeIssued']);
    given(locked).when(password(false, at(16))).then([{ type: 'LoginFailed', data: { reason: 'wrong_password', consecutiveFailures: 1, at: at(16) } }]);
  });

  it('no public credential assigned (the authority\'s list not imported): no_credential, whatever the proof says', () => {
    given(registered).when({ ...password(true), credentialAssigned: false } as VoterAccessCommand).then([
      { type: 'LoginFailed', data: { reason: 'no_credential', consecutiveFailures: 0, at: T0 } },
    ]);
  });

  it('a username issued since issue 13 (CredentialIssued v2) carries no password hash, and the login works on the proof alone', () => {
    const v2: VoterStreamEvent[] = [registered[0], { type: 'CredentialIssued', data: { username: 'v-aaaa-bbbb-cccc', credentialNumber: 1, at: T0 } }];
    expect(stateOf(v2).credential).toEqual({ username: 'v-aaaa-bbbb-cccc', passwordHash: undefined, number: 1, issuedAt: T0 });
    expect(given(v2).when(password(true)).events().map((e) => e.type)).toEqual(['LoginSucceeded', 'OneTimeCodeIssued']);
    given(registered.slice(0, 1)).when({ type: 'IssueCredential', username: 'v-aaaa-bbbb-cccc', now: T0 }).then(v2.slice(1));
  });

  it('a success resets the failure count', () => {
    const history = run(registered, password(false), password(false), password(true));
    given(history).when(password(false)).then([{ type: 'LoginFailed', data: { reason: 'wrong_password', consecutiveFailures: 1, at: T0 } }]);
  });

  it('outside the voting period login is refused; a voter taken off the roll cannot log in', () => {
    given(registered).when(password(true, '2024-05-20T00:00:00.000Z')).thenFails('OUTSIDE_VOTING_PERIOD');
    given(registered).when(password(true, PERIOD.closesAt)).thenFails('OUTSIDE_VOTING_PERIOD');
    const removed = run(registered, { type: 'RemoveVoterFromRoll', reason: 'baja', rollVersion: 2, now: T0 });
    given(removed).when(password(true)).then([{ type: 'LoginFailed', data: { reason: 'not_on_roll', consecutiveFailures: 0, at: T0 } }]);
  });
});

describe('one-time codes', () => {
  const loggedIn = run(registered, password(true));

  it('the right code within 5 minutes starts a session (token stored as a hash)', () => {
    given(loggedIn).when(verify('code1', '123456', at(4))).then([
      { type: 'OneTimeCodeVerified', data: { codeId: 'code1', purpose: 'login', at: at(4) } },
      { type: 'SessionStarted', data: { sessionId: 's1', tokenHash: sessionTokenHash(`${PSEUDONYM}.tok1`), expiresAt: at(34), at: at(4) } },
    ]);
  });

  it('an expired code is rejected', () => {
    given(loggedIn).when(verify('code1', '123456', at(5))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'code1', reason: 'expired', attempts: 0, at: at(5) } }]);
  });

  it('a used code cannot be used again', () => {
    const used = run(loggedIn, verify('code1', '123456', at(1)));
    given(used).when(verify('code1', '123456', at(2))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'code1', reason: 'already_used', attempts: 0, at: at(2) } }]);
  });

  it('three wrong entries kill the code, even for the right code afterwards', () => {
    const wrong = run(loggedIn, verify('code1', '000000', at(1)), verify('code1', '111111', at(1)));
    given(wrong).when(verify('code1', '222222', at(1))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'code1', reason: 'wrong_code', attempts: 3, at: at(1) } }]);
    const dead = run(wrong, verify('code1', '222222', at(1)));
    given(dead).when(verify('code1', '123456', at(2))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'code1', reason: 'too_many_attempts', attempts: 3, at: at(2) } }]);
  });

  it('a login code serves only its own purpose, and a newer code supersedes an older one', () => {
    const again = run(loggedIn, password(true, at(1), 'code2', '654321'));
    given(again).when(verify('code1', '123456', at(2))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'code1', reason: 'superseded', attempts: 0, at: at(2) } }]);
    given(again).when(verify('nope', '123456', at(2))).then([{ type: 'OneTimeCodeRejected', data: { codeId: 'nope', reason: 'unknown_code', attempts: 0, at: at(2) } }]);
  });

  it('casting needs a second code (purpose cast) confirmed within the live session', () => {
    const token = `${PSEUDONYM}.tok1`;
    const session = run(loggedIn, verify('code1', '123456', at(1)));
    expect(castAuthorization(stateOf(session), token, at(2))).toBeUndefined();
    const castCode = run(session, { type: 'RequestCastCode', sessionToken: token, newCode: { codeId: 'cast1', code: '999999' }, now: at(2), castingOpen: true, alreadyVoted: false });
    expect(castCode[castCode.length - 1]).toEqual({
      type: 'OneTimeCodeIssued',
      data: { codeId: 'cast1', purpose: 'cast', codeHash: oneTimeCodeHash('cast1', 'cast', '999999'), expiresAt: at(7), sessionId: 's1', at: at(2) },
    });
    // The login code's digits under the cast purpose do not match: purposes are bound in the hash.
    expect(oneTimeCodeHash('cast1', 'cast', '999999')).not.toBe(oneTimeCodeHash('cast1', 'login', '999999'));
    const confirmed = run(castCode, verify('cast1', '999999', at(3)));
    expect(confirmed[confirmed.length - 1]).toEqual({ type: 'OneTimeCodeVerified', data: { codeId: 'cast1', purpose: 'cast', sessionId: 's1', at: at(3) } });
    expect(castAuthorization(stateOf(confirmed), token, at(4))).toEqual({ sessionId: 's1', codeId: 'cast1' });
    expect(castAuthorization(stateOf(confirmed), token, at(8))).toBeUndefined(); // authorization lasts 5 minutes
    expect(castAuthorization(stateOf(confirmed), `${PSEUDONYM}.other`, at(4))).toBeUndefined();
    given(session).when({ type: 'RequestCastCode', sessionToken: `${PSEUDONYM}.forged`, newCode: { codeId: 'x', code: '1' }, now: at(2), castingOpen: true, alreadyVoted: false }).thenFails('SESSION_INVALID');
    given(session).when({ type: 'RequestCastCode', sessionToken: token, newCode: { codeId: 'x', code: '1' }, now: at(31), castingOpen: true, alreadyVoted: false }).thenFails('SESSION_INVALID');
    const loggedOut = run(session, { type: 'EndSession', sessionToken: token, now: at(2) });
    given(loggedOut).when({ type: 'RequestCastCode', sessionToken: token, newCode: { codeId: 'x', code: '1' }, now: at(3), castingOpen: true, alreadyVoted: false }).thenFails('SESSION_INVALID');
  });

  it('sends no cast code once the voter has voted or casting is over, even within a live session', () => {
    const token = `${PSEUDONYM}.tok1`;
    const session = run(loggedIn, verify('code1', '123456', at(1)));
    const ask = (castingOpen: boolean, alreadyVoted: boolean) =>
      ({ type: 'RequestCastCode' as const, sessionToken: token, newCode: { codeId: 'x', code: '1' }, now: at(2), castingOpen, alreadyVoted });
    given(session).when(ask(true, true)).thenFails('ALREADY_VOTED');
    given(session).when(ask(false, false)).thenFails('VOTING_CLOSED');
    given(session).when(ask(false, true)).thenFails('ALREADY_VOTED');
    expect(run(session, ask(true, false)).at(-1)?.type).toBe('OneTimeCodeIssued');
  });
});

describe('credentials and their delivery', () => {
  it('issues once; a resend replaces the password hash with a new credential number', () => {
    given(registered).when({ type: 'IssueCredential', username: 'v-x', now: T0 }).thenFails('CREDENTIAL_ALREADY_ISSUED');
    given(registered).when({ type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'official', reason: 'no llegó', now: at(1) }).then([
      { type: 'CredentialResent', data: { username: 'v-aaaa-bbbb-cccc', passwordHash: 'H2', credentialNumber: 2, requestedBy: 'official', reason: 'no llegó', at: at(1) } },
    ]);
    const resent = run(registered, { type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'official', reason: 'x', now: at(1) });
    expect(stateOf(resent).credential).toMatchObject({ passwordHash: 'H2', number: 2 });
  });

  it('a voter may ask for a new password only every 15 minutes; officials any time', () => {
    given(registered).when({ type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'voter', reason: 'x', now: at(14) }).thenFails('RESEND_TOO_SOON');
    expect(given(registered).when({ type: 'ResendCredential', passwordHash: 'H2', requestedBy: 'voter', reason: 'x', now: at(15) }).events()).toHaveLength(1);
  });

  it('records every delivery outcome, visible to officials in the state', () => {
    given(registered).when({ type: 'RecordCredentialDelivery', credentialNumber: 1, outcome: { delivered: false, reason: 'mailbox full' }, now: T0 }).then([
      { type: 'CredentialDeliveryFailed', data: { credentialNumber: 1, reason: 'mailbox full', at: T0 } },
    ]);
    const h = run(registered, { type: 'RecordCredentialDelivery', credentialNumber: 1, outcome: { delivered: true, messageId: 'm1' }, now: T0 });
    expect(stateOf(h).deliveries.get(1)).toEqual({ status: 'sent', at: T0, detail: 'm1' });
    given(registered).when({ type: 'RecordCredentialDelivery', credentialNumber: 7, outcome: { delivered: true, messageId: 'm' }, now: T0 }).thenFails('UNKNOWN_CREDENTIAL');
  });

  it('usernames and passwords: random, readable, canonical however typed', () => {
    const r = seededRandomSource('creds');
    const u = newUsername(r);
    expect(u).toMatch(/^v-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
    expect(canonicalUsername(u.toUpperCase().replace(/-/g, ' '))).toBe(u);
    expect(newPassword(r)).toMatch(/^([0-9a-hjkmnp-tv-z]{4}-){3}[0-9a-hjkmnp-tv-z]{4}$/);
    expect(newUsername(r)).not.toBe(u);
  });
});
