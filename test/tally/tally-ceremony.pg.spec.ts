/**
 * The tally ceremony on a real ledger (PostgreSQL) with real SoftHSM trustee tokens:
 * 12 voters on a small manual (6 contests), 5 trustees, threshold 3. The trustees decrypt at
 * their stations (here in this process, test/support/stations-in-process.ts).
 */
import { TALLY_SCOPE, partialDecryptionMessage } from '../../src/domain/ceremony/trustee-signature';
import { tokenTrusteeKey } from '../support/trustee-keys';
import { commandsFor } from '../support/command-path';
import { decryptionScope } from '../../src/domain/crypto/tally/decryption-scope';
import { partialDecrypt } from '../../src/domain/crypto/tally/partial-decryption';
import { decodeTotal } from '../../src/domain/tally/decide';
import { tallyDecider, tallyOptionId, tallyStream } from '../../src/domain/tally/decider';
import { loadState } from '../../src/command-path/stream-state';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { BallotBoxMismatchError, NotEnoughTrusteesForTallyError } from '../../src/tally/tally-errors';
import { TallyService, type TallyProgress } from '../../src/tally/tally-service';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection, type ClosedElection, type TrusteeToken } from '../support/closed-election';
import { tallyStationsInProcess } from '../support/stations-in-process';
import { useTrusteeWorkbench } from '../support/trustee-workbench';
import { join } from 'node:path';

jest.setTimeout(180_000);

describe('tally ceremony', () => {
  const bench = useTrusteeWorkbench('tally-stations', 5);
  const { dir } = bench;
  const freshStore = () => bench.freshStore();
  let tokens: TrusteeToken[];
  beforeAll(() => {
    tokens = bench.tokens;
  });
  let folders = 0;
  /** Stations of these trustees (each time in fresh folders) for `store`'s election. */
  const stations = async (store: PostgresEventStore, electionId: string, present: TrusteeToken[]) =>
    tallyStationsInProcess(store, await commandsFor(store), electionId, present, { dir: join(dir, String(++folders)) });

  describe('on a closed election of 12 voters', () => {
    let store: PostgresEventStore;
    let election: ClosedElection;
    let service: TallyService;
    const progress: TallyProgress[] = [];

    beforeAll(async () => {
      store = await freshStore();
      election = await buildClosedElection(store, { voters: 12, tokens, threshold: 3, manualText: smallManualText() });
      service = new TallyService(store, await commandsFor(store), { onProgress: (p) => progress.push(p) });
    });

    it('refuses to publish with 2 of the 5 trustees (threshold 3)', async () => {
      await expect(service.tally(election.electionId, await stations(store, election.electionId, tokens.slice(0, 2)))).rejects.toThrow(NotEnoughTrusteesForTallyError);
      const events = await store.readStream(tallyStream(election.electionId));
      expect(events.some((e) => e.type === 'ResultsPublished')).toBe(false);
      expect(events.filter((e) => e.type === 'PartialDecryptionPosted').length).toBeGreaterThan(0);
      expect(progress.some((p) => p.step === 'verifying' && p.done === 12)).toBe(true);
    });

    it('names the trustee whose PIN is wrong, and the one who presents another token', async () => {
      const [wrongPin] = await (await stations(store, election.electionId, [{ ...tokens[2], pin: 'not-the-pin' }])).decrypt(() => undefined);
      expect(wrongPin).toMatchObject({ trusteeIndex: 3, code: 'HSM_PIN_INCORRECT' });
      // Trustee 5's token at trustee 4's station: its key is not trustee 4's, nothing is opened.
      const [wrongToken] = await (await stations(store, election.electionId, [{ ...tokens[3], tokenLabel: tokens[4].tokenLabel, pin: tokens[4].pin }])).decrypt(() => undefined);
      expect(wrongToken).toMatchObject({ trusteeIndex: 4, code: 'STATION_WRONG_TOKEN' });
    });

    it('rejects a bad partial decryption and names its trustee', async () => {
      const { state } = await loadState(store, tallyStream(election.electionId), tallyDecider);
      const contestId = state.contests[0];
      const totals = state.totals.get(contestId)!;
      // Trustee 4 posts decryptions made with trustee 5's share: the proofs cannot verify for X₄.
      const scope = decryptionScope(election.context, election.ballotBoxHash, state.contestBallots.get(contestId)!);
      const forged = totals.map((t) => partialDecrypt(scope, tallyOptionId(contestId, t.optionId), decodeTotal(t), 4, election.shares.get(5)!));
      // Signed by trustee 4's token (what a station does): the signature is right, the proofs are not.
      const message = partialDecryptionMessage({ trusteeIndex: 4, contestId, ballotBoxHash: election.ballotBoxHash, ballots: state.contestBallots.get(contestId)!, partials: forged });
      const statement = { electionId: election.electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted' as const, trusteeIndex: 4, message };
      // Trustee 5 cannot post them in trustee 4's name: refused, nothing recorded against 4.
      await expect(service.postPartialDecryption(election.electionId, 4, contestId, forged, tokenTrusteeKey(tokens[4], election.electionId).sign(statement)))
        .rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
      const failure = await service.postPartialDecryption(election.electionId, 4, contestId, forged, tokenTrusteeKey(tokens[3], election.electionId).sign(statement));
      expect(failure).toMatchObject({ trusteeIndex: 4, code: 'partial-decryption.proof' });
      const rejected = (await store.readStream(tallyStream(election.electionId))).filter((e) => e.type === 'PartialDecryptionRejected');
      expect(rejected.map((e) => (e.data as { trusteeIndex: number }).trusteeIndex)).toEqual([4]);
    });

    it('decrypts with 3 of 5 trustees to exactly the plain choices', async () => {
      const outcome = await service.tally(election.electionId, await stations(store, election.electionId, [tokens[0], tokens[1], tokens[2], tokens[3]]));
      expect(outcome.trusteesUsed).toEqual([1, 2, 3]); // 4 was rejected above
      expect(outcome.ballots).toBe(12);
      expect(outcome.ballotBoxHash).toBe(election.ballotBoxHash);
      for (const { contestId, counts } of outcome.results) {
        const expected = election.expected.get(contestId) ?? new Map();
        for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
      }
      const total = outcome.results.reduce((n, r) => n + r.counts.reduce((m, c) => m + c.count, 0), 0);
      const cast = [...election.choices.values()].reduce((n, c) => n + Object.keys(c).length, 0);
      expect(total).toBe(cast);
      const types = (await store.readStream(tallyStream(election.electionId))).map((e) => e.type);
      expect(types.filter((t) => t === 'ResultsPublished')).toHaveLength(outcome.results.length);
      expect(types[types.length - 1]).toBe('TallyCompleted');
    });
  });

  it('refuses to go on when the ballot box hash differs from the one recorded at closing', async () => {
    const store = await freshStore();
    const election = await buildClosedElection(store, { voters: 2, tokens, threshold: 3, manualText: smallManualText(), closingHash: (h) => (h[0] === '0' ? '1' : '0') + h.slice(1) });
    const service = new TallyService(store, await commandsFor(store));
    await expect(service.tally(election.electionId, await stations(store, election.electionId, tokens.slice(0, 3)))).rejects.toThrow(BallotBoxMismatchError);
    const events = await store.readStream(tallyStream(election.electionId));
    expect(events.map((e) => e.type)).toEqual(['TallyStarted']);
    expect(events[0].data).toMatchObject({ matchesClosing: false });
    await expect(service.tally(election.electionId, await stations(store, election.electionId, tokens.slice(0, 3)))).rejects.toThrow(/halted|detenido/);
  });
});
