/**
 * The login streams that are not a voter's (src/domain/authentication/login-attempt.ts): an
 * unknown username's one sealed LoginFailed, and the opaque login challenge's mapping.
 */
import { specFor } from '../decider-spec';
import { eventCatalog } from '../../../src/domain/event-catalog';
import { loginAttemptDecider, loginAttemptStream, loginChallengeDecider, loginChallengeStream, OPAQUE_ID } from '../../../src/domain/authentication/login-attempt';
import { newOpaqueId } from '../../../src/domain/authentication/secrets';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';

const T0 = '2024-05-21T10:00:00.000Z';
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const PSEUDONYM = 'a'.repeat(26);
const CODE_ID = 'b'.repeat(26);

describe('an unknown username (login-attempt stream)', () => {
  const given = specFor(loginAttemptDecider);

  it('is refused with one sealed LoginFailed of the type and version a wrong password writes, recording nothing typed', () => {
    given([]).when({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: T0 }).then([
      { type: 'LoginFailed', data: { reason: 'unknown_username', consecutiveFailures: 1, at: T0 } },
    ]);
    const entry = eventCatalog.get('LoginFailed')!;
    expect(entry.visibility).toBe('sealed');
    expect(entry.versions[entry.versions.length - 1]).toBe(2);
  });

  it('is one event per stream, and only during the voting period', () => {
    const once = loginAttemptDecider.decide({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: T0 }, loginAttemptDecider.initialState());
    given(once).when({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: T0 }).thenFails('ATTEMPT_ALREADY_RECORDED');
    given([]).when({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: '2024-05-20T00:00:00.000Z' }).thenFails('OUTSIDE_VOTING_PERIOD');
    given([]).when({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: PERIOD.closesAt }).thenFails('OUTSIDE_VOTING_PERIOD');
    given([]).when({ type: 'RecordUnknownUsername', votingPeriod: PERIOD, now: 'yesterday' }).thenFails('INVALID_TIME');
  });
});

describe('the opaque login challenge (login-challenge stream)', () => {
  const given = specFor(loginChallengeDecider);
  const issue = { type: 'IssueLoginChallenge' as const, electionId: 'e1', pseudonym: PSEUDONYM, codeId: CODE_ID, expiresAt: '2024-05-21T10:05:00.000Z', now: T0 };

  it('maps the code id to the voter, once', () => {
    given([]).when(issue).then([{ type: 'LoginChallengeIssued', data: { electionId: 'e1', pseudonym: PSEUDONYM, codeId: CODE_ID, expiresAt: '2024-05-21T10:05:00.000Z', at: T0 } }]);
    const issued = loginChallengeDecider.decide(issue, loginChallengeDecider.initialState());
    expect(issued.reduce(loginChallengeDecider.evolve, loginChallengeDecider.initialState()).challenge).toEqual({ pseudonym: PSEUDONYM, codeId: CODE_ID, expiresAt: issue.expiresAt });
    given(issued).when(issue).thenFails('CHALLENGE_ALREADY_ISSUED');
  });

  it('refuses an id that is not an opaque random id (a pseudonym-bearing handle, a path)', () => {
    given([]).when({ ...issue, codeId: `${PSEUDONYM}.${CODE_ID}` }).thenFails('INVALID_CHALLENGE_ID');
    given([]).when({ ...issue, codeId: '../x' }).thenFails('INVALID_CHALLENGE_ID');
  });

  it('names its streams by random ids only', () => {
    const id = newOpaqueId(seededRandomSource('ids'));
    expect(id).toMatch(OPAQUE_ID);
    expect(loginChallengeStream('e1', id)).toBe(`login-challenge-e1-${id}`);
    expect(loginAttemptStream('e1', id)).toBe(`login-attempt-e1-${id}`);
  });
});
