/**
 * What every bench result file records about the run itself (issue 17: "each file records its
 * commit, date, backend and machine load"), and the median the benches report, so that a bench
 * does not carry its own copy of them.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export const roundTo = (x: number, digits = 1): number => Number(x.toFixed(digits));

/** The middle value (the upper one of the two middle values for an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** os.loadavg() (1, 5, 15 min): the machine is shared, so a figure means little without it. */
export const loadAverage = (): number[] => loadavg().map((x) => roundTo(x, 2));

export function commitOfCheckout(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** CPU time (user + system) this process has used so far, in milliseconds. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The `machine` member of a result file: this machine, and its load when the run started and now. */
export function machineRecord(loadAtStart: number[], loadNote: string): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model,
    node: process.version,
    load_average_start: loadAtStart,
    load_average_end: loadAverage(),
    load_note: loadNote,
  };
}

/** What a result file records about its run: the commit, when, the machine's load at the start
 * and at the end, and what did the work (`backend`). Spread into the file's top level. */
export function runRecord(loadAtStart: number[], backend: string): Record<string, unknown> {
  return { commit: commitOfCheckout(), measured_at: new Date().toISOString(), backend, load_average_start: loadAtStart, load_average_end: loadAverage(), cpus: cpus().length };
}
