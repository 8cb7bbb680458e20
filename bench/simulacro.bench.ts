/**
 * The whole simulacro, end to end, as the README's first command runs it (issue 17: "a
 * 1,000-voter simulacro in 60 s"): `src/simulacro/run-simulacro.ts` with its defaults (1,000
 * voters, 5 trustees, 3 at the tally, embedded PostgreSQL: DATABASE_URL is removed from its
 * environment), in a child process. It records what the simulacro prints at its end (the seconds
 * of each phase, the total, the verifier's verdict, the mismatches) and the CPU of the simulacro
 * and of every process it waited for (PostgreSQL, the trustee stations, the witnesses, urna verify:
 * /proc/self/stat cutime + cstime of this process once the child is reaped).
 *   RUNS (default 1): whole simulacros, one after the other; VOTERS (default 1000).
 *   npm run bench -- simulacro
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitOfCheckout, loadAverage, machineRecord, median, roundTo } from './bench-record';
import { groupBackendFromEnv } from '../src/parallel/group-backend';

const RUNS = Number(process.env.RUNS ?? 1);
const VOTERS = Number(process.env.VOTERS ?? 1000);
const TARGET_S = 60;
const RUN_SIMULACRO = join(__dirname, '..', 'src', 'simulacro', 'run-simulacro.ts');

interface SimulacroSummary {
  ballots: number;
  mismatches: number;
  verifier: string;
  phaseSeconds: Record<string, number>;
  totalSeconds: number;
  /** The service's thread per phase: seconds on a core, and waiting for one (Linux). */
  serviceThreadSeconds?: Record<string, { running: number; waiting: number }>;
}

/** CPU seconds (user + system) of the children this process has waited for, from /proc. */
function childrenCpuS(): number {
  // Fields after the command name (which may hold spaces): cutime and cstime are fields 16 and 17.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

async function oneSimulacro(): Promise<{ summary: SimulacroSummary; wall_s: number; cpu_s: number }> {
  const { DATABASE_URL: _url, ...env } = process.env;
  const cpuBefore = childrenCpuS();
  const t = performance.now();
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', RUN_SIMULACRO, '--voters', String(VOTERS)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderrTail = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => {
    process.stderr.write(d);
    stderrTail = (stderrTail + d.toString('utf8')).slice(-4000);
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const wallS = (performance.now() - t) / 1000;
  if (code !== 0) throw new Error(`the simulacro failed (exit ${code}): ${stderrTail}`);
  // The summary is the JSON object the simulacro prints last, from a line holding only "{".
  const start = stdout.lastIndexOf('\n{\n');
  const summary = JSON.parse(stdout.slice(start + 1)) as SimulacroSummary;
  if (summary.mismatches !== 0 || summary.ballots !== VOTERS) throw new Error(`the simulacro's results are wrong: ${JSON.stringify(summary)}`);
  return { summary, wall_s: roundTo(wallS), cpu_s: roundTo(childrenCpuS() - cpuBefore) };
}

async function main() {
  const loadAtStart = loadAverage();
  const runs: Awaited<ReturnType<typeof oneSimulacro>>[] = [];
  for (let k = 0; k < RUNS; k++) {
    process.stderr.write(`== simulacro ${k + 1}/${RUNS}\n`);
    runs.push(await oneSimulacro());
  }
  const totals = runs.map((r) => r.summary.totalSeconds);
  const result = {
    benchmark: 'simulacro',
    note: `npm run simulacro's run (src/simulacro/run-simulacro.ts, --voters ${VOTERS}, the other options at their defaults, embedded PostgreSQL), whole, in a child process; total_s and phase_s are what the simulacro itself prints (its phase clock, from its first step to the end of the results); process_wall_s adds Node's start-up and the shutdown; cpu_s is the user + system CPU of the simulacro and every process it waited for; service_thread_s is, per phase, the simulacro's main thread (the service, and the synthetic voters' HTTP client) on a core (running) and ready but waiting for one (waiting), from /proc/thread-self/schedstat: on this shared machine a run's wall time varies more than most changes move it, and these say what a change did to the service's thread`,
    commit: commitOfCheckout(),
    date: new Date().toISOString(),
    backend: { group: groupBackendFromEnv(), ledger: 'PostgreSQL (embedded)' },
    machine: machineRecord(loadAtStart, 'shared 2-core VM'),
    voters: VOTERS,
    target_total_s: TARGET_S,
    total_s: median(totals),
    over_target_ratio: roundTo(median(totals) / TARGET_S, 2),
    phase_s: runs[totals.indexOf(median(totals))].summary.phaseSeconds,
    service_thread_s: runs[totals.indexOf(median(totals))].summary.serviceThreadSeconds,
    runs: runs.map((r) => ({
      total_s: r.summary.totalSeconds, process_wall_s: r.wall_s, cpu_s: r.cpu_s, verifier: r.summary.verifier, phase_s: r.summary.phaseSeconds,
      service_thread_s: r.summary.serviceThreadSeconds,
    })),
  };
  writeFileSync('bench/results/simulacro.json', `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
