/**
 * Tally and verification times for a whole election (issue 6): the simulacro's manifest
 * (44 contests, 727 options; voters spread over the 32 ballot styles, 2–4 contests each),
 * 5 trustees with SoftHSM tokens, threshold 3, three trustees present.
 *   tally_s   TallyService.tally: ballot box hash, every ballot's proofs + homomorphic totals (and
 *             each present trustee's station checking the totals against the box once more),
 *             3 trustees unsealing and posting partial decryptions (verified by the decider),
 *             the stations reading the closing's box file (built before the clock: box_file_s),
 *             the three stations sharing one recomputation of the box (a cache by its hash; each
 *             still checks hash, count and totals itself): in an election each station
 *             recomputes on its own machine, side by side with the others, so this is the wall
 *             time of one station's check, not the CPU of three,
 *             combination, discrete logs, publication
 *   verify_s  verifyRecordInParallel over the exported record folder (the `urna verify` work, no database)
 * Both are measured twice on the same election, side by side: with WORKERS_A (default 2) worker
 * threads and with WORKERS_B (default 1 = one thread, the in-process path). The tally runs on a
 * copy of the closed election's ledger (same events) for each setting, so neither sees the
 * other's tally events.
 * Sizes: VOTERS (default "1000"; the recorded results come from VOTERS=1000,10000, about an
 * hour here, most of it building 10,000 real encrypted ballots). A size that was not measured
 * is extrapolated from the largest measured one (per-ballot phases scaled, per-option phases
 * kept) and marked `measured: false`.
 *   node -r @swc-node/register scripts/with-postgres.ts node -r @swc-node/register bench/tally.bench.ts
 */
import { commitOfCheckout } from './bench-record';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { groupBackendFromEnv, selectGroupBackendFromEnv } from '../src/parallel/group-backend';
import { exportRecord } from '../src/record/export-record';
import { TallyService } from '../src/tally/tally-service';
import { openCommandPath } from '../src/command-path/open-command-path';
import { readRecordFolder } from '../src/verifier/record-input';
import { verifyRecordInParallel } from '../src/verifier/verify-record';
import type { EventStore } from '../src/ledger/event-store';
import { createSoftHsmFixture } from '../test/hsm/softhsm-fixture';
import { dropSchema, freshSchemaName } from '../test/support/postgres';
import { buildClosedElection } from '../test/support/closed-election';
import { tallyStationsInProcess } from '../test/support/stations-in-process';
import { startTransparencyLog } from '../test/support/transparency-log';
import { ledgerBallotBox } from '../src/tally/ballot-box-source';

const SIZES = (process.env.VOTERS ?? '1000').split(',').map(Number);
const WORKER_SETTINGS = [Number(process.env.WORKERS_A ?? 2), Number(process.env.WORKERS_B ?? 1)];
/** Above this size only WORKERS_A is measured: the one-thread comparison would double a
 * 10,000-voter run (about an hour here) and says nothing the 1,000-voter comparison does not. */
const COMPARE_UP_TO = Number(process.env.COMPARE_UP_TO ?? 2000);
const settingsFor = (voters: number) => (voters <= COMPARE_UP_TO ? WORKER_SETTINGS : WORKER_SETTINGS.slice(0, 1));
const round = (x: number, d = 1) => Number(x.toFixed(d));
const LOAD_AT_START = loadavg().map((x) => round(x, 2));
/** Totals from an earlier run of this benchmark on the same machine (same code, no phase split),
 * kept to show the run-to-run spread. */
const EARLIER_RUNS = [
  { voters: 10000, tally_s: 78.3, tally_ballot_phase_s: 34.5, tally_fixed_phase_s: 43.7, verify_s: 71.6, build_election_s: 248.4, workers: 2, group_backend: 'decaf-native', commit: '021d618', measured_at: '2026-12-03T14:43Z', note: 'load 1.9-3.9; before the workers read the box lines themselves, the pipelined serialization and the stations reading the closing\'s box file (a796e89, d3042b8, 94acdb4); verify: ballots.proofs 42.5 s, ballot-box.hash 12.5 s, record.index 9.5 s, log.leaf-hashes 4.4 s; 1,000 voters in the same run: tally 13.6 s (ballot phase 4.3), verify 6.0 s' },
  { voters: 10000, tally_s: 120.9, verify_s: 67.7, build_election_s: 266, workers: 2, group_backend: 'decaf-native', commit: '8164971', measured_at: '2026-12-03T12:59Z', note: 'before the trustee stations shared one build of the box bytes and before the faster canonical JSON (a5e7c3a, 24c1cb8); ballot phase 36.2 s; 1,000 voters in the same run: tally 18.8 s, verify 7.1 s' },
  { voters: 10000, tally_s: 325.9, verify_s: 406.3, build_election_s: 1207, workers: 2, group_backend: 'noble', measured_at: '2026-11-23T03:49Z', note: '@noble/curves in the workers (before auto became the default)' },
  { voters: 1000, tally_s: 74.9, verify_s: 78.6, workers: 2, group_backend: 'noble', measured_at: '2026-11-23T03:49Z', note: 'same run; other work on the machine' },
  { voters: 1000, tally_s: 88.8, verify_s: 92.2, build_election_s: 102.6, measured_at: '2026-11-23T01:15Z', note: 'one thread (before worker threads)' },
  { voters: 1000, tally_s: 154.3, verify_s: 84.2, build_election_s: 189.2, measured_at: '2026-11-23T01:00Z' },
  { voters: 2000, tally_s: 137.2, verify_s: 161.8, build_election_s: 235, measured_at: '2026-11-23T01:08Z' },
];

/** A copy of a ledger's events (same streams, order and data) in a fresh schema. */
async function copyLedger(pool: Pool, from: EventStore): Promise<{ store: PostgresEventStore; schema: string }> {
  const schema = freshSchemaName('bench_tally_copy');
  const store = new PostgresEventStore(pool, { schema, pollIntervalMs: 50 });
  await store.migrate();
  for (const e of await from.readAll()) {
    const { recordedAt: _recordedAt, ...metadata } = e.metadata;
    await store.append(e.stream, [{ id: e.id, type: e.type, version: e.version, data: e.data, metadata, visibility: e.visibility }], e.revision === 0 ? 'no_stream' : e.revision - 1);
  }
  return { store, schema };
}

async function timeTally(store: EventStore, electionId: string, tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[], workers: number, ballotBox: Uint8Array) {
  const t = performance.now();
  let ballotsDoneAt = t;
  const path = await openCommandPath(store);
  const outcome = await new TallyService(store, path.commands, {
    workers,
    onProgress: (p) => {
      if (p.step === 'verifying' && p.done === p.total) ballotsDoneAt = performance.now();
    },
  }).tally(electionId, tallyStationsInProcess(store, path.commands, electionId, tokens.slice(0, 3), { dir: mkdtempSync(join(tmpdir(), 'urna-bench-stations-')), workers, ballotBox: async () => ballotBox }))
    .finally(() => path.close());
  const tallyS = (performance.now() - t) / 1000;
  // Read + verify + add every ballot grows with N; unsealing, partial decryptions and publication do not.
  const tallyBallotsS = (ballotsDoneAt - t) / 1000;
  return { outcome, tally_s: round(tallyS), tally_ballot_phase_s: round(tallyBallotsS), tally_fixed_phase_s: round(tallyS - tallyBallotsS) };
}

async function timeVerify(dir: string, workers: number) {
  const t = performance.now();
  const checkSeconds: Record<string, number> = {};
  let last = t;
  const verification = await verifyRecordInParallel(readRecordFolder(dir), {
    workers,
    onResult: (r) => {
      const now = performance.now();
      checkSeconds[r.id] = round((now - last) / 1000, 2);
      last = now;
    },
  });
  const verifyS = (performance.now() - t) / 1000;
  // Checks whose work grows with the number of ballots (and log entries); the rest is per option or per trustee.
  const perBallot = ['record.index', 'log.checkpoint-signatures', 'log.leaf-hashes', 'log.roots', 'roll.commitment', 'ballot-box.hash', 'ballots.proofs', 'ballots.eligibility', 'tally.aggregates'];
  const verifyBallotsS = perBallot.reduce((sum, id) => sum + (checkSeconds[id] ?? 0), 0);
  if (!verification.ok) throw new Error(`the record does not verify: ${JSON.stringify(verification.results.filter((r) => r.status === 'fail'))}`);
  return { verification, verify_s: round(verifyS), verify_ballot_checks_s: round(verifyBallotsS), verify_fixed_checks_s: round(verifyS - verifyBallotsS), verify_check_seconds: checkSeconds };
}

async function measure(pool: Pool, voters: number, tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[]) {
  const settings = settingsFor(voters);
  const ledgerSchema = freshSchemaName('bench_tally');
  const logSchema = freshSchemaName('bench_tally_log');
  const store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 50 });
  await store.migrate();
  const tlog = await startTransparencyLog(pool, store, logSchema);
  const work = mkdtempSync(join(tmpdir(), 'urna-bench-tally-'));
  const copies: { store: PostgresEventStore; schema: string }[] = [];
  try {
    let t = performance.now();
    const election = await buildClosedElection(store, {
      voters, tokens, threshold: 3,
      // BallotBoxExported quotes a checkpoint the log signed, as the closing does (urna verify V7).
      closingCheckpoint: () => tlog.closingCheckpoint(),
      onBallot: (done, total) => done % 250 === 0 && process.stderr.write(`  cast ${done}/${total}\n`),
    });
    const buildS = (performance.now() - t) / 1000;
    await tlog.sync();
    // The closing's export file (urna-cifrada-<id>.jsonl), which the board serves to the stations
    // (board-downloads.ts): written at closing, so built here before any clock starts. Until
    // 2026-12-03 the stations rebuilt it from the ledger inside the timed tally.
    t = performance.now();
    const ballotBox = await ledgerBallotBox(store)(election.electionId);
    const boxS = (performance.now() - t) / 1000;
    // Every setting but the first tallies a copy of the closed election; the first tallies the
    // original, whose log then feeds the exported record.
    for (const _ of settings.slice(1)) copies.push(await copyLedger(pool, store));

    const byWorkers: Record<string, Record<string, unknown>> = {};
    const results: string[] = [];
    for (const [i, workers] of settings.entries()) {
      process.stderr.write(`  tally with ${workers} worker(s)\n`);
      const r = await timeTally(i === 0 ? store : copies[i - 1].store, election.electionId, tokens, workers, ballotBox);
      results.push(JSON.stringify(r.outcome.results));
      const { outcome: _outcome, ...times } = r;
      byWorkers[`workers_${workers}`] = { ...times };
    }
    if (results.some((r) => r !== results[0])) throw new Error('the tallies with different worker counts differ');
    await tlog.sync();

    t = performance.now();
    const dir = join(work, 'record');
    await exportRecord({ store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId, outDir: dir, tar: false });
    const exportS = (performance.now() - t) / 1000;

    const reports: string[] = [];
    for (const workers of settings) {
      process.stderr.write(`  verify with ${workers} worker(s)\n`);
      const { verification, ...times } = await timeVerify(dir, workers);
      reports.push(JSON.stringify(verification.results));
      byWorkers[`workers_${workers}`] = { ...byWorkers[`workers_${workers}`], ...times };
    }
    if (reports.some((r) => r !== reports[0])) throw new Error('the verifications with different worker counts differ');
    const entries = await store.head();
    return { voters, ballots: voters, log_entries: entries, build_election_s: round(buildS), box_file_s: round(boxS), box_file_mb: round(ballotBox.length / 1e6), export_s: round(exportS), by_workers: byWorkers };
  } finally {
    await tlog.stop();
    await store.close();
    for (const c of copies) await c.store.close();
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    for (const c of copies) await dropSchema(pool, c.schema);
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  // As the service and the stations do: this thread's deciders and stations use the workers' backend.
  const mainThreadBackend = await selectGroupBackendFromEnv();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through scripts/with-postgres.ts');
  const pool = new Pool({ connectionString: url, max: 6 });
  const hsm = createSoftHsmFixture('bench-tally', 5);
  const tokens = hsm.trustees.map((x, i) => ({ trusteeIndex: i + 1, tokenLabel: x.label, pin: x.pin }));
  const runs: Awaited<ReturnType<typeof measure>>[] = [];
  try {
    for (const voters of SIZES) {
      process.stderr.write(`== ${voters} voters\n`);
      const r = await measure(pool, voters, tokens);
      process.stderr.write(`${JSON.stringify(r)}\n`);
      runs.push(r);
    }
  } finally {
    await pool.end();
    hsm.dispose();
  }
  const at = (n: number) => runs.find((r) => r.voters === n);
  // Extrapolation: the part that grows with the ballots scales linearly from the largest run;
  // the part that depends only on the manifest (727 options × 3 trustees) stays as measured.
  // (A straight line through two total times is useless here: on this shared VM totals moved by
  // ±30 % between runs, enough to make the slope negative.)
  const point = (n: number) => {
    const measured = at(n);
    const out: Record<string, unknown> = {};
    for (const workers of WORKER_SETTINGS) {
      const key = `workers_${workers}`;
      const base = [...runs].filter((r) => key in r.by_workers).sort((a, b) => b.voters - a.voters)[0];
      if (measured && key in measured.by_workers) {
        const m = measured.by_workers[key] as { tally_s: number; verify_s: number };
        out[key] = { tally_s: m.tally_s, verify_s: m.verify_s, measured: true };
      } else if (base) {
        const b = base.by_workers[key] as { tally_ballot_phase_s: number; tally_fixed_phase_s: number; verify_ballot_checks_s: number; verify_fixed_checks_s: number };
        const k = n / base.voters;
        out[key] = {
          tally_s: round(b.tally_ballot_phase_s * k + b.tally_fixed_phase_s),
          verify_s: round(b.verify_ballot_checks_s * k + b.verify_fixed_checks_s),
          measured: false,
          note: `extrapolated from the ${base.voters}-voter run: per-ballot phases × ${k}, per-option/trustee phases as measured`,
        };
      }
    }
    return out;
  };
  const result = {
    benchmark: 'tally',
    commit: commitOfCheckout(),
    measured_at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, memory_gib: round(totalmem() / 2 ** 30), node: process.version, loadavg_at_start: LOAD_AT_START, loadavg_at_end: loadavg().map((x) => round(x, 2)) },
    election: 'simulacro-2024 manifest: 44 contests, 727 options, 32 ballot styles (voters spread evenly); 5 trustees, threshold 3, trustees 1–3 present',
    group_backend: { name: groupBackendFromEnv(), main_thread: mainThreadBackend, note: 'the ristretto255 implementation of the proof-checking worker threads and, since 2026-12-03, of this thread too (the trustee phase: unsealing, partial decryptions, the decider\'s proof checks), as in the service and the trustee stations (URNA_GROUP_BACKEND; auto = libdecaf when built, else native libsodium, else @noble/curves). Until then this thread ran @noble/curves: 1,000 voters, 2 workers, tally 35.7 s with its trustee phase 29.9 s (at ca299d5, load 0.9-1.3); the same run with libdecaf on this thread gave 19.7 s and 14.8 s' },
    workers: `worker threads for ballot proofs (tally, verifier) and partial-decryption/result proofs (verifier): ${WORKER_SETTINGS.join(' vs ')} on the same election in one run (1 = the in-process path). The tally's trustee phase (unsealing, partial decryptions, the decider's proof checks) still runs on one thread, with the main-thread backend above.`,
    voters_1000: point(1000),
    voters_10000: point(10000),
    runs,
    earlier_runs: EARLIER_RUNS,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/tally.json', `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
