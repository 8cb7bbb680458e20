import { readFileSync } from 'node:fs';

/** What the scheduler says of one thread, in seconds since it started. */
export interface ThreadTime {
  /** On a core. */
  running: number;
  /** Ready to run, waiting for a core (another thread or process had it). */
  waiting: number;
}

/**
 * The calling thread's time on a core and time waiting for one, from Linux's
 * /proc/thread-self/schedstat (nanoseconds; "running waiting timeslices"). Undefined where the
 * file is missing or unreadable (another system, a kernel without schedstats).
 *
 * Why: on a shared two-core machine the simulacro's wall-clock time varies more from run to run
 * than most changes move it; the service thread's own CPU, and how long it waited for a core,
 * say what a change did (docs/operations/scaling.md §2.7).
 */
export function threadTime(path = '/proc/thread-self/schedstat'): ThreadTime | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [running, waiting] = text.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(running) || !Number.isFinite(waiting)) return undefined;
  return { running: running / 1e9, waiting: waiting / 1e9 };
}
