/**
 * Casting with receipts under load (issue 17 §3): accepted ballots per second and the receipt's
 * latency (p50, p99) at several concurrency levels, with the checkpoint loop's fixed 1 s tick
 * (the cadence before log.md §4.4) and on demand, side by side: for each level both modes run,
 * in alternating order, on the same election and machine.
 *
 * The service is the real one over loopback HTTP (Nest + Express, PostgreSQL ledger, Merkle log
 * and checkpoint signer, ballot proofs on the crypto worker threads), on an open election of
 * test/support/open-election.ts with many distinct voters. Each voter signs in, fetches the
 * ballot and gets a cast code before the clock starts, and its ballot is encrypted and signed in
 * worker threads (casting-load.worker.ts) and serialised; the clock covers only
 * POST /api/voter/cast, answered with a receipt once the ballot is in a signed checkpoint. Each
 * voter comes from its own address (X-Forwarded-For, believed from the loopback proxy). SMS codes
 * are taken as they are sent (the outbox still gets them). The production throttlers and work
 * budgets apply; refusals are counted as errors by status.
 *
 * CPU: the bench process (service + the light HTTP client; encryption happens before the clock)
 * by process.cpuUsage, PostgreSQL by /proc of the server's processes; both per accepted ballot.
 * Writes bench/results/casting-load.json.
 *   npm run bench -- casting-load
 *   LEVELS (8,32,128), CASTS (per level and mode: max(32, 1.5 × level)), MODES (fixed_1s_tick,on_demand)
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../src/config/configuration';
import { signLogin } from '../src/domain/crypto/credential/login-signature';
import { canonicalUsername } from '../src/domain/authentication/secrets';
import { LedgerModule } from '../src/ledger/ledger.module';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { OutboxMailSender, OutboxSmsSender } from '../src/messaging/outbox';
import { groupBackendFromEnv } from '../src/parallel/group-backend';
import { nodeRandomSource } from '../src/roll/node-random-source';
import { CapturingSmsSender } from '../src/simulacro/capturing-sms-sender';
import { applyVotingHttpSettings } from '../src/voting/http-settings';
import { DEFAULT_PER_IP, DEFAULT_PER_VOTER } from '../src/voting/voting-api.options';
import { VotingApiModule } from '../src/voting/voting-api.module';
import { openElection, type TestVoter } from '../test/support/open-election';
import type { EncryptedJob, EncryptJob } from './casting-load.worker';

const LEVELS = (process.env.LEVELS ?? '8,32,128').split(',').map(Number);
const MODES = (process.env.MODES ?? 'fixed_1s_tick,on_demand').split(',') as Mode[];
const castsFor = (level: number) => Number(process.env.CASTS ?? Math.max(32, Math.round(1.5 * level)));
const PREP_CONCURRENCY = 16;
const LOG_ORIGIN = 'bench.urna.test/log';
const BOOTH_ORIGIN = 'https://casilla.example.test';

type Mode = 'fixed_1s_tick' | 'on_demand';

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function send(base: string, method: string, path: string, body: Buffer | undefined, address: string, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'X-Forwarded-For': address, Origin: BOOTH_ORIGIN };
    if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown> = {};
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          parsed = { raw: text.slice(0, 200) };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (x: unknown) => Buffer.from(JSON.stringify(x));

/** A preparation request (not timed): after a 429 or 503 of the budgets it waits and tries again. */
async function expectOk(what: string, request: () => Promise<Answer>): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt++) {
    const r = await request();
    if (r.status < 300) return r.body;
    if ((r.status !== 429 && r.status !== 503) || attempt >= 30) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
  }
}

/** Runs `f` over `items` with at most `n` in flight. */
async function inParallel<T, R>(items: T[], n: number, f: (item: T, k: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k], k);
    }
  }));
  return out;
}

interface App {
  app: INestApplication;
  base: string;
  sms: CapturingSmsSender;
}

async function startApp(mode: Mode, databaseUrl: string, schema: string, electionId: string, dir: string): Promise<App> {
  const sms = new CapturingSmsSender(new OutboxSmsSender(join(dir, 'outbox')));
  const bulletinBoard = BulletinBoardModule.forRoot({
    origin: LOG_ORIGIN, keyFile: join(dir, 'log.key'), schema: `${schema}_log`, checkpointIntervalMs: 1000, checkpointOnDemand: mode === 'on_demand', publicReads: false,
    leadership: false,
  });
  const config = loadConfiguration({ DATABASE_URL: databaseUrl, LOG_FORMAT: 'text' });
  const voting = VotingApiModule.forRoot({
    electionId, mail: new OutboxMailSender(join(dir, 'outbox')), sms, random: nodeRandomSource,
    systemUrl: BOOTH_ORIGIN, allowedOrigins: [BOOTH_ORIGIN], perIp: DEFAULT_PER_IP, perVoter: DEFAULT_PER_VOTER, projectionSchema: `${schema}_voting`,
  }, bulletinBoard);
  const app = await NestFactory.create(
    { module: class CastingBenchApp {}, imports: [LedgerModule.forRoot(config, { schema }), bulletinBoard, voting] },
    { bodyParser: false, logger: ['error'] },
  );
  applyVotingHttpSettings(app, { trustedProxies: ['loopback'] });
  await app.init();
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, sms };
}

interface Prepared {
  voter: TestVoter;
  address: string;
  token: string;
  body: Buffer;
}

/** Sign-in, ballot and cast code for each voter over HTTP, then encryption in worker threads. */
async function prepare(a: App, voters: TestVoter[], firstAddress: number, workers: Worker[]): Promise<Prepared[]> {
  const steps = await inParallel(voters, PREP_CONCURRENCY, async (voter, k) => {
    const n = firstAddress + k;
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const phone = voter.record.mobilePhone;
    const { challenge, electionId } = (await expectOk('challenge', () => send(a.base, 'POST', '/api/voter/login/challenge', json({}), address))) as { challenge: string; electionId: string };
    const canonical = canonicalUsername(voter.username) ?? voter.username;
    const login = await expectOk('login', () => send(a.base, 'POST', '/api/voter/login', json({ username: voter.username, challenge, signature: signLogin(voter.credential, electionId, canonical, challenge) }), address));
    const loginCode = await a.sms.nextCode(phone);
    const confirm = await expectOk('confirm', () => send(a.base, 'POST', '/api/voter/login/confirm', json({ challengeId: login.challengeId, code: loginCode }), address));
    const token = confirm.sessionToken as string;
    const ballot = (await expectOk('ballot', () => send(a.base, 'GET', '/api/voter/ballot', undefined, address, token))) as unknown as EncryptJob['ballot'];
    const cast = await expectOk('cast code', () => send(a.base, 'POST', '/api/voter/cast/code', undefined, address, token));
    return { voter, address, token, ballot, challengeId: cast.challengeId as string, code: await a.sms.nextCode(phone) };
  });
  // Encryption: chunks spread over the worker threads.
  const chunks: number[][] = workers.map(() => []);
  steps.forEach((_, k) => chunks[k % workers.length].push(k));
  const encrypted: EncryptedJob[] = new Array(steps.length);
  await Promise.all(workers.map(async (w, i) => {
    const mine = chunks[i];
    const jobs: EncryptJob[] = mine.map((k) => ({ ballot: steps[k].ballot, credential: steps[k].voter.credential, pick: k }));
    const out = await new Promise<EncryptedJob[]>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage(jobs);
    });
    mine.forEach((k, j) => (encrypted[k] = out[j]));
  }));
  return steps.map((s, k) => ({
    voter: s.voter, address: s.address, token: s.token,
    body: json({ ...encrypted[k], challengeId: s.challengeId, code: s.code }),
  }));
}

/**
 * CPU seconds used so far by the PostgreSQL server listening on `port` and its processes, in
 * all and by kind (its title: "postgres: walwriter", "postgres: autovacuum worker", a backend
 * "postgres: <user> <db> <address> …" counts as "backend"), and by process. A process that
 * ended meanwhile (an autovacuum worker) is not counted.
 */
function postgresCpu(port: number): { total: number; byKind: Record<string, number>; byPid: Map<number, { cpu: number; kind: string }> } {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number; kind: string }>();
  let postmaster: number | undefined;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!stat.includes('(postgres)')) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const title = /^postgres: (.*)$/.exec(cmdline.trim())?.[1] ?? 'postmaster';
      const kind = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(title) ? 'backend' : title.replace(/\s+\d+$/, '').trim();
      stats.set(Number(name), { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / tick, kind });
      if (cmdline.includes(` -p ${port} `)) postmaster = Number(name);
    } catch {
      // the process ended meanwhile
    }
  }
  if (postmaster === undefined) return { total: NaN, byKind: {}, byPid: new Map() };
  let total = 0;
  const byKind: Record<string, number> = {};
  const byPid = new Map<number, { cpu: number; kind: string }>();
  for (const [pid, s] of stats) {
    if (pid !== postmaster && s.ppid !== postmaster) continue;
    total += s.cpu;
    byKind[s.kind] = (byKind[s.kind] ?? 0) + s.cpu;
    byPid.set(pid, { cpu: s.cpu, kind: s.kind });
  }
  return { total, byKind, byPid };
}

/**
 * The PostgreSQL CPU spent between two samples, process by process: a process that ended in
 * between (a backend the pool closed) drops out of the second sample, and subtracting totals
 * then counted its earlier CPU as negative (−0.3 ms per ballot in one run). Only
 * processes alive at the end count; one born in between counts from zero.
 */
function postgresCpuBetween(before: ReturnType<typeof postgresCpu>, after: ReturnType<typeof postgresCpu>): { total: number; byKind: Record<string, number> } {
  let total = 0;
  const byKind: Record<string, number> = {};
  for (const [pid, s] of after.byPid) {
    const spent = s.cpu - (before.byPid.get(pid)?.cpu ?? 0);
    total += spent;
    byKind[s.kind] = (byKind[s.kind] ?? 0) + spent;
  }
  return { total, byKind };
}

/** CPU seconds of this process's main thread and of all its other threads (crypto workers, libuv, GC), from /proc. */
function threadCpuSeconds(): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(rest[11]) + Number(rest[12])) / 100;
      if (Number(tid) === process.pid) main += cpu;
      else others += cpu;
    } catch {
      // the thread ended meanwhile
    }
  }
  return { main, others };
}

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Run {
  mode: Mode;
  level: number;
  casts: number;
  accepted: number;
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
  serviceCpu: number;
  mainThreadCpu: number;
  otherThreadsCpu: number;
  postgresCpu: number;
  postgresCpuByKind: Record<string, number>;
  checkpoints: number;
}

async function castAll(a: App, prepared: Prepared[], level: number, pgPort: number, pool: Pool, logSchema: string): Promise<Omit<Run, 'mode' | 'level'>> {
  const count = async () => Number((await pool.query(`SELECT count(*) AS n FROM "${logSchema}".checkpoints`)).rows[0].n);
  const checkpointsBefore = await count();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const threads0 = threadCpuSeconds();
  const pg0 = postgresCpu(pgPort);
  const started = performance.now();
  await inParallel(prepared, level, async (p) => {
    const t = performance.now();
    const r: Answer = await send(a.base, 'POST', '/api/voter/cast', p.body, p.address, p.token).catch(() => ({ status: 0, body: {} }));
    const key = r.status === 201 || r.status === 200 ? 'receipt' : `${r.status} ${String(r.body.code ?? '')}`.trim();
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (key === 'receipt') latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const threads = threadCpuSeconds();
  const pg1 = postgresCpu(pgPort);
  const pg = postgresCpuBetween(pg0, pg1);
  return {
    casts: prepared.length, accepted: latencies.length, seconds, latencies, statuses,
    serviceCpu: (cpu.user + cpu.system) / 1e6, postgresCpu: pg.total, postgresCpuByKind: pg.byKind,
    mainThreadCpu: threads.main - threads0.main, otherThreadsCpu: threads.others - threads0.others, checkpoints: (await count()) - checkpointsBefore,
  };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function summary(r: Run) {
  const s = [...r.latencies].sort((x, y) => x - y);
  const perBallot = (sec: number) => (r.accepted > 0 ? +((sec * 1000) / r.accepted).toFixed(1) : null);
  return {
    casts: r.casts,
    accepted_with_receipt: r.accepted,
    ballots_per_s: +(r.accepted / r.seconds).toFixed(1),
    receipt_p50_ms: Math.round(percentile(s, 0.5)),
    receipt_p99_ms: Math.round(percentile(s, 0.99)),
    receipt_max_ms: Math.round(s[s.length - 1] ?? NaN),
    answers: r.statuses,
    errors: r.casts - r.accepted,
    checkpoints_signed: r.checkpoints,
    cpu_ms_per_accepted_ballot: {
      bench_process_service_and_client: perBallot(r.serviceCpu),
      // The same process split by thread (/proc/self/task): the main thread runs Nest, the HTTP
      // client and the ledger's client side; the others are mostly the ballot-proof workers.
      main_thread: perBallot(r.mainThreadCpu), other_threads: perBallot(r.otherThreadsCpu),
      postgresql: perBallot(r.postgresCpu),
      postgresql_by_process: Object.fromEntries(Object.entries(r.postgresCpuByKind).filter(([, v]) => v > 0).map(([k, v]) => [k, perBallot(v)])),
    },
    seconds: +r.seconds.toFixed(2),
  };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((x) => +x.toFixed(2));
  const databaseUrl = process.env.DATABASE_URL!;
  const pgPort = Number(new URL(databaseUrl).port || 5432);
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = `bench_cast_${Date.now().toString(36)}`;
  const store = new PostgresEventStore(pool, { schema });
  await store.migrate();
  const dir = mkdtempSync(join(tmpdir(), 'urna-bench-cast-'));
  const total = LEVELS.reduce((a, l) => a + castsFor(l) * MODES.length, 0);
  process.stderr.write(`opening an election of ${total} voters…\n`);
  const t0 = performance.now();
  const election = await openElection(store, { voters: total, outboxDir: join(dir, 'outbox') });
  process.stderr.write(`  ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const workerFile = join(__dirname, 'casting-load.worker.ts');
  const workers = Array.from({ length: 2 }, () => new Worker(`require('urna-ts-register'); require(${JSON.stringify(workerFile)});`, { eval: true }));
  const runs: Run[] = [];
  let nextVoter = 0;
  for (const [i, level] of LEVELS.entries()) {
    const modes = i % 2 === 0 ? MODES : [...MODES].reverse();
    for (const mode of modes) {
      const a = await startApp(mode, databaseUrl, schema, election.electionId, dir);
      try {
        const voters = election.voters.slice(nextVoter, nextVoter + castsFor(level));
        const prepared = await prepare(a, voters, nextVoter, workers);
        nextVoter += voters.length;
        const r = { mode, level, ...(await castAll(a, prepared, level, pgPort, pool, `${schema}_log`)) };
        runs.push(r);
        const s = summary(r);
        const c = s.cpu_ms_per_accepted_ballot;
        process.stderr.write(`${level} in flight, ${mode}: ${s.ballots_per_s} ballots/s, p50 ${s.receipt_p50_ms} ms, p99 ${s.receipt_p99_ms} ms, errors ${s.errors}, ${s.checkpoints_signed} checkpoints; `
          + `CPU ms per ballot: main thread ${c.main_thread}, other threads ${c.other_threads}, PostgreSQL ${c.postgresql} (${JSON.stringify(c.postgresql_by_process)})\n`);
      } finally {
        await a.app.close();
      }
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));

  const byLevel = Object.fromEntries(LEVELS.map((level) => {
    const of = (mode: Mode) => runs.find((r) => r.level === level && r.mode === mode);
    const entries = Object.fromEntries(MODES.map((m) => [m, summary(of(m)!)]));
    const fixed = of('fixed_1s_tick');
    const demand = of('on_demand');
    const ratios = fixed && demand ? {
      throughput_on_demand_over_fixed: +((demand.accepted / demand.seconds) / (fixed.accepted / fixed.seconds)).toFixed(2),
      p50_fixed_over_on_demand: +(summary(fixed).receipt_p50_ms / summary(demand).receipt_p50_ms).toFixed(2),
    } : {};
    return [`in_flight_${level}`, { ...entries, ...ratios }];
  }));
  const result = {
    benchmark: 'casting-load',
    note: 'POST /api/voter/cast over loopback HTTP until the receipt (ballot durable and in a signed checkpoint), many distinct voters each from its own address, '
      + 'signed in and encrypted before the clock; closed loop with in_flight requests outstanding; per level both checkpoint cadences run on the same election, '
      + 'in alternating order (fixed_1s_tick: the loop signs once a second; on_demand: a waiting receipt wakes it, log.md §4.4); production throttlers and work budgets; '
      + 'no witnesses; software log key; CPU of the bench process includes the HTTP client; a shared, loaded 2-vCPU machine (see machine.loadavg_*)',
    commit: gitCommit(),
    date: new Date().toISOString(),
    backend: { group: groupBackendFromEnv(), crypto_workers: process.env.URNA_WORKERS ?? 'default', ledger: 'PostgreSQL (embedded unless DATABASE_URL)', http: 'Nest + Express, loopback' },
    voters: total,
    ...byLevel,
    target: { ballots_per_s: 200, receipt_p99_ms: 1500 },
    machine: { cpus: cpus().length, model: cpus()[0]?.model.split(' ').slice(0, 2).join(' '), loadavg_at_start: loadAtStart, loadavg_at_end: loadavg().map((x) => +x.toFixed(2)) },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'casting-load.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  agent.destroy();
  await store.close();
  for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
