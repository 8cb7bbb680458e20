/**
 * A voter's Benaloh disclosure is audited on the proof workers (CryptoWorkers), as a cast's
 * proofs are, not on the thread that answers every other voter. The audit must still refuse
 * a disclosure whose nonce or selection does not open the ballot's ciphertexts, say what
 * failed, and record nothing for it.
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

describe('the Benaloh audit of a disclosure, on the proof workers', () => {
  let fixture: VotingAppOnFreshLedger;
  beforeAll(async () => {
    fixture = await votingAppOnFreshLedger('spoil_audit', { voters: 1 });
  });
  afterAll(() => fixture?.dispose());

  it('refuses a disclosure that does not open the ballot, names the failure, records nothing; accepts the honest one', async () => {
    const { server, election, app } = fixture;
    const [v] = election.voters;
    const token = await signIn(server, election.outboxDir, v);
    const ballot = (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
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

      const recorded = async () => (await app.get<EventStore>(EVENT_STORE).readStream(voterBallotsStream(election.electionId, v.pseudonym))).map((e) => e.type);
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
