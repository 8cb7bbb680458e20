import { votingDecider } from '../../../src/domain/voting/decider';
import type { CastBallot } from '../../../src/domain/voting/commands';
import { specFor } from '../decider-spec';

const spec = specFor(votingDecider);
const cast: CastBallot = {
  type: 'CastBallot',
  electionId: 'e1',
  pseudonym: 'P1',
  entitledStyleId: '09',
  styleId: '09',
  trackingCode: 'ab'.repeat(32),
  ballot: { any: 'thing' },
  ballotVerified: true,
  votingPhase: 'voting',
  votingClosesAt: '2024-06-03T00:00:00.000Z',
  now: '2024-05-25T00:00:00.000Z',
};

describe('casting a ballot', () => {
  const accepted = spec([]).when(cast).events();
  it('records the ballot under the pseudonym only', () => {
    expect(accepted).toEqual([{ type: 'BallotCast', data: { electionId: 'e1', pseudonym: 'P1', styleId: '09', trackingCode: cast.trackingCode, ballot: cast.ballot, castAt: cast.now } }]);
  });
  it('accepts one ballot per voter, ever', () => spec(accepted).when({ ...cast, trackingCode: 'cd'.repeat(32) }).thenFails('ALREADY_VOTED'));
  it('refuses before voting starts and after it closes', () => {
    spec([]).when({ ...cast, votingPhase: 'opened' }).thenFails('VOTING_NOT_STARTED');
    spec([]).when({ ...cast, votingPhase: 'closed' }).thenFails('VOTING_CLOSED');
    spec([]).when({ ...cast, now: cast.votingClosesAt! }).thenFails('VOTING_CLOSED');
  });
  it('refuses another style and unverified ballots', () => {
    spec([]).when({ ...cast, styleId: '14' }).thenFails('WRONG_BALLOT_STYLE');
    spec([]).when({ ...cast, ballotVerified: false }).thenFails('INVALID_BALLOT');
  });
  it('a spoiled (challenged) ballot does not count as the vote', () => {
    const spoiled = spec([]).when({ type: 'SpoilBallot', electionId: 'e1', styleId: '09', trackingCode: 'ef'.repeat(32), ballot: {}, disclosure: {}, disclosureVerified: true, now: cast.now }).events();
    expect(spec(spoiled).when(cast).events()[0].type).toBe('BallotCast');
    spec([]).when({ type: 'SpoilBallot', electionId: 'e1', styleId: '09', trackingCode: 'x', ballot: {}, disclosure: {}, disclosureVerified: false, now: cast.now }).thenFails('INVALID_DISCLOSURE');
  });
});
