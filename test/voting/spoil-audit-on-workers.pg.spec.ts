/**
 * A voter's Benaloh disclosure is audited on the proof workers (CryptoWorkers), as a cast's
 * proofs are, not on the thread that answers every other voter. The audit must still refuse
 * a disclosure whose nonce or selection does not open the ballot's ciphertexts, say what
 * failed, and record nothing for it; and a voter flooding the audits gets their share of the
 * ballot-check budget, the rest refused, not a queue on the service.
 */
import request from 'supertest';
import { spoilBallot } from '../../src/domain/crypto/ballot';
import { voterBallotsStream } from '../../src/domain/voting/decider';
import type { EventStore } from '../../src/ledger/event-store';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { CryptoWorkers } from '../../src/parallel/crypto-workers';
import { encryptFor, signIn } from './support/voter-client';
import { votingAppOnFreshLedger, type VotingAppOnFreshLedger } from './support/voting-app-on-fresh-ledger';

jest.setTimeout(120_000);

/** The fixture's only voter, signed in, with the ballot the service serves them; and the types
 * of what their sealed ballot stream has recorded. */
async function signedInVoter({ server, election, app }: VotingAppOnFreshLedger) {
  const [v] = election.voters;
  const token = await signIn(server, election.outboxDir, v);
  const ballot = (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
  const recorded = async () => (await app.get<EventStore>(EVENT_STORE).readStream(voterBallotsStream(election.electionId, v.pseudonym))).map((e) => e.type);
  return { token, ballot, recorded };
}

describe('the Benaloh audit of a disclosure, on the proof workers', () => {
  let fixture: VotingAppOnFreshLedger;
  beforeAll(async () => {
    fixture = await votingAppOnFreshLedger('spoil_audit', { voters: 1 });
  });
  afterAll(() => fixture?.dispose());

  it('refuses a disclosure that does not open the ballot, names the failure, records nothing; accepts the honest one', async () => {
    const { server } = fixture;
    const { token, ballot, recorded } = await signedInVoter(fixture);
    const audits = jest.spyOn(CryptoWorkers.prototype, 'auditSpoiledBallots');
    const post = (spoiled: unknown, bindingNonce: string) =>
      request(server).post('/api/voter/spoil').set('Authorization', `Bearer ${token}`).send({ spoiled, bindingNonce });
    try {
      const b = encryptFor(ballot);
      const honest = spoilBallot(b.ballot, b.secrets);

      // The first option's nonce changed (still a canonical scalar: its lowest byte).
      const nonces = honest.nonces.map((row, ci) => row.map((n, oi) => (ci === 0 && oi === 0 ? (n.startsWith('01') ? '02' : '01') + n.slice(2) : n)));
      const badNonce = await post({ ...honest, nonces }, b.secrets.bindingNonce);
      expect({ status: badNonce.status, error: badNonce.body.error }).toEqual({ status: 422, error: 'INVALID_DISCLOSURE' });
      expect(badNonce.body.details.failures).toContainEqual(expect.objectContaining({ check: 'ciphertext', option: 0 }));

      // The selection of the first contest moved to another option.
      const first = ballot.contests[0];
      const other = first.options.map((o: { id: string }) => o.id).find((id: string) => id !== honest.selections[first.id]);
      const badSelection = await post({ ...honest, selections: { ...honest.selections, [first.id]: other } }, b.secrets.bindingNonce);
      expect({ status: badSelection.status, error: badSelection.body.error }).toEqual({ status: 422, error: 'INVALID_DISCLOSURE' });
      expect(badSelection.body.details.failures).toContainEqual(expect.objectContaining({ check: 'ciphertext', contest: first.id }));

      expect(await recorded()).not.toContain('BallotSpoiledByVoter');

      const ok = await post(honest, b.secrets.bindingNonce);
      expect(ok.status).toBe(201);
      expect(ok.body.trackingCode).toBe(b.ballot.trackingCode);
      expect((await recorded()).filter((t) => t === 'BallotSpoiledByVoter')).toHaveLength(1);
      expect(audits).toHaveBeenCalledTimes(3);
    } finally {
      audits.mockRestore();
    }
  });
});

describe('a flood of Benaloh audits from one voter', () => {
  let fixture: VotingAppOnFreshLedger;
  beforeAll(async () => {
    // One check of one voter at a time, none waiting: the rest of a burst is refused at once.
    fixture = await votingAppOnFreshLedger('spoil_flood', { voters: 1 }, {
      work: { ballotChecks: { concurrency: 1, queue: 8, perKey: 1, unknown: 0, maxWaitMs: 10_000, name: 'ballot_check' } },
    });
  });
  afterAll(() => fixture?.dispose());

  it('is refused beyond the voter\'s share of the ballot-check budget (429 with Retry-After), and what was refused is not recorded', async () => {
    const { server } = fixture;
    const { token, ballot, recorded } = await signedInVoter(fixture);
    const burst = Array.from({ length: 4 }, (_, k) => encryptFor(ballot, k));
    // Each audit held 300 ms on the workers, so the burst's requests surely overlap.
    const audit = CryptoWorkers.prototype.auditSpoiledBallots;
    const slow = jest.spyOn(CryptoWorkers.prototype, 'auditSpoiledBallots').mockImplementation(async function (this: CryptoWorkers, items) {
      await new Promise((r) => setTimeout(r, 300));
      return audit.call(this, items);
    });
    let answers: request.Response[];
    try {
      answers = await Promise.all(burst.map((b) =>
        request(server).post('/api/voter/spoil').set('Authorization', `Bearer ${token}`).send({ spoiled: spoilBallot(b.ballot, b.secrets), bindingNonce: b.secrets.bindingNonce })));
    } finally {
      slow.mockRestore();
    }
    const accepted = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length + refused.length).toBe(burst.length);
    for (const r of refused) {
      expect(r.body.error).toBe('RATE_LIMITED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect((await recorded()).filter((t) => t === 'BallotSpoiledByVoter')).toHaveLength(accepted.length);
  });
});
