/**
 * The tally's commands through the real CommandBus on PostgreSQL, on `tally-<id>`:
 * StartTallyCommand, RecordEncryptedTallyCommand, PostPartialDecryptionCommand,
 * RejectTrusteeCommand, PublishResultsCommand, CompleteTallyCommand, RecordActaCommand.
 * The key is the 2-of-2 toy key of test/domain/tally/tally-decider.spec.ts: shares of
 * f(z) = s + a·z, the contest's totals encrypt 3 and 1.
 */
import { TALLY_SCOPE, partialDecryptionMessage } from '../../src/domain/ceremony/trustee-signature';
import { trusteeKey } from '../support/trustee-keys';
import { group } from '../../src/domain/crypto/active-group';
import { electionContext } from '../../src/domain/crypto/election-context';
import { encrypt, encryptionTables } from '../../src/domain/crypto/elgamal';
import { toHex } from '../../src/domain/crypto/hash';
import { randomScalar } from '../../src/domain/crypto/scalar';
import { decryptionScope } from '../../src/domain/crypto/tally/decryption-scope';
import { partialDecrypt } from '../../src/domain/crypto/tally/partial-decryption';
import { ciphertextHex } from '../../src/domain/crypto/tally/tally-wire';
import { fold } from '../../src/domain/shared/decider';
import type { PostPartialDecryption, PublishResults, RecordEncryptedTally, StartTally, TallyCommand } from '../../src/domain/tally/commands';
import { tallyDecider } from '../../src/domain/tally/decider';
import { tallyOptionId, tallyStream, type TallyEvent } from '../../src/domain/tally/events';
import {
  CompleteTallyCommand, PostPartialDecryptionCommand, PublishResultsCommand, RecordActaCommand, RecordEncryptedTallyCommand,
  RejectTrusteeCommand, StartTallyCommand,
} from '../../src/tally/tally.commands';
import { freshElectionId, given, openPgCommandPath, refused, unchanged, when, type PgCommandPath } from './pg-command-path';

const h = (c: string) => c.repeat(64);
const byTally = { actor: 'system:tally' };
const NOW = '2024-06-04T00:00:00.000Z';

// A 2-of-2 toy key: x = x1·λ1 + x2·λ2 is never formed; shares are of f(z) = s + a·z.
const s = randomScalar();
const a = randomScalar();
const share = (j: number) => (s + a * BigInt(j)) % group.order;
const K = group.mul(group.generator, s);
const context = electionContext(new Uint8Array(32).fill(9), K);
const verificationKeys = { '1': toHex(group.encode(group.mul(group.generator, share(1)))), '2': toHex(group.encode(group.mul(group.generator, share(2)))) };
const tables = encryptionTables(K);
const total = encrypt(tables, 3n, randomScalar());
const other = encrypt(tables, 1n, randomScalar());
const OPTIONS = [{ optionId: 'A', ...ciphertextHex(total) }, { optionId: 'B', ...ciphertextHex(other) }];
const COUNTS = [{ optionId: 'A', count: 3 }, { optionId: 'B', count: 1 }];

const start = (electionId: string, over: Partial<StartTally> = {}): StartTally => ({
  type: 'StartTally', electionId, ballotBoxExported: true, closingBallotBoxHash: h('a'), recomputedBallotBoxHash: h('a'), ballots: 4, threshold: 2, contests: ['PRES'], now: NOW, ...over,
});
const recordTotals = (electionId: string): RecordEncryptedTally => ({ type: 'RecordEncryptedTally', electionId, contestId: 'PRES', ballots: 4, options: OPTIONS });
// Proofs bind the box recorded at closing (h('a')) and the contest's recorded count (4).
const scope = decryptionScope(context, h('a'), 4);
const partialsOf = (j: number, x = share(j)) => [partialDecrypt(scope, tallyOptionId('PRES', 'A'), total, j, x), partialDecrypt(scope, tallyOptionId('PRES', 'B'), other, j, x)];
// Each trustee signs what it posts with its enrolled key (docs/spec/crypto-ceremony-tally.md §7).
const signingKeys = { '1': trusteeKey(1).signingKey, '2': trusteeKey(2).signingKey };
const post = (electionId: string, j: number, x?: bigint): PostPartialDecryption => {
  const partials = partialsOf(j, x);
  const message = partialDecryptionMessage({ trusteeIndex: j, contestId: 'PRES', ballotBoxHash: h('a'), ballots: 4, partials });
  return {
    type: 'PostPartialDecryption', electionId, trusteeIndex: j, contestId: 'PRES', partials, context, verificationKeys, signingKeys,
    signature: trusteeKey(j).sign({ electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', message }),
  };
};
const publish = (electionId: string, over: Partial<PublishResults> = {}): PublishResults => ({
  type: 'PublishResults', electionId, contestId: 'PRES', counts: COUNTS, trustees: [2, 1], ...over,
});

/** The decider's own events for these commands: the given past of a scenario. */
const decided = (commands: TallyCommand[]): TallyEvent[] =>
  commands.reduce<TallyEvent[]>((events, c) => [...events, ...tallyDecider.decide(c, fold(tallyDecider, events))], []);
const started = (id: string) => decided([start(id)]);
const withTotals = (id: string) => decided([start(id), recordTotals(id)]);
const posted = (id: string, ...trustees: number[]) => decided([start(id), recordTotals(id), ...trustees.map((j) => post(id, j))]);
const completed = (id: string) => decided([start(id), recordTotals(id), post(id, 1), post(id, 2), publish(id), { type: 'CompleteTally', electionId: id, now: NOW }]);

describe('tally commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_tally');
  });
  afterAll(async () => {
    await path.close();
  });

  /** A fresh tally stream with the past `past(id)`. */
  async function tallyWith(past?: (id: string) => TallyEvent[]): Promise<{ id: string; stream: string }> {
    const id = freshElectionId('tally');
    await given(path, tallyStream(id), past ? past(id) : []);
    return { id, stream: tallyStream(id) };
  }

  describe('StartTallyCommand', () => {
    it('starts once the ballot box was exported, recording both hashes and the contests', async () => {
      const { id, stream } = await tallyWith();
      const { recorded, types, outcome } = await when(path, stream, new StartTallyCommand(id, start(id), byTally));
      expect(types).toEqual(['TallyStarted']);
      expect(recorded[0].metadata.actor).toBe('system:tally');
      expect(recorded[0].data).toEqual({
        electionId: id, ballotBoxHash: h('a'), closingBallotBoxHash: h('a'), matchesClosing: true, ballots: 4, threshold: 2, contests: ['PRES'], startedAt: NOW,
      });
      expect(outcome.state.phase).toBe('started');
    });

    it('records a hash mismatch, after which every step is refused (TALLY_HALTED), appending nothing', async () => {
      const { id, stream } = await tallyWith();
      const { recorded } = await when(path, stream, new StartTallyCommand(id, start(id, { recomputedBallotBoxHash: h('b') }), byTally));
      expect(recorded[0].data).toMatchObject({ matchesClosing: false, ballotBoxHash: h('b'), closingBallotBoxHash: h('a') });
      await refused(path, new RecordEncryptedTallyCommand(id, recordTotals(id), byTally), 'TALLY_HALTED');
    });

    it('is refused before the ballot box was exported (BALLOT_BOX_NOT_EXPORTED) and a second time, appending nothing', async () => {
      const fresh = await tallyWith();
      await refused(path, new StartTallyCommand(fresh.id, start(fresh.id, { ballotBoxExported: false }), byTally), 'BALLOT_BOX_NOT_EXPORTED');
      expect(await path.store.readStream(fresh.stream)).toEqual([]);
      const { id } = await tallyWith(started);
      await refused(path, new StartTallyCommand(id, start(id), byTally), 'TALLY_ALREADY_STARTED');
    });
  });

  describe('RecordEncryptedTallyCommand', () => {
    it("records a contest's homomorphic totals, one ciphertext per option", async () => {
      const { id, stream } = await tallyWith(started);
      const { recorded, types } = await when(path, stream, new RecordEncryptedTallyCommand(id, recordTotals(id), byTally));
      expect(types).toEqual(['EncryptedTallyComputed']);
      expect(recorded[0].data).toEqual({ electionId: id, contestId: 'PRES', ballots: 4, options: OPTIONS });
    });

    it('is refused for a contest not in the tally, twice, or before the start, appending nothing', async () => {
      const { id } = await tallyWith(withTotals);
      await refused(path, new RecordEncryptedTallyCommand(id, recordTotals(id), byTally), 'TOTALS_ALREADY_RECORDED');
      await refused(path, new RecordEncryptedTallyCommand(id, { type: 'RecordEncryptedTally', electionId: id, contestId: 'GOB-14', ballots: 1, options: [] }, byTally), 'UNKNOWN_CONTEST');
      const fresh = await tallyWith();
      await refused(path, new RecordEncryptedTallyCommand(fresh.id, recordTotals(fresh.id), byTally), 'TALLY_NOT_STARTED');
    });
  });

  describe('PostPartialDecryptionCommand', () => {
    it("records a trustee's verified partial decryptions", async () => {
      const { id, stream } = await tallyWith(withTotals);
      const decision = post(id, 1);
      const { recorded, types } = await when(path, stream, new PostPartialDecryptionCommand(id, decision, { actor: 'trustee:1' }));
      expect(types).toEqual(['PartialDecryptionPosted']);
      expect(recorded[0].metadata.actor).toBe('trustee:1');
      expect(recorded[0].version).toBe(3);
      expect(recorded[0].data).toEqual({ electionId: id, trusteeIndex: 1, contestId: 'PRES', ballotBoxHash: h('a'), ballots: 4, partials: decision.partials, signature: decision.signature });
    });

    it('records a rejection naming the trustee and the failed check when made with another share', async () => {
      const { id, stream } = await tallyWith(withTotals);
      const { recorded, types, outcome } = await when(path, stream, new PostPartialDecryptionCommand(id, post(id, 2, share(1)), { actor: 'trustee:2' }));
      expect(types).toEqual(['PartialDecryptionRejected']);
      expect(recorded[0].data).toMatchObject({ electionId: id, trusteeIndex: 2, contestId: 'PRES', check: 'partial-decryption.proof' });
      expect([...outcome.state.rejectedTrustees]).toEqual([2]);
    });

    it('is refused twice for the same trustee (ALREADY_POSTED) and before the totals (NO_TOTALS), appending nothing', async () => {
      const { id } = await tallyWith((x) => posted(x, 1));
      await refused(path, new PostPartialDecryptionCommand(id, post(id, 1), { actor: 'trustee:1' }), 'ALREADY_POSTED');
      const early = await tallyWith(started);
      await refused(path, new PostPartialDecryptionCommand(early.id, post(early.id, 1), { actor: 'trustee:1' }), 'NO_TOTALS');
    });
  });

  describe('RejectTrusteeCommand', () => {
    it("records a trustee's refused contribution, naming the check", async () => {
      const { id, stream } = await tallyWith(withTotals);
      const { recorded, types } = await when(path, stream,
        new RejectTrusteeCommand(id, { type: 'RejectTrustee', electionId: id, trusteeIndex: 2, check: 'share.token', reason: 'the token did not open the share' }, byTally));
      expect(types).toEqual(['PartialDecryptionRejected']);
      expect(recorded[0].data).toEqual({ electionId: id, trusteeIndex: 2, check: 'share.token', reason: 'the token did not open the share' });
    });

    it('is refused before the tally started (TALLY_NOT_STARTED), appending nothing', async () => {
      const { id } = await tallyWith();
      await refused(path, new RejectTrusteeCommand(id, { type: 'RejectTrustee', electionId: id, trusteeIndex: 2, check: 'x', reason: 'y' }, byTally), 'TALLY_NOT_STARTED');
    });
  });

  describe('PublishResultsCommand', () => {
    it('publishes the counts the partial decryptions support, with the trustees in ascending order', async () => {
      const { id, stream } = await tallyWith((x) => posted(x, 1, 2));
      const { recorded, types, outcome } = await when(path, stream, new PublishResultsCommand(id, publish(id), byTally));
      expect(types).toEqual(['ResultsPublished']);
      expect(recorded[0].data).toEqual({ electionId: id, contestId: 'PRES', counts: COUNTS, trustees: [1, 2] });
      expect(outcome.state.results.get('PRES')).toEqual(COUNTS);
    });

    it('is refused with fewer than t trustees (NOT_ENOUGH_TRUSTEES) or counts the partials do not give (COUNT_MISMATCH), appending nothing', async () => {
      const one = await tallyWith((x) => posted(x, 1));
      await refused(path, new PublishResultsCommand(one.id, publish(one.id, { trustees: [1] }), byTally), 'NOT_ENOUGH_TRUSTEES');
      await refused(path, new PublishResultsCommand(one.id, publish(one.id, { trustees: [1, 2] }), byTally), 'TRUSTEE_NOT_POSTED');
      const both = await tallyWith((x) => posted(x, 1, 2));
      await refused(path, new PublishResultsCommand(both.id, publish(both.id, { counts: [{ optionId: 'A', count: 2 }, COUNTS[1]] }), byTally), 'COUNT_MISMATCH');
    });
  });

  describe('CompleteTallyCommand', () => {
    it('completes once every contest is published; completing again appends nothing', async () => {
      const { id, stream } = await tallyWith((x) => decided([start(x), recordTotals(x), post(x, 1), post(x, 2), publish(x)]));
      const { recorded, types, outcome } = await when(path, stream, new CompleteTallyCommand(id, { type: 'CompleteTally', electionId: id, now: NOW }, byTally));
      expect(types).toEqual(['TallyCompleted']);
      expect(recorded[0].data).toEqual({ electionId: id, contests: 1, ballots: 4, trustees: [1, 2], completedAt: NOW });
      expect(outcome.state.phase).toBe('completed');
      await unchanged(path, new CompleteTallyCommand(id, { type: 'CompleteTally', electionId: id, now: NOW }, byTally));
    });

    it('is refused while a contest has no results (RESULTS_MISSING), appending nothing', async () => {
      const { id } = await tallyWith((x) => posted(x, 1, 2));
      await refused(path, new CompleteTallyCommand(id, { type: 'CompleteTally', electionId: id, now: NOW }, byTally), 'RESULTS_MISSING');
    });
  });

  describe('RecordActaCommand', () => {
    it('records the acta hashes once the tally is complete', async () => {
      const { id, stream } = await tallyWith(completed);
      const { recorded, types } = await when(path, stream, new RecordActaCommand(id, { type: 'RecordActa', electionId: id, jsonSha256: h('c'), pdfSha256: h('d'), now: NOW }, byTally));
      expect(types).toEqual(['ActaIssued']);
      expect(recorded[0].data).toEqual({ electionId: id, jsonSha256: h('c'), pdfSha256: h('d'), issuedAt: NOW });
      const other = await tallyWith(completed);
      const withoutPdf = await when(path, other.stream, new RecordActaCommand(other.id, { type: 'RecordActa', electionId: other.id, jsonSha256: h('e'), now: NOW }, byTally));
      expect(withoutPdf.recorded[0].data).toEqual({ electionId: other.id, jsonSha256: h('e'), issuedAt: NOW });
    });

    it('is refused before the tally is complete (TALLY_NOT_COMPLETED) and with a malformed hash, appending nothing', async () => {
      const early = await tallyWith(withTotals);
      await refused(path, new RecordActaCommand(early.id, { type: 'RecordActa', electionId: early.id, jsonSha256: h('c'), now: NOW }, byTally), 'TALLY_NOT_COMPLETED');
      const done = await tallyWith(completed);
      await refused(path, new RecordActaCommand(done.id, { type: 'RecordActa', electionId: done.id, jsonSha256: 'not-a-hash', now: NOW }, byTally), 'INVALID_HASH');
    });
  });

  it('a whole tally, every step sent through the bus', async () => {
    const { id, stream } = await tallyWith();
    await when(path, stream, new StartTallyCommand(id, start(id), byTally));
    await when(path, stream, new RecordEncryptedTallyCommand(id, recordTotals(id), byTally));
    await when(path, stream, new PostPartialDecryptionCommand(id, post(id, 2), { actor: 'trustee:2' }));
    await when(path, stream, new PostPartialDecryptionCommand(id, post(id, 1), { actor: 'trustee:1' }));
    await when(path, stream, new PublishResultsCommand(id, publish(id), byTally));
    await when(path, stream, new CompleteTallyCommand(id, { type: 'CompleteTally', electionId: id, now: NOW }, byTally));
    await when(path, stream, new RecordActaCommand(id, { type: 'RecordActa', electionId: id, jsonSha256: h('c'), now: NOW }, byTally));
    expect((await path.store.readStream(stream)).map((e) => [e.type, e.metadata.actor])).toEqual([
      ['TallyStarted', 'system:tally'], ['EncryptedTallyComputed', 'system:tally'], ['PartialDecryptionPosted', 'trustee:2'], ['PartialDecryptionPosted', 'trustee:1'],
      ['ResultsPublished', 'system:tally'], ['TallyCompleted', 'system:tally'], ['ActaIssued', 'system:tally'],
    ]);
  });
});
