/**
 * The voter API keeps the voting period once the election is opened (it never changes after
 * ElectionOpened), so a sign-in no longer reads the lifecycle for it. Kept too early, it would
 * either let a sign-in through before the opening or refuse every sign-in after it: the same
 * service is asked before and after the opening.
 */
import request from 'supertest';
import { loginBody, signIn } from './support/voter-client';
import { votingAppOnFreshLedger, type VotingAppOnFreshLedger } from './support/voting-app-on-fresh-ledger';

jest.setTimeout(120_000);

describe('the voting period, kept once the election is opened', () => {
  let fixture: VotingAppOnFreshLedger;
  beforeAll(async () => {
    fixture = await votingAppOnFreshLedger('voting_period', { voters: 2, open: false });
  });
  afterAll(() => fixture?.dispose());

  it('refuses a sign-in before the opening, then signs the same voter in once the election is opened', async () => {
    const { server, election } = fixture;
    const [v] = election.voters;
    for (let k = 0; k < 2; k++) {
      const early = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, v.password));
      expect({ status: early.status, error: early.body.error }).toEqual({ status: 409, error: 'VOTING_NOT_STARTED' });
    }
    await election.openNow!();
    const token = await signIn(server, election.outboxDir, v);
    const ballot = await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ballot.body.votingClosesAt).toBe(election.votingClosesAt);
  });
});
