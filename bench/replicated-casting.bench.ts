/**
 * Casting rate with a synchronous standby (issue 18 §6, the scaled-down check of
 * docs/operations/scaling.md): the real voting service in its own process on a Debian
 * PostgreSQL primary with one streaming standby (test/failover/support/replicated-postgres.ts),
 * given the multi-host URL. Each round prepares BURST voters (sign-in, encrypted ballot, cast
 * code: not timed), then sends their casts at once and times them until the last receipt.
 * Rounds alternate the primary's mode, so that the machine's drift hits both alike:
 *   sync  — synchronous_standby_names = 'standby1', synchronous_commit = remote_apply (a receipt
 *           waits for the standby: the production setting);
 *   async — synchronous_standby_names = '' (the standby still streams, nobody waits for it).
 * Writes bench/results/replicated-casting.json (ballots/s per mode, their ratio, the commit,
 * date and machine load at start and end).
 *   node -r urna-ts-register bench/replicated-casting.bench.ts
 *   BURST (16) and ROUNDS (2) from the environment.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGuardedPool } from '../src/ledger/postgres/guarded-pool';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { killService, startVotingService } from '../test/faults/support/fault-processes';
import { postgresBin, ReplicatedPostgres } from '../test/failover/support/replicated-postgres';
import { voterPath } from '../test/failover/support/voter-path';
import { openElection } from '../test/support/open-election';

const ROOT = resolve(__dirname, '..');
const BURST = Number(process.env.BURST ?? 16);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const MODES = ['sync', 'async'] as const;

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by `pid` and, with `tree`, its live descendants. */
function cpuSeconds(pid: number, tree = false): number {
  const stat = (p: number) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    } catch {
      return 0;
    }
  };
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return stat(pid) + (tree ? children(pid).reduce((sum, c) => sum + cpuSeconds(c, true), 0) : 0);
}

const postmasterOf = (dataDir: string) => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

async function main(): Promise<void> {
  const loadStart = loadavg();
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'urna-replicated-casting-'));
  chmodSync(dir, 0o755);
  const pg = await ReplicatedPostgres.start(join(dir, 'pg'));
  try {
    const pool = createGuardedPool({ connectionString: pg.url, max: 3 });
    const store = new PostgresEventStore(pool, { schema: 'ledger' });
    await store.migrate();
    const election = await openElection(store, { voters: BURST * ROUNDS * MODES.length, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    await store.close();
    await pool.end();
    const service = await startVotingService({
      DATABASE_URL: pg.url, VOTING_LEDGER_SCHEMA: 'ledger', VOTING_ELECTION_ID: election.electionId,
      VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key'),
    });
    const { prepareWaiting } = voterPath(service.url, election.outboxDir);
    // Growth per ballot: the database's size (tables and indexes of every schema) and the WAL
    // written (what the standby receives), measured around the timed rounds.
    const dbBytes = async () => Number((await pg.sql(pg.primary, 'SELECT pg_database_size(current_database())')).trim());
    const walAt = async () => (await pg.sql(pg.primary, 'SELECT pg_current_wal_lsn()')).trim();
    const sizeBefore = await dbBytes();
    const walBefore = await walAt();
    const rates: Record<(typeof MODES)[number], number[]> = { sync: [], async: [] };
    // CPU per ballot (load-independent, unlike ballots/s on a shared machine): the service
    // process (HTTP, checks, worker threads) and every process of both PostgreSQL servers.
    // Backends that exit during a round are not counted (the pool keeps its connections).
    const cpu: Record<(typeof MODES)[number], { service: number; primary: number; standby: number }> = {
      sync: { service: 0, primary: 0, standby: 0 },
      async: { service: 0, primary: 0, standby: 0 },
    };
    const cpuNow = () => ({
      service: cpuSeconds(service.child.pid!),
      primary: cpuSeconds(postmasterOf(pg.primary.dataDir), true),
      standby: cpuSeconds(postmasterOf(pg.standby.dataDir), true),
    });
    let next = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? MODES : [...MODES].reverse()) {
        await pg.sql(pg.primary, `ALTER SYSTEM SET synchronous_standby_names = '${mode === 'sync' ? 'standby1' : ''}'`);
        await pg.sql(pg.primary, 'SELECT pg_reload_conf()');
        await new Promise((r) => setTimeout(r, 300));
        const voters = election.voters.slice(next, (next += BURST));
        const casts = [];
        for (const v of voters) casts.push(await prepareWaiting(v));
        const cpu0 = cpuNow();
        const t0 = performance.now();
        const answers = await Promise.all(casts.map((cast) => cast()));
        const seconds = (performance.now() - t0) / 1000;
        const cpu1 = cpuNow();
        for (const k of ['service', 'primary', 'standby'] as const) cpu[mode][k] += cpu1[k] - cpu0[k];
        const receipts = answers.filter((a) => a.status === 201).length;
        if (receipts !== BURST) throw new Error(`${mode}: ${receipts}/${BURST} receipts (${answers.map((a) => a.status).join(',')})`);
        rates[mode].push(BURST / seconds);
        process.stdout.write(`round ${round + 1} ${mode}: ${BURST} casts in ${seconds.toFixed(2)} s = ${(BURST / seconds).toFixed(1)} ballots/s\n`);
      }
    }
    await new Promise((r) => setTimeout(r, 1_000)); // the sequencer and checkpointer catch up
    const sizeAfter = await dbBytes();
    const walBytes = Number((await pg.sql(pg.primary, `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '${walBefore}')`)).trim());
    const ballots = BURST * ROUNDS * MODES.length;
    await killService(service);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const result = {
      benchmark: 'replicated-casting',
      note: 'casts only (sign-in, encryption and cast code prepared before the clock starts); BURST casts sent at once, timed to the last receipt; one service process, primary + streaming standby on the same 2-vCPU machine; rounds alternate sync and async',
      commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim(),
      date: new Date().toISOString(),
      backend: `Debian PostgreSQL (${execFileSync(join(postgresBin(), 'postgres'), ['--version']).toString().trim()}), synchronous_commit=remote_apply; Nest + Express over loopback HTTP`,
      machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, loadavg_at_start: loadStart, loadavg_at_end: loadavg() },
      burst: BURST,
      rounds: ROUNDS,
      ballots_per_s: { sync: rates.sync.map((r) => Math.round(r * 10) / 10), async: rates.async.map((r) => Math.round(r * 10) / 10) },
      ballots_per_s_median: { sync: Math.round(median(rates.sync) * 10) / 10, async: Math.round(median(rates.async) * 10) / 10 },
      cpu_ms_per_ballot: Object.fromEntries(MODES.map((m) => [m, {
        service: Math.round((cpu[m].service / (BURST * ROUNDS)) * 1000 * 10) / 10,
        primary: Math.round((cpu[m].primary / (BURST * ROUNDS)) * 1000 * 10) / 10,
        standby: Math.round((cpu[m].standby / (BURST * ROUNDS)) * 1000 * 10) / 10,
        total: Math.round(((cpu[m].service + cpu[m].primary + cpu[m].standby) / (BURST * ROUNDS)) * 1000 * 10) / 10,
      }])),
      ballots_cast: ballots,
      database_bytes_per_ballot: Math.round((sizeAfter - sizeBefore) / ballots),
      wal_bytes_per_ballot: Math.round(walBytes / ballots),
      growth_note: 'database size (every table and index) and WAL written during the timed rounds divided by the ballots cast; includes the sign-ins, cast codes, sessions and log leaves and checkpoints of those voters',
      sync_over_async: Math.round((median(rates.sync) / median(rates.async)) * 100) / 100,
      total_seconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/replicated-casting.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result.ballots_per_s_median)} sync/async ${result.sync_over_async}\n`);
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
