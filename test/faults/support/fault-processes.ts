/**
 * The processes a fault test kills: a PostgreSQL of the test's own (run by
 * test/ledger/fixtures/embedded-postgres-server.ts, so it can be killed and restarted on the same
 * data folder and port) and the voting service (test/voting/support/voting-server.ts), each in a
 * child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(__dirname, '../../..');

export interface Running {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Running & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', script, ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  child.stderr!.on('data', (d) => (output += String(d)));
  return new Promise((ok, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const match = ready.exec(line);
      if (match) ok({ child, exited, output: () => output, match });
    });
    child.on('exit', (code) => fail(new Error(`${script} exited ${code}: ${output}`)));
  });
}

/** A PostgreSQL on `dataDir` (and `port`, to come back where the service expects it). */
export async function startDatabase(dataDir: string, port?: number): Promise<Running & { url: string; port: number }> {
  const r = await run('test/ledger/fixtures/embedded-postgres-server.ts', [dataDir, ...(port ? [String(port)] : [])], {}, /^url (.+)$/);
  const url = r.match[1];
  return { ...r, url, port: Number(new URL(url).port) };
}

/** The voting service; `url` is its address. */
export async function startVotingService(env: NodeJS.ProcessEnv): Promise<Running & { url: string }> {
  const r = await run('test/voting/support/voting-server.ts', [], env, /^PORT (\d+)$/);
  return { ...r, url: `http://127.0.0.1:${r.match[1]}` };
}

/**
 * kill -9 of the postmaster named by `dataDir`'s postmaster.pid, then waits until its backends
 * are gone too (a new server refuses to start while they hold the old shared memory). The
 * process that started it is killed first, so that nothing restarts it behind the test's back.
 */
export async function killDatabase(db: Running, dataDir: string): Promise<void> {
  db.child.kill('SIGKILL');
  await db.exited;
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const processes = [pid, ...childrenOf(pid)];
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await waitUntilGone(processes);
}

export async function killService(service: Running): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

export async function waitUntilGone(pids: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) throw new Error(`processes ${pids.filter(alive).join(', ')} did not exit`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until it returns true (or throws after `timeoutMs`). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
