/**
 * The large-election builder (closed-election.ts) with its ballots encrypted in worker threads
 * ahead of the casting loop gives an election as valid as the one-thread builder: each voter casts
 * its own ballot through the production commands (the voting decider refuses a ballot bound to
 * another voter), the closing records the hash of the box as ballotBoxLines made it before the
 * closing hash was streamed, the tally decrypts to the voters' choices, and the record verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ballotBoxHash, ballotBoxLines, readCastBallots } from '../../src/closing/ballot-box';
import { computeVoterBinding } from '../../src/domain/crypto/ballot/voter-binding';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { exportRecord } from '../../src/record/export-record';
import { TallyService } from '../../src/tally/tally-service';
import { readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecordInParallel } from '../../src/verifier/verify-record';
import { smallManualText } from '../domain/configuration/small-manual';
import { createSoftHsmFixture, type SoftHsmFixture } from '../hsm/softhsm-fixture';
import { buildClosedElection, type ClosedElection } from './closed-election';
import { commandsFor } from './command-path';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from './postgres';
import { tallyStationsInProcess } from './stations-in-process';
import { startTransparencyLog, type TestTransparencyLog } from './transparency-log';

jest.setTimeout(180_000);

describe('buildClosedElection with encryption worker threads', () => {
  let pool: Pool;
  let hsm: SoftHsmFixture;
  let store: PostgresEventStore;
  let tlog: TestTransparencyLog;
  let election: ClosedElection;
  const ledgerSchema = freshSchemaName('builder_ledger');
  const logSchema = freshSchemaName('builder_log');
  const work = mkdtempSync(join(tmpdir(), 'urna-builder-'));
  const VOTERS = 11;
  const SPOILED = 2;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
    hsm = createSoftHsmFixture('builder', 3);
    const tokens = hsm.trustees.map((t, i) => ({ trusteeIndex: i + 1, tokenLabel: t.label, pin: t.pin }));
    store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 50 });
    await store.migrate();
    tlog = await startTransparencyLog(pool, store, logSchema);
    // More voters than the window ahead (2 workers × 4), spoiled and marked voters among them.
    election = await buildClosedElection(store, {
      voters: VOTERS, spoiled: SPOILED, markedKinds: ['null'], tokens, threshold: 2, manualText: smallManualText(), encryptionWorkers: 2,
      closingCheckpoint: () => tlog.closingCheckpoint(),
    });
    await tlog.sync();
    const commands = await commandsFor(store);
    await new TallyService(store, commands).tally(election.electionId, tallyStationsInProcess(store, commands, election.electionId, tokens.slice(0, 2), { dir: join(work, 'stations') }));
    await tlog.sync();
  });

  afterAll(async () => {
    await tlog?.stop();
    await store?.close();
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    await pool?.end();
    hsm?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('casts one ballot per voter, each bound to its voter, in roll order', async () => {
    const cast = await readCastBallots(store, election.electionId);
    expect(cast).toHaveLength(VOTERS);
    expect(cast.map((c) => c.pseudonym)).toEqual([...election.choices.keys()]);
    // Each ballot opens to its own voter and credential (the worker encrypted it for that voter).
    for (const c of cast) expect(c.ballot.voterBinding).toBe(computeVoterBinding(c.pseudonym, c.credential, c.bindingNonce));
    expect(cast.map((c) => c.credential)).toEqual(cast.map((c) => election.credentials.get(c.pseudonym)!.publicKey));
    expect(election.spoiled).toHaveLength(SPOILED);
  });

  it('records at closing the hash of the box by the export rule (every line, sorted by tracking code)', async () => {
    const oracle = ballotBoxHash(ballotBoxLines(await readCastBallots(store, election.electionId)));
    expect(election.ballotBoxHash).toBe(oracle);
    const exported = (await store.readAll()).find((e) => e.type === 'BallotBoxExported');
    expect((exported?.data as { sha256: string }).sha256).toBe(oracle);
  });

  it('tallies to the voters\' choices and its record verifies', async () => {
    const published = (await store.readAll()).filter((e) => e.type === 'ResultsPublished').map((e) => e.data as { contestId: string; counts: { optionId: string; count: number }[] });
    expect(published.length).toBeGreaterThan(0);
    for (const { contestId, counts } of published) {
      const expected = election.expected.get(contestId) ?? new Map<string, number>();
      for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
    }
    const dir = join(work, 'record');
    await exportRecord({ store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId, outDir: dir, tar: false });
    const verification = await verifyRecordInParallel(readRecordFolder(dir), { workers: 0 });
    expect(verification.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(verification.ok).toBe(true);
  });
});
