/**
 * Scale-out, end to end (issue 18 §1–2): two service processes, each on its own port, behind
 * Debian's nginx (started by the test as a child process), on one PostgreSQL (its own process).
 * Voters sign in and cast through the proxy, which spreads their requests round robin, so a
 * challenge fetched from one instance is signed in with on the other, and a code sent by one is
 * confirmed on the other. One voter casts on A and on B at the same instant, with one code and
 * one session: exactly one ballot. Then, mid-burst, the instance that holds the log lease is
 * killed with SIGKILL; the other takes the lease over (the time is printed and written to
 * bench/results/scale-out.json), the proxy sends everything to it, and voters whose cast died
 * with the killed instance cast again. Afterwards every receipt ever issued verifies against the
 * log, the checkpoint before the kill is consistent with the final one and every signed
 * checkpoint with the next (no fork), leaf indexes are dense (0 … size − 1, one leaf per ledger
 * event), no voter has two ballots and no acknowledged ballot is missing.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { verifyConsistency } from '../../src/ledger/merkle/verify';
import { createGuardedPool } from '../../src/ledger/postgres/guarded-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { openElection, type TestVoter } from '../support/open-election';
import { encryptFor, lastSmsCode, loginBody, smsCount } from '../voting/support/voter-client';
import { eventually, killService, startDatabase, startVotingService, type Running } from '../faults/support/fault-processes';
import { expectReceiptsInLog, type Receipt } from '../faults/support/receipt-checks';
import { NGINX, startNginx, type NginxProxy } from './support/nginx-proxy';

jest.setTimeout(300_000);

const TTL_MS = 2000;
const BURST = 10;
const KILL_AFTER_RECEIPTS = 3;
const LOG_SCHEMA = 'ledger_log';

class Refused extends Error {
  constructor(readonly status: number, readonly code: string | undefined) {
    super(`HTTP ${status} ${code ?? ''}`);
  }
}

function ok<T extends { status: number; body: { error?: string } }>(res: T, status: number): T {
  if (res.status !== status) throw new Refused(res.status, res.body?.error);
  return res;
}

describe('scale-out: two instances behind nginx, the log leader killed mid-burst', () => {
  let dir: string;
  const running = new Set<Running>();
  let proxy: NginxProxy | undefined;
  afterAll(async () => {
    await proxy?.stop();
    for (const r of running) r.child.kill('SIGKILL');
    await Promise.all([...running].map((r) => r.exited));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves voters on both instances, takes the log over within seconds, and loses or forks nothing', async () => {
    if (!NGINX) throw new Error('nginx is not installed: run scripts/ensure-system-packages.sh nginx');
    const loadAtStart = loadavg();
    const started = Date.now();
    dir = await mkdtemp(join(tmpdir(), 'urna-scale-out-'));
    chmodSync(dir, 0o755);
    const dataDir = join(dir, 'data');
    const db = await startDatabase(dataDir);
    running.add(db);
    const pool = createGuardedPool({ connectionString: db.url, max: 3 });
    const store = new PostgresEventStore(pool, { schema: 'ledger' });
    await store.migrate();
    const election = await openElection(store, { voters: BURST + 3, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    await store.close();

    const env = {
      DATABASE_URL: db.url, VOTING_LEDGER_SCHEMA: 'ledger', VOTING_ELECTION_ID: election.electionId,
      VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key'), URNA_LOG_LEASE_TTL_MS: String(TTL_MS),
    };
    // A first: it creates the log's key file, which B then reads (one log, one key).
    const a = await startVotingService({ ...env, URNA_INSTANCE_ID: 'A' });
    running.add(a);
    const b = await startVotingService({ ...env, URNA_INSTANCE_ID: 'B' });
    running.add(b);
    const instances = { A: a, B: b } as Record<string, Running & { url: string }>;
    const portOf = (s: { url: string }) => Number(new URL(s.url).port);
    proxy = await startNginx(join(dir, 'nginx'), [portOf(a), portOf(b)]);
    const via = proxy.url;
    const vkey = parseVerifierKey((await request(via).get('/log/key').expect(200)).body.vkey);
    const lease = async () => (await pool.query(`SELECT epoch, holder FROM ${LOG_SCHEMA}.log_lease`)).rows[0] as { epoch: string; holder: string };
    expect((await lease()).holder).toBe('A'); // the first to start took the free lease
    // Each instance's /health says whether it writes the log.
    const writer = async (s: { url: string }) => (await request(s.url).get('/health')).body.components.transparencyLog.writer;
    expect(await writer(a)).toEqual({ mode: 'lease', holder: 'A', leading: true, epoch: 1 });
    expect(await writer(b)).toEqual({ mode: 'lease', holder: 'B', leading: false });

    const receipts: Receipt[] = [];
    const holders = new Map<string, Receipt>();
    const alreadyVoted = new Set<string>();
    const outbox = election.outboxDir;

    /** A voter's path up to the cast, every request through `url`; returns the cast request (to send anywhere). */
    const prepare = async (url: string, voter: TestVoter) => {
      const phone = voter.record.mobilePhone;
      const before = await smsCount(outbox, phone);
      const login = ok(await request(url).post('/api/voter/login').send(await loginBody(url as never, voter.username, voter.password)), 200);
      const code = await lastSmsCode(outbox, phone, before);
      const token = ok(await request(url).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }), 200).body.sessionToken as string;
      const ballot = ok(await request(url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`), 200).body;
      const { ballot: encrypted, cast } = encryptFor(ballot);
      const sent = await smsCount(outbox, phone);
      const challengeId = ok(await request(url).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`), 200).body.challengeId as string;
      const castCode = await lastSmsCode(outbox, phone, sent);
      return (target: string) => request(target).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: encrypted, ...cast, challengeId, code: castCode });
    };
    const record = (voter: TestVoter, res: { status: number; body: Receipt & { error?: string } }) => {
      if (res.status === 201) {
        receipts.push(res.body);
        holders.set(voter.username, res.body);
      } else if (res.status === 409 && res.body.error === 'ALREADY_VOTED') alreadyVoted.add(voter.username);
      else throw new Refused(res.status, res.body.error);
    };
    const retry = async (voter: TestVoter) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const cast = await prepare(via, voter);
          return record(voter, await cast(via));
        } catch (err) {
          if (err instanceof Refused && err.status === 409 && err.code === 'ALREADY_VOTED') return void alreadyVoted.add(voter.username);
          if (attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };

    // 1. Stateless instances: a challenge from A signs in on B; the code B sent is confirmed on A.
    const [twice, ...rest] = election.voters;
    {
      const phone = twice.record.mobilePhone;
      const before = await smsCount(outbox, phone);
      const login = ok(await request(b.url).post('/api/voter/login').send(await loginBody(a.url as never, twice.username, twice.password)), 200);
      const code = await lastSmsCode(outbox, phone, before);
      ok(await request(a.url).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }), 200);
    }
    // One voter casts on A and on B at the same instant (one session, one code): one ballot.
    const castTwice = await prepare(via, twice);
    const both = await Promise.all([castTwice(a.url), castTwice(b.url)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    record(twice, both.find((r) => r.status === 201) as never);
    // And again later on B with a fresh session: told it already voted.
    await expect(prepare(b.url, twice).then((cast) => cast(b.url))).rejects.toMatchObject({ status: 409 });

    // 2. The burst through the proxy; the lease holder is killed after a few receipts.
    const burstVoters = rest.slice(0, BURST);
    const casts = await Promise.all(burstVoters.map((v) => prepare(via, v)));
    const beforeKill = openCheckpoint((await request(via).get('/log/checkpoint').expect(200)).text, vkey);
    const leaderAtKill = await lease();
    const leader = instances[leaderAtKill.holder];
    let killedAt = 0;
    let kill: Promise<void> | undefined;
    let answered = 0;
    const killNow = () => {
      if (kill) return;
      killedAt = Date.now();
      kill = killService(leader);
    };
    await Promise.all(casts.map((cast, i) => cast(via).then(
      (res) => {
        if (res.status === 201 || (res.status === 409 && res.body.error === 'ALREADY_VOTED')) record(burstVoters[i], res as never);
        if (res.status === 201 && ++answered >= KILL_AFTER_RECEIPTS) killNow();
      },
      () => undefined, // the connection died with the instance: the voter retries below
    )));
    killNow();
    await kill;
    // The survivor takes the lease: measured from the kill to the new epoch on the database.
    let takeoverMs = 0;
    for (;;) {
      const now = await lease();
      if (Number(now.epoch) > Number(leaderAtKill.epoch) && now.holder !== leaderAtKill.holder) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      if (Date.now() - killedAt > 30_000) throw new Error('no instance took the log lease over within 30 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    const survivor = instances[leaderAtKill.holder === 'A' ? 'B' : 'A'];
    await eventually(async () => (await writer(survivor)).leading === true, 10_000, 'the survivor\'s /health saying it leads');
    expect(await writer(survivor)).toMatchObject({ leading: true, epoch: Number(leaderAtKill.epoch) + 1 });
    await Promise.all(burstVoters.filter((v) => !holders.has(v.username) && !alreadyVoted.has(v.username)).map(retry));
    const firstAfter = rest[BURST];
    const afterStarted = Date.now();
    await retry(firstAfter);
    const receiptAfterMs = Date.now() - afterStarted;
    expect(holders.has(firstAfter.username)).toBe(true);
    for (const v of [twice, ...burstVoters, firstAfter]) expect(holders.has(v.username) || alreadyVoted.has(v.username)).toBe(true);

    // 3. Every receipt verifies against the final log; the log never forked; indexes are dense.
    const log = new MerkleLog(pool, { schema: LOG_SCHEMA });
    const final = openCheckpoint((await request(via).get('/log/checkpoint').expect(200)).text, vkey);
    await expectReceiptsInLog(log, receipts, vkey, final);
    verifyConsistency(beforeKill.size, final.size, await log.consistencyProof(beforeKill.size, final.size), beforeKill.rootHash, final.rootHash);
    const history = (await pool.query(`SELECT size, note FROM ${LOG_SCHEMA}.checkpoints ORDER BY seq`)).rows as { size: string; note: string }[];
    for (let i = 1; i < history.length; i++) {
      const [older, newer] = [openCheckpoint(history[i - 1].note, vkey), openCheckpoint(history[i].note, vkey)];
      if (older.size === 0) continue;
      verifyConsistency(older.size, newer.size, await log.consistencyProof(older.size, newer.size), older.rootHash, newer.rootHash);
    }
    const ledger = new PostgresEventStore(pool, { schema: 'ledger' });
    const head = await ledger.head();
    for (let i = 0; (await log.size()) < head; i++) {
      if (i > 300) throw new Error('the log did not catch up with the ledger');
      await new Promise((r) => setTimeout(r, 50));
    }
    const leaves = (await pool.query(`SELECT count(*)::int AS n, coalesce(min(idx), 0)::int AS lo, coalesce(max(idx), -1)::int AS hi FROM ${LOG_SCHEMA}.leaves`)).rows[0];
    expect(leaves).toEqual({ n: head, lo: 0, hi: head - 1 });
    const epochs = (await pool.query(`SELECT epoch::int, holder FROM ${LOG_SCHEMA}.log_lease_epochs ORDER BY epoch`)).rows as { epoch: number; holder: string }[];
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i + 1));
    expect(epochs[epochs.length - 1].holder).not.toBe(leaderAtKill.holder);

    // No voter has two ballots; every acknowledged ballot is in the ledger.
    const events = await ledger.readAll();
    const ofElection = (type: string) => events.filter((e) => e.type === type && (e.data as { electionId?: string }).electionId === election.electionId);
    const perVoter = new Map<string, number>();
    for (const e of ofElection('BallotCast')) {
      const p = (e.data as { pseudonym: string }).pseudonym;
      perVoter.set(p, (perVoter.get(p) ?? 0) + 1);
    }
    expect([...perVoter.values()].filter((n) => n > 1)).toEqual([]);
    expect(perVoter.get(twice.pseudonym)).toBe(1);
    const published = new Set(ofElection('BallotCast').map((e) => (e.data as { trackingCode: string }).trackingCode));
    const lost = receipts.filter((r) => !published.has(r.trackingCode)).length;
    expect(lost).toBe(0);
    await ledger.close();
    await pool.end();

    const result = {
      what: 'leader kill behind nginx: 2 service processes, 1 PostgreSQL, log lease TTL ' + TTL_MS + ' ms',
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: resolve(__dirname, '../..') }).toString().trim(),
      date: new Date().toISOString(),
      backend: `nginx (${NGINX}) round robin, embedded PostgreSQL, node ${process.version}`,
      loadavgStart: loadAtStart,
      loadavgEnd: loadavg(),
      voters: election.voters.length,
      receipts: receipts.length,
      alreadyVotedAfterRetry: alreadyVoted.size,
      takeoverSeconds: takeoverMs / 1000,
      firstReceiptAfterTakeoverSeconds: receiptAfterMs / 1000,
      checkpointsSigned: history.length,
      epochs: epochs.map((e) => `${e.epoch}:${e.holder}`),
      ballotsLost: lost,
      totalSeconds: (Date.now() - started) / 1000,
    };
    console.log(`scale-out: the log leader (${leaderAtKill.holder}) killed; lease taken over in ${result.takeoverSeconds.toFixed(2)} s (TTL ${TTL_MS / 1000} s); ${receipts.length} receipts verified, ${lost} ballots lost, ${Math.round(result.totalSeconds)} s`);
    mkdirSync(resolve(__dirname, '../../bench/results'), { recursive: true });
    writeFileSync(resolve(__dirname, '../../bench/results/scale-out.json'), `${JSON.stringify(result, null, 2)}\n`);
  });
});
