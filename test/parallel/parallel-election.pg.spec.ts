/**
 * The election's CPU-bound checks on worker threads give exactly what one thread gives:
 * a closed election of 10 voters (small manual) on a real ledger and log, SoftHSM trustees.
 *   - CryptoWorkers(2) and CryptoWorkers(0): same verdicts, same named failures for a tampered
 *     ballot and a wrong pseudonym, same homomorphic sums;
 *   - TallyService with 2 workers records the totals BallotTotals computes ballot by ballot (the
 *     original path), and the published counts are the choices;
 *   - verifyRecordInParallel(2) and verifyRecord: identical CheckResults, on the good record and
 *     on one with a tampered ballot (named in both).
 */
import { commandsFor } from '../support/command-path';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { toDomainEvent } from '../../src/command-path/stream-state';
import { castBy, readCastBallots, type CastBallot } from '../../src/closing/ballot-box';
import { group } from '../../src/domain/crypto/active-group';
import { ballotStyles } from '../../src/domain/crypto/ballot/ballot-style';
import { BallotTotals } from '../../src/domain/crypto/ballot/ballot-totals';
import { verifyBallots } from '../../src/domain/crypto/ballot/verify-ballot';
import type { Ciphertext } from '../../src/domain/crypto/elgamal';
import { toHex } from '../../src/domain/crypto/hash';
import { ciphertextHex } from '../../src/domain/crypto/tally/tally-wire';
import { tallyStream } from '../../src/domain/tally/events';
import { manifestBallotStyles } from '../../src/domain/tally/manifest-styles';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { CryptoWorkers, type BallotChunk } from '../../src/parallel/crypto-workers';
import type { CryptoSetup } from '../../src/parallel/crypto-tasks';
import { EncryptedSums } from '../../src/parallel/encrypted-sums';
import { exportRecord } from '../../src/record/export-record';
import { TallyService } from '../../src/tally/tally-service';
import { tallyStationsInProcess } from '../support/stations-in-process';
import { readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecord, verifyRecordInParallel } from '../../src/verifier/verify-record';
import { smallManualText } from '../domain/configuration/small-manual';
import { createSoftHsmFixture, type SoftHsmFixture } from '../hsm/softhsm-fixture';
import { buildClosedElection, type ClosedElection } from '../support/closed-election';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { startTransparencyLog, type TestTransparencyLog } from '../support/transparency-log';

jest.setTimeout(180_000);

const sumsHex = (sums: ReadonlyMap<string, readonly Ciphertext[]>) =>
  Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)).map(([id, cts]) => [id, cts.map(ciphertextHex)]));

async function collect(chunks: AsyncIterable<BallotChunk>, styles: CryptoSetup['styles']) {
  const verdicts: BallotChunk['verdicts'] = [];
  const totals = new EncryptedSums(styles);
  const contests = new Set(styles.flatMap((s) => s.contests.map((c) => c.id)));
  for await (const c of chunks) {
    expect(c.start).toBe(verdicts.length);
    verdicts.push(...c.verdicts);
    totals.addSums(c.sums);
  }
  return { verdicts, totals: sumsHex(new Map([...contests].map((id) => [id, totals.contest(id)]))) };
}

describe('election checks on worker threads', () => {
  let pool: Pool;
  let hsm: SoftHsmFixture;
  let store: PostgresEventStore;
  let tlog: TestTransparencyLog;
  let election: ClosedElection;
  let cast: CastBallot[];
  let setup: CryptoSetup;
  const ledgerSchema = freshSchemaName('parallel_ledger');
  const logSchema = freshSchemaName('parallel_log');
  const work = mkdtempSync(join(tmpdir(), 'urna-parallel-'));
  const tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
    hsm = createSoftHsmFixture('parallel', 3);
    tokens.push(...hsm.trustees.map((t, i) => ({ trusteeIndex: i + 1, tokenLabel: t.label, pin: t.pin })));
    store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 50 });
    await store.migrate();
    tlog = await startTransparencyLog(pool, store, logSchema);
    election = await buildClosedElection(store, { voters: 10, tokens, threshold: 2, manualText: smallManualText(), closingCheckpoint: () => tlog.closingCheckpoint() });
    await tlog.sync();
    cast = await readCastBallots(store, election.electionId);
    setup = { manifestHash: toHex(election.context.manifestHash), publicKey: toHex(group.encode(election.context.publicKey)), styles: manifestBallotStyles(election.manifest) };
  });
  afterAll(async () => {
    await tlog.stop();
    await store.close();
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    await pool.end();
    hsm.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('gives the same verdicts, named failures and sums with 2 workers as in this thread', async () => {
    // Ballot 3 tampered (one response of one proof changed), ballot 6 checked against another voter's pseudonym.
    // (JSON copies: structuredClone would make objects of another realm than Jest's, which the
    // canonical JSON of the tracking code refuses as not plain.)
    const ballots = cast.map((b) => JSON.parse(JSON.stringify(b.ballot)) as { contests: { options: { proof: Record<string, string> }[] }[] });
    const proof = ballots[3].contests[0].options[0].proof;
    proof.v0 = (proof.v0[0] === '1' ? '2' : '1') + proof.v0.slice(1); // low byte: still a scalar < ℓ
    const options = cast.map((b, i) => ({ expectedVoter: { ...castBy(b), pseudonym: i === 6 ? cast[0].pseudonym : b.pseudonym } }));

    const inThread = new CryptoWorkers(setup, 0);
    const onWorkers = new CryptoWorkers(setup, 2);
    try {
      expect([inThread.workers, onWorkers.workers]).toEqual([0, 2]);
      const a = await collect(inThread.verifyBallots(ballots, options), setup.styles);
      const b = await collect(onWorkers.verifyBallots(ballots, options), setup.styles);
      expect(b).toEqual(a);
      expect(a.verdicts.filter((v) => !v.ok).length).toBe(2);
      expect(a.verdicts[3]).toMatchObject({ ok: false, failures: expect.arrayContaining([expect.objectContaining({ check: 'option-proof', option: 0 })]) });
      expect(a.verdicts[6]).toMatchObject({ ok: false, failures: [expect.objectContaining({ check: 'voter-binding' })] });
      // One ballot at a time (the voting API's cast) agrees too.
      expect(await onWorkers.verifyBallot(ballots[3], options[3])).toEqual(a.verdicts[3]);
      expect(await onWorkers.verifyBallot(ballots[0], options[0])).toEqual(a.verdicts[0]);

      // The sums of the valid ballots are what BallotTotals adds ballot by ballot.
      const reference = new BallotTotals(setup.styles);
      verifyBallots(ballots, election.context, ballotStyles(setup.styles), options).forEach((r) => r.ok && reference.add(r.ballot));
      expect(a.totals).toEqual(sumsHex(new Map(Object.keys(a.totals).map((id) => [id, reference.contest(id)]))));
    } finally {
      await onWorkers.close();
      await inThread.close();
    }
  });

  it('tallies with 2 workers to the totals of the one-thread path and the voters\' choices', async () => {
    const reference = new BallotTotals(setup.styles);
    verifyBallots(cast.map((b) => b.ballot), election.context, ballotStyles(setup.styles)).forEach((r) => {
      if (!r.ok) throw new Error('a cast ballot does not verify');
      reference.add(r.ballot);
    });
    const commands = await commandsFor(store);
    const outcome = await new TallyService(store, commands, { workers: 2 })
      .tally(election.electionId, tallyStationsInProcess(store, commands, election.electionId, tokens.slice(0, 2), { dir: join(work, 'stations'), workers: 2 }));
    const events = (await store.readStream(tallyStream(election.electionId))).map((e) => toDomainEvent<{ type: string; data: Record<string, unknown> }>(e));
    const recorded = events.filter((e) => e.type === 'EncryptedTallyComputed').map((e) => e.data as { contestId: string; ballots: number; options: { alpha: string; beta: string }[] });
    expect(recorded.length).toBeGreaterThan(0);
    for (const r of recorded) {
      expect(r.options.map(({ alpha, beta }) => ({ alpha, beta }))).toEqual(reference.contest(r.contestId).map(ciphertextHex));
      expect(r.ballots).toBe(cast.filter((b) => (b.ballot as unknown as { contests: { contestId: string }[] }).contests.some((c) => c.contestId === r.contestId)).length);
    }
    for (const { contestId, counts } of outcome.results) {
      const expected = election.expected.get(contestId) ?? new Map();
      for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
    }
  });

  it('verifies the record with 2 workers to the same CheckResults, good and with a tampered ballot', async () => {
    await tlog.sync();
    const good = join(work, 'record');
    await exportRecord({ store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId, outDir: good, tar: false });
    const one = verifyRecord(readRecordFolder(good));
    const two = await verifyRecordInParallel(readRecordFolder(good), { workers: 2 });
    expect(one.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(two).toEqual(one);

    // A changed response in one ballot of the box: both name the same ballot and check.
    const bad = join(work, 'tampered');
    cpSync(good, bad, { recursive: true });
    const boxPath = join(bad, 'ballot-box.jsonl');
    const lines = readFileSync(boxPath, 'utf8').split('\n');
    const m = /"v0":"([0-9a-f])/.exec(lines[2])!;
    lines[2] = lines[2].slice(0, m.index + 6) + (m[1] === '1' ? '2' : '1') + lines[2].slice(m.index + 7);
    writeFileSync(boxPath, lines.join('\n'));
    const oneBad = verifyRecord(readRecordFolder(bad));
    const twoBad = await verifyRecordInParallel(readRecordFolder(bad), { workers: 2 });
    expect(twoBad).toEqual(oneBad);
    const proofs = oneBad.results.find((r) => r.id === 'ballots.proofs')!;
    const code = (JSON.parse(lines[2]) as { trackingCode: string }).trackingCode;
    expect(proofs.status).toBe('fail');
    expect(proofs.problems).toHaveLength(1);
    expect(proofs.problems[0]).toContain(`ballot ${code}: `);
    expect(proofs.problems[0]).toContain('option-proof');
  });
});
