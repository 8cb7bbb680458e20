/**
 * Tally and verification times for a whole election (issue 6): the simulacro's manifest
 * (44 contests, 727 options; voters spread over the 32 ballot styles, 2–4 contests each),
 * 5 trustees with SoftHSM tokens, threshold 3, three trustees present.
 *   stations_box_check_s  before the ceremony, at the closing: each present trustee's station
 *             checks the box (`urna trustee check-box`: hash, count, the file's rule, every
 *             ballot's proofs, the sums) and keeps its check in its folder, sealed by its token.
 *             The three stations share one recomputation (a cache by the box's hash; each still
 *             hashes its own reading, seals and keeps its own check): in an election each checks
 *             on its own machine, side by side with the others, so this is the wall time of one
 *             station's check, not the CPU of three
 *   tally_s   TallyService.tally, the ceremony: ballot box hash, every ballot's proofs +
 *             homomorphic totals, then each present trustee's station opening its kept check
 *             (the token unseals its digest), comparing the totals with it, unsealing its share
 *             and posting partial decryptions (verified by the decider), combination, discrete
 *             logs, publication. Without a kept check a station verifies the box at the ceremony
 *             instead: that tally takes about tally_s + stations_box_check_s
 *   verify_s  `urna verify` over the exported record folder (src/verifier/urna-verify.ts, URNA_WORKERS
 *             = the setting), no database
 * Each phase (the stations' check, the tally, the export, `urna verify`) runs in a child process of its own
 * (bench/record-phase.ts, or urna-verify.ts itself), so its peak RSS (max_rss_mib, from
 * process.resourceUsage at the child's exit, worker threads included) is that phase's alone.
 * The election is built in this process by test/support/closed-election.ts, its cast ballots
 * encrypted in BUILD_WORKERS (default 2) worker threads ahead of the production commands; the
 * closing's box file is written from ballotBoxStream (never the whole box in memory).
 * Both are measured twice on the same election, side by side: with WORKERS_A (default 2) worker
 * threads and with WORKERS_B (default 1 = one thread, the in-process path). The tally runs on a
 * copy of the closed election's ledger (same events) for each setting, so neither sees the
 * other's tally events.
 * Sizes: VOTERS (default "1000,10000": issue 17's tally target is at 10,000 voters, so `npm run
 * bench` measures it, about 5 min more on a quiet 2-core machine; VOTERS=1000 for a quick run). A size that was not
 * measured (10,000, 100,000, and `projected_1000000`) is projected from the largest measured one
 * (per-ballot phases scaled, per-option phases kept) and marked `measured: false`. Disk: the
 * ledger's and the log's schemas (pg_total_relation_size) and the record folder, per run.
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register bench/tally.bench.ts
 */
import { commitOfCheckout } from './bench-record';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { ballotBoxStream } from '../src/closing/ballot-box';
import { CheckpointService } from '../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../src/ledger/checkpoint/software-note-signer';
import { LogSequencer } from '../src/ledger/merkle/log-sequencer';
import { MerkleLog } from '../src/ledger/merkle/merkle-log';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { groupBackendFromEnv, selectGroupBackendFromEnv } from '../src/parallel/group-backend';
import type { EventStore } from '../src/ledger/event-store';
import { createSoftHsmFixture } from '../test/hsm/softhsm-fixture';
import { dropSchema, freshSchemaName } from '../test/support/postgres';
import { buildClosedElection } from '../test/support/closed-election';
import type { BoxCheckJob, ExportJob, TallyJob } from './record-phase';

const SIZES = (process.env.VOTERS ?? '1000,10000').split(',').map(Number);
const WORKER_SETTINGS = [Number(process.env.WORKERS_A ?? 2), Number(process.env.WORKERS_B ?? 1)];
/** Above this size only WORKERS_A is measured: the one-thread comparison would double a
 * 10,000-voter run (about an hour here) and says nothing the 1,000-voter comparison does not. */
const COMPARE_UP_TO = Number(process.env.COMPARE_UP_TO ?? 2000);
/** Where the result goes: bench/tally-100000.bench.ts keeps its run apart from the 1,000/10,000 file. */
const RESULT_FILE = process.env.TALLY_RESULT_FILE ?? 'bench/results/tally.json';
/** Worker threads encrypting the cast ballots while the election is built (0 = this thread). */
const BUILD_WORKERS = Number(process.env.BUILD_WORKERS ?? 2);
const PROJECTED_SIZES = [1000, 10000, 100000];
const mib = (kib: number) => round(kib / 1024);
const settingsFor = (voters: number) => (voters <= COMPARE_UP_TO ? WORKER_SETTINGS : WORKER_SETTINGS.slice(0, 1));
const round = (x: number, d = 1) => Number(x.toFixed(d));
const LOAD_AT_START = loadavg().map((x) => round(x, 2));
/** The commit when the run started: other work lands on this checkout while a long run goes on. */
const COMMIT_AT_START = commitOfCheckout();
/** Totals from an earlier run of this benchmark on the same machine (same code, no phase split),
 * kept to show the run-to-run spread. */
const EARLIER_RUNS = [
  { voters: 10000, tally_s: 42.9, tally_ballot_phase_s: 22.5, tally_fixed_phase_s: 20.4, verify_s: 22.8, build_election_s: 106.8, workers: 2, group_backend: 'decaf-native', commit: '4a7f558', measured_at: '2026-12-04T08:42Z', note: 'load 0.18-2.42; before the stations kept a check of the box made at the closing (urna trustee check-box): each station verified every ballot at the ceremony, inside tally_s (its fixed phase)' },
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

interface Usage { max_rss_kib: number; user_cpu_s: number; system_cpu_s: number }

/** Runs a bench phase in a child process (with bench/max-rss-on-exit.ts preloaded): its stdout,
 * its stderr lines as they came (with the time each arrived) and its peak RSS and CPU. */
async function child(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; lines: { at: number; text: string }[]; usage: Usage; wall_s: number }> {
  const usageFile = join(mkdtempSync(join(tmpdir(), 'urna-bench-usage-')), 'usage.json');
  const t = performance.now();
  const proc = spawn(process.execPath, ['-r', 'urna-ts-register', '-r', join(__dirname, 'max-rss-on-exit.ts'), ...args], {
    env: { ...process.env, ...env, URNA_BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const lines: { at: number; text: string }[] = [];
  let partial = '';
  proc.stdout.on('data', (d: Buffer) => out.push(d));
  proc.stderr.on('data', (d: Buffer) => {
    const now = performance.now();
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: now, text });
  });
  const code = await new Promise<number>((resolve) => proc.on('close', (c) => resolve(c ?? 1)));
  const wallS = (performance.now() - t) / 1000;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Usage;
  rmSync(usageFile, { force: true });
  return { code, stdout: Buffer.concat(out).toString('utf8'), lines, usage, wall_s: round(wallS) };
}

/** A phase's rate, peak RSS and CPU, under its own prefix: tally and verify share a setting's object. */
const phaseUsage = (prefix: string, u: Usage, ballots: number, seconds: number) => ({
  [`${prefix}ballots_per_s`]: round(ballots / seconds), [`${prefix}max_rss_mib`]: mib(u.max_rss_kib), [`${prefix}cpu_s`]: round(u.user_cpu_s + u.system_cpu_s),
});

async function timeTally(job: TallyJob, ballots: number) {
  const r = await child([join(__dirname, 'record-phase.ts'), JSON.stringify(job)]);
  if (r.code !== 0) throw new Error(`the tally child failed (${r.code}): ${r.lines.slice(-20).map((l) => l.text).join('\n')}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { tally_s: number; tally_ballot_phase_s: number; tally_fixed_phase_s: number; results: unknown };
  const { results, ...times } = out;
  return { results, times: { ...times, ...phaseUsage('tally_', r.usage, ballots, out.tally_s), tally_process_wall_s: r.wall_s } };
}

async function timeVerify(dir: string, workers: number, ballots: number) {
  const t = performance.now();
  const r = await child([join(__dirname, '..', 'src', 'verifier', 'urna-verify.ts'), '--json', dir], { URNA_WORKERS: String(workers) });
  const verifyS = (performance.now() - t) / 1000;
  const report = JSON.parse(r.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
  if (r.code !== 0 || !report.ok) throw new Error(`the record does not verify: ${JSON.stringify(report.checks.filter((c) => c.status === 'fail'))}`);
  // Each check's time: from the previous check's line on stderr to its own ("[ok] V12 ballots.proofs — …").
  const checkSeconds: Record<string, number> = {};
  // Until urna verify names its group arithmetic: Node, the compiler hook and the imports (fixed).
  const started = r.lines.find((l) => l.text.includes('ristretto255'))?.at ?? t;
  let last = started;
  for (const { at, text } of r.lines) {
    const m = /^\[[^\]]*\] (\S+) (\S+) — /.exec(text);
    if (!m) continue;
    checkSeconds[m[2]] = round((at - last) / 1000, 2);
    last = at;
  }
  // Checks whose work grows with the number of ballots (and log entries); the rest is per option or per trustee.
  const perBallot = ['record.index', 'log.checkpoint-signatures', 'log.leaf-hashes', 'log.roots', 'roll.commitment', 'ballot-box.hash', 'ballots.proofs', 'ballots.eligibility', 'tally.aggregates'];
  const verifyBallotsS = perBallot.reduce((sum, id) => sum + (checkSeconds[id] ?? 0), 0);
  return {
    report: JSON.stringify(report.checks),
    times: { verify_s: round(verifyS), verify_startup_s: round((started - t) / 1000), verify_ballot_checks_s: round(verifyBallotsS), verify_fixed_checks_s: round(verifyS - verifyBallotsS), ...phaseUsage('verify_', r.usage, ballots, verifyS), verify_check_seconds: checkSeconds },
  };
}

/** The transparency log beside the bench's ledger (as test/support/transparency-log.ts) with its
 * key in a file, so that the export's child process reads the same log under the same key. */
async function startLog(pool: Pool, store: EventStore, schema: string, keyFile: string) {
  const log = new MerkleLog(pool, { schema });
  await log.migrate();
  const signer = SoftwareNoteSigner.fromKeyFile(keyFile, LOG_KEY_NAME);
  const checkpoints = new CheckpointService(pool, log, signer);
  await checkpoints.migrate();
  await checkpoints.checkpointNow();
  const sequencer = new LogSequencer(store, log, { batchSize: 500, maxDelayMs: 5 });
  await sequencer.start();
  const sync = async () => {
    const head = await store.head();
    while ((await log.size()) < head) {
      if (sequencer.error) throw sequencer.error;
      await new Promise((r) => setTimeout(r, 20));
    }
    return (await checkpoints.checkpointNow()).size;
  };
  return {
    sync,
    async closingCheckpoint() {
      await sync();
      const cp = (await checkpoints.latest())!;
      return { size: cp.size, rootHash: Buffer.from(cp.rootHash).toString('hex'), note: cp.note };
    },
    stop: () => sequencer.stop(),
  };
}
const LOG_KEY_NAME = 'urna.bench/log';

/** The closing's export file, written from ballotBoxStream as the closing does (a line at a time). */
async function writeBoxFile(store: EventStore, electionId: string, path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* lines() {
    for await (const { line } of ballotBoxStream(store, electionId)) {
      const b = Buffer.from(line, 'utf8');
      hash.update(b);
      bytes += b.length;
      yield b;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return { bytes, sha256: hash.digest('hex') };
}

const schemaBytes = async (pool: Pool, schema: string) =>
  Number((await pool.query('SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN (\'r\', \'m\')', [schema])).rows[0].b);

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) total += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return total;
}

async function measure(pool: Pool, voters: number, tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[]) {
  const settings = settingsFor(voters);
  const ledgerSchema = freshSchemaName('bench_tally');
  const logSchema = freshSchemaName('bench_tally_log');
  const store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 50 });
  await store.migrate();
  const work = mkdtempSync(join(tmpdir(), 'urna-bench-tally-'));
  const tlog = await startLog(pool, store, logSchema, join(work, 'log-key', 'note.key'));
  const copies: { store: PostgresEventStore; schema: string }[] = [];
  try {
    const loadAtStart = loadavg().map((x) => round(x, 2));
    const rssBeforeBuild = process.resourceUsage().maxRSS;
    let t = performance.now();
    const election = await buildClosedElection(store, {
      voters, tokens, threshold: 3, encryptionWorkers: BUILD_WORKERS,
      // BallotBoxExported quotes a checkpoint the log signed, as the closing does (urna verify V7).
      closingCheckpoint: () => tlog.closingCheckpoint(),
      onBallot: (done, total) => done % 1000 === 0 && process.stderr.write(`  cast ${done}/${total} (${round((performance.now() - t) / done, 1)} ms per voter)\n`),
    });
    const buildS = (performance.now() - t) / 1000;
    const buildRss = process.resourceUsage().maxRSS;
    await tlog.sync();
    // The closing's export file (urna-cifrada-<id>.jsonl), which the board serves to the stations
    // (board-downloads.ts): written at closing, so built here before any clock starts.
    t = performance.now();
    const boxFile = join(work, `urna-cifrada-${election.electionId}.jsonl`);
    const box = await writeBoxFile(store, election.electionId, boxFile);
    const boxS = (performance.now() - t) / 1000;
    if (box.sha256 !== election.ballotBoxHash) throw new Error('the box file is not the box the closing hashed');
    // Every setting but the first tallies a copy of the closed election; the first tallies the
    // original, whose log then feeds the exported record.
    for (const _ of settings.slice(1)) copies.push(await copyLedger(pool, store));

    // At the closing, before the ceremony: each present trustee's station checks the box the
    // board publishes and keeps its check, sealed by its token (`urna trustee check-box`). The
    // tallies below (of the original and of its copies: the same election and box) decrypt on it.
    const stationsDir = join(work, 'stations');
    process.stderr.write('  the stations check the box (urna trustee check-box)\n');
    const checkJob: BoxCheckJob = { phase: 'check-box', schema: ledgerSchema, electionId: election.electionId, tokens, workers: settings[0], boxFile, stationsDir };
    const checked = await child([join(__dirname, 'record-phase.ts'), JSON.stringify(checkJob)]);
    if (checked.code !== 0) throw new Error(`the check-box child failed: ${checked.lines.slice(-20).map((l) => l.text).join('\n')}`);
    const stationsBoxCheckS = (JSON.parse(checked.stdout.trim().split('\n').pop()!) as { stations_box_check_s: number }).stations_box_check_s;

    const byWorkers: Record<string, Record<string, unknown>> = {};
    const results: string[] = [];
    for (const [i, workers] of settings.entries()) {
      process.stderr.write(`  tally with ${workers} worker(s)\n`);
      const job: TallyJob = { phase: 'tally', schema: i === 0 ? ledgerSchema : copies[i - 1].schema, electionId: election.electionId, tokens, workers, boxFile, stationsDir };
      const r = await timeTally(job, voters);
      results.push(JSON.stringify(r.results));
      byWorkers[`workers_${workers}`] = { ...r.times };
    }
    if (results.some((r) => r !== results[0])) throw new Error('the tallies with different worker counts differ');
    await tlog.sync();

    process.stderr.write('  export\n');
    const dir = join(work, 'record');
    const exportJob: ExportJob = { phase: 'export', schema: ledgerSchema, logSchema, logKeyFile: join(work, 'log-key', 'note.key'), logKeyName: LOG_KEY_NAME, electionId: election.electionId, outDir: dir };
    const exported = await child([join(__dirname, 'record-phase.ts'), JSON.stringify(exportJob)]);
    if (exported.code !== 0) throw new Error(`the export child failed: ${exported.lines.slice(-20).map((l) => l.text).join('\n')}`);
    const exportS = (JSON.parse(exported.stdout.trim().split('\n').pop()!) as { export_s: number }).export_s;

    const reports: string[] = [];
    for (const workers of settings) {
      process.stderr.write(`  urna verify with URNA_WORKERS=${workers}\n`);
      const v = await timeVerify(dir, workers, voters);
      reports.push(v.report);
      byWorkers[`workers_${workers}`] = { ...byWorkers[`workers_${workers}`], ...v.times };
    }
    if (reports.some((r) => r !== reports[0])) throw new Error('the verifications with different worker counts differ');
    const entries = await store.head();
    return {
      voters, ballots: voters, log_entries: entries,
      build_election_s: round(buildS), build_ms_per_voter: round((buildS * 1000) / voters, 2), build_workers: BUILD_WORKERS,
      build_casting_ms_per_voter: { encrypt_or_wait: round(election.castingTimes.encryptMs / voters, 2), commands: round(election.castingTimes.commandsMs / voters, 2) },
      build_max_rss_mib: mib(buildRss), build_max_rss_note: rssBeforeBuild < buildRss ? 'this (bench) process, which builds the election: its peak so far, not a phase of its own' : 'this (bench) process: its peak was reached before the build',
      box_file_s: round(boxS), box_file_mb: round(box.bytes / 1e6),
      stations_box_check: { stations_box_check_s: stationsBoxCheckS, stations_box_check_workers: settings[0], ...phaseUsage('stations_box_check_', checked.usage, voters, stationsBoxCheckS) },
      export: { export_s: exportS, ...phaseUsage('export_', exported.usage, voters, exportS) },
      disk_mb: { ledger_schema: round((await schemaBytes(pool, ledgerSchema)) / 1e6), log_schema: round((await schemaBytes(pool, logSchema)) / 1e6), record_folder: round(folderBytes(dir) / 1e6), box_file: round(box.bytes / 1e6) },
      load_at_start: loadAtStart, load_at_end: loadavg().map((x) => round(x, 2)),
      by_workers: byWorkers,
    };
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
        const v = measured.by_workers[key] as { verify_s: number };
        out[key] = { tally_s: m.tally_s, verify_s: v.verify_s, build_election_s: measured.build_election_s, export_s: measured.export.export_s, measured: true };
      } else if (base) {
        const b = base.by_workers[key] as { tally_ballot_phase_s: number; tally_fixed_phase_s: number; verify_ballot_checks_s: number; verify_fixed_checks_s: number };
        const k = n / base.voters;
        out[key] = {
          tally_s: round(b.tally_ballot_phase_s * k + b.tally_fixed_phase_s),
          verify_s: round(b.verify_ballot_checks_s * k + b.verify_fixed_checks_s),
          // Building and exporting are taken as wholly per ballot (an upper bound: each has a fixed part).
          build_election_s: round(base.build_election_s * k),
          export_s: round(base.export.export_s * k),
          measured: false,
          note: `projected from the ${base.voters}-voter run: per-ballot phases × ${round(k, 2)}, per-option/trustee phases as measured`,
        };
      }
    }
    return out;
  };
  // What 10^6 ballots would take on this machine, from the largest measured run: a projection,
  // not a measurement (issue 17 asks for ≤ 1 h of verification on 2 cores).
  const largest = [...runs].sort((a, b) => b.voters - a.voters)[0];
  const projected1M = (() => {
    if (!largest) return undefined;
    const k = 1_000_000 / largest.voters;
    const w = largest.by_workers[`workers_${WORKER_SETTINGS[0]}`] as { tally_ballot_phase_s: number; tally_fixed_phase_s: number; verify_ballot_checks_s: number; verify_fixed_checks_s: number };
    const verifyS = w.verify_ballot_checks_s * k + w.verify_fixed_checks_s;
    return {
      measured: false,
      from_run_voters: largest.voters,
      workers: WORKER_SETTINGS[0],
      projected_verify_s: round(verifyS),
      projected_verify_h: round(verifyS / 3600, 2),
      projected_tally_s: round(w.tally_ballot_phase_s * k + w.tally_fixed_phase_s),
      projected_export_s: round(largest.export.export_s * k),
      projected_build_election_s: round(largest.build_election_s * k),
      projected_disk_gb: round(((largest.disk_mb.ledger_schema + largest.disk_mb.log_schema + largest.disk_mb.record_folder + largest.disk_mb.box_file) * k) / 1000),
      note: `projection: the per-ballot phases of the ${largest.voters}-voter run × ${round(k, 2)}, the per-option/trustee phases as measured; building and exporting wholly per ballot; disk = ledger + log schemas + record folder + box file, × ${round(k, 2)}. Peak RSS is not projected: it is reported per phase for each measured size`,
    };
  })();
  const result = {
    benchmark: 'tally',
    commit: COMMIT_AT_START,
    commit_at_end: commitOfCheckout(),
    measured_at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, memory_gib: round(totalmem() / 2 ** 30), node: process.version, loadavg_at_start: LOAD_AT_START, loadavg_at_end: loadavg().map((x) => round(x, 2)) },
    election: 'simulacro-2024 manifest: 44 contests, 727 options, 32 ballot styles (voters spread evenly); 5 trustees, threshold 3, trustees 1–3 present',
    group_backend: { name: groupBackendFromEnv(), main_thread: mainThreadBackend, note: 'the ristretto255 implementation of the proof-checking worker threads and, since 2026-12-03, of this thread too (the trustee phase: unsealing, partial decryptions, the decider\'s proof checks), as in the service and the trustee stations (URNA_GROUP_BACKEND; auto = libdecaf when built, else native libsodium, else @noble/curves). Until then this thread ran @noble/curves: 1,000 voters, 2 workers, tally 35.7 s with its trustee phase 29.9 s (at ca299d5, load 0.9-1.3); the same run with libdecaf on this thread gave 19.7 s and 14.8 s' },
    workers: `worker threads for ballot proofs (tally, verifier) and partial-decryption/result proofs (verifier): ${WORKER_SETTINGS.join(' vs ')} on the same election in one run (1 = the in-process path). The tally's trustee phase (unsealing, partial decryptions, the decider's proof checks) still runs on one thread, with the main-thread backend above.`,
    ...Object.fromEntries(PROJECTED_SIZES.map((n) => [`voters_${n}`, point(n)])),
    projected_1000000: projected1M,
    peak_rss: 'max_rss_mib per phase: tally and export in a child process each (bench/record-phase.ts), urna verify as itself; the peak of the whole child process (worker threads included, Node itself ~50 MB) from process.resourceUsage().maxRSS at its exit. build_max_rss_mib is the bench process\'s own peak after building (it also holds the bench).',
    runs,
    earlier_runs: EARLIER_RUNS,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
