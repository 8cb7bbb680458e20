/**
 * The 100,000-ballot record, measured (issue 17: "record of 100,000 ballots verified: measured;
 * project to 1,000,000"; "peak RSS, tally of 100,000"). It runs bench/tally.bench.ts itself at
 * VOTERS=100000 with the one worker setting (COMPARE_UP_TO=0), so the figures come from the same
 * code path as the 1,000/10,000 file, and keeps the result apart in
 * bench/results/tally-100000.json. The run it replaces moves to `earlier_runs`, so the spread
 * between runs stays visible.
 *
 * About 40 min on a quiet 2-core machine (most of it building the election through the
 * production commands) and about 20 GB of disk while it runs. `BENCH_100K=0 npm run bench`
 * leaves it out and keeps the file as it is.
 *   npm run bench -- tally-100000
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RESULT = 'bench/results/tally-100000.json';
const VOTERS = 100_000;

interface TallyRun {
  voters: number;
  build_election_s?: number;
  export?: { export_s?: number };
  by_workers?: Record<string, { tally_s?: number; verify_s?: number; tally_max_rss_mib?: number; verify_max_rss_mib?: number }>;
}
interface TallyResult {
  commit?: string;
  measured_at?: string;
  machine?: { loadavg_at_start?: number[]; loadavg_at_end?: number[] };
  group_backend?: { name?: string };
  runs?: TallyRun[];
  earlier_runs?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** The 100,000-voter run of a result and its one worker setting (COMPARE_UP_TO=0 measures one). */
function measuredRun(result: TallyResult) {
  const run = result.runs?.find((r) => r.voters === VOTERS);
  return { run, workers: Object.values(run?.by_workers ?? {})[0] };
}

/** One line for the run being replaced: its totals, peaks, commit and load. */
function summaryOf(previous: TallyResult): Record<string, unknown> | undefined {
  const { run, workers } = measuredRun(previous);
  if (!run || !workers) return undefined;
  return {
    voters: VOTERS, tally_s: workers.tally_s, verify_s: workers.verify_s, build_election_s: run.build_election_s,
    export_s: run.export?.export_s, tally_max_rss_mib: workers.tally_max_rss_mib, verify_max_rss_mib: workers.verify_max_rss_mib,
    workers: 2, group_backend: previous.group_backend?.name, commit: previous.commit?.slice(0, 7), measured_at: previous.measured_at,
    // A hand-written note on the machine's load says more than the two averages; else those.
    note: typeof previous.load_note === 'string' ? previous.load_note
      : `load ${previous.machine?.loadavg_at_start?.[0] ?? '?'} at the start, ${previous.machine?.loadavg_at_end?.[0] ?? '?'} at the end`,
  };
}

async function main(): Promise<void> {
  if (process.env.BENCH_100K === '0') {
    process.stdout.write(`BENCH_100K=0: the 100,000-voter run is left out; ${RESULT} is kept as it is\n`);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'urna-tally-100000-'));
  const fresh = join(scratch, 'tally-100000.json');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', 'urna-ts-register', join(__dirname, 'tally.bench.ts')], {
      env: { ...process.env, VOTERS: String(VOTERS), COMPARE_UP_TO: '0', TALLY_RESULT_FILE: fresh },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0 || !existsSync(fresh)) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`the 100,000-voter tally bench failed (exit ${code}); ${RESULT} is kept as it is`);
  }
  const result = JSON.parse(readFileSync(fresh, 'utf8')) as TallyResult;
  rmSync(scratch, { recursive: true, force: true });
  const previous = existsSync(RESULT) ? (JSON.parse(readFileSync(RESULT, 'utf8')) as TallyResult) : undefined;
  const replaced = previous && summaryOf(previous);
  const kept = [...(replaced ? [replaced] : []), ...(previous?.earlier_runs ?? [])];
  const seen = new Set<string>();
  result.earlier_runs = kept.filter((r) => {
    const key = `${String(r.voters)} ${String(r.commit)} ${String(r.measured_at)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  result.command = 'npm run bench -- tally-100000 (bench/tally-100000.bench.ts: bench/tally.bench.ts with VOTERS=100000 COMPARE_UP_TO=0, its result kept apart from bench/results/tally.json)';
  writeFileSync(RESULT, `${JSON.stringify(result, null, 2)}\n`);
  const run = measuredRun(result).workers;
  process.stdout.write(`100,000 voters: tally ${run?.tally_s} s (peak ${run?.tally_max_rss_mib} MiB), urna verify ${run?.verify_s} s (peak ${run?.verify_max_rss_mib} MiB); wrote ${RESULT}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
