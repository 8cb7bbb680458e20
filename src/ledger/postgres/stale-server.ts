/**
 * A PostgreSQL left running on a data folder by a crashed service.
 *
 * The embedded server is a child process of the service, but a kill -9 of the service does
 * not take it along: it keeps running, orphaned, on the old port, holding `postmaster.pid`.
 * A new start on the same folder then failed ("lock file already exists") with no useful
 * message. Before starting, `clearStaleServer` looks at that file:
 *   - no file: nothing to do;
 *   - its pid is a live PostgreSQL whose parent is gone (orphaned, adopted by init): it is stopped with a fast
 *     shutdown (SIGINT, which checkpoints; the WAL makes even a harder stop safe), so the new
 *     service owns the server it talks to and can stop it;
 *   - its pid is a live PostgreSQL whose parent is a running Node process: another service is using this
 *     folder right now, so the start is refused (DataFolderInUseError) rather than pulling the
 *     database from under it;
 *   - its pid is dead or is some other program (pids are reused): the file is stale and removed.
 * What was done is returned, for a log line.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export type StaleServerOutcome = { action: 'none' } | { action: 'stopped'; pid: number } | { action: 'lock-removed'; pid: number };

export class DataFolderInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number, readonly owner: number) {
    super(`PostgreSQL pid ${pid} on ${dataDir} belongs to running process ${owner}`);
    this.name = 'DataFolderInUseError';
  }
}

export async function clearStaleServer(dataDir: string, options: { stopTimeoutMs?: number } = {}): Promise<StaleServerOutcome> {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return { action: 'none' };
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) {
    rmSync(lockFile, { force: true });
    return { action: 'lock-removed', pid };
  }
  const owner = parentOf(pid);
  if (owner !== undefined && owner > 1 && isAlive(owner) && isNode(owner)) throw new DataFolderInUseError(dataDir, pid, owner);
  await stop(pid, options.stopTimeoutMs ?? 30_000);
  return { action: 'stopped', pid };
}

/** Fast shutdown first; if it hangs, immediate shutdown (SIGQUIT), then SIGKILL. Then waits
 * for its backends too: a new server refuses to start while they hold the old shared memory. */
async function stop(pid: number, timeoutMs: number): Promise<void> {
  const backends = childrenOf(pid);
  for (const [signal, share] of [['SIGINT', 0.7], ['SIGQUIT', 0.2], ['SIGKILL', 0.1]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break; // already gone
    }
    if (await exited([pid], timeoutMs * share)) break;
  }
  await exited(backends, 20_000);
}

async function exited(pids: number[], withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Alive and not a zombie (a killed child its parent has not reaped is gone for our purpose). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procStat(pid)?.state;
  return state !== 'Z' && state !== 'X';
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return /(^|\/)postgres$/.test(argv0) || procStat(pid)?.comm === 'postgres';
  } catch {
    // No /proc (not Linux): trust the pid file, as PostgreSQL itself does.
    return true;
  }
}

/** The embedded server's owner is always a Node process (the service, the CLI, a test's runner);
 * an orphan is adopted by init or a sub-reaper, which is not one. */
function isNode(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return /(^|\/)node$/.test(argv0) || procStat(pid)?.comm === 'node';
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  return procStat(pid)?.ppid;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function procStat(pid: number): { comm: string; state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}
