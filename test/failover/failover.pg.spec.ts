/**
 * Failover of PostgreSQL under a casting burst (issue 18 §3–4), on Debian's PostgreSQL with a
 * synchronous standby (support/replicated-postgres.ts) and the real voting service in its own
 * process (test/faults/support/fault-processes.ts), given only the multi-host URL
 * `primary,standby?target_session_attrs=read-write`:
 *
 *   1. the standby is lost: a cast waits at most URNA_SYNC_STANDBY_TIMEOUT_MS and is answered
 *      503 STANDBY_UNAVAILABLE with Retry-After and no receipt; once the standby is back the voter
 *      tries again and is told the ballot is recorded (or gets a receipt), never two ballots;
 *   2. a burst is cast; mid-burst the primary is killed (kill -9) and, a moment later, the
 *      standby promoted (`pg_ctl promote`, what an operator or Patroni does); the service finds
 *      the new primary by itself; voters without a receipt try again until casting resumes;
 *   3. afterwards every receipt ever issued verifies (signature, the leaf holds that ballot,
 *      inclusion in its checkpoint, consistency of that checkpoint with the last one, so the log
 *      did not fork across the failover), no voter has two ballots, and no receipt's ballot is
 *      missing from the ledger (ballots lost: 0).
 * The unavailability window (kill → first receipt issued by the new primary) and the figures
 * are printed and written to bench/results/failover.json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fromHex } from '../../src/domain/crypto/ballot';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';
import { createGuardedPool } from '../../src/ledger/postgres/guarded-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { openElection, type TestVoter } from '../support/open-election';
import { eventually, killService, ROOT, startVotingService, type Running } from '../faults/support/fault-processes';
import { expectReceiptsInLog, type Receipt } from '../faults/support/receipt-checks';
import { ReplicatedPostgres } from './support/replicated-postgres';
import { type Cast, Refused, voterPath } from './support/voter-path';

jest.setTimeout(300_000);

const STANDBY_TIMEOUT_MS = 3_000;
const BEFORE = 6;
const BURST = 10;
const AFTER = 4;
/** How long after the kill the standby is promoted (the time an operator or Patroni takes to decide). */
const PROMOTE_AFTER_MS = 1_000;

describe('PostgreSQL failover during a casting burst', () => {
  let dir: string;
  let pg: ReplicatedPostgres | undefined;
  let service: Running & { url: string } | undefined;
  afterAll(async () => {
    if (service) await killService(service);
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a lost standby gives a 503 and no receipt; a killed primary and a promoted standby lose no acknowledged ballot', async () => {
    const started = Date.now();
    const loadStart = loadavg();
    dir = await mkdtemp(join(tmpdir(), 'urna-failover-'));
    chmodSync(dir, 0o755);
    pg = await ReplicatedPostgres.start(join(dir, 'pg'));
    const setupPool = createGuardedPool({ connectionString: pg.url, max: 3 });
    const setupStore = new PostgresEventStore(setupPool, { schema: 'ledger' });
    await setupStore.migrate();
    const election = await openElection(setupStore, { voters: 1 + BEFORE + BURST + AFTER, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    await setupStore.close();
    await setupPool.end();

    process.env.URNA_SYNC_STANDBY_TIMEOUT_MS = String(STANDBY_TIMEOUT_MS);
    process.env.URNA_READ_DATABASE_URL = pg.readUrl;
    service = await startVotingService({
      DATABASE_URL: pg.url, VOTING_LEDGER_SCHEMA: 'ledger', VOTING_ELECTION_ID: election.electionId,
      VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key'),
    });
    delete process.env.URNA_SYNC_STANDBY_TIMEOUT_MS;
    delete process.env.URNA_READ_DATABASE_URL;
    const url = service.url;
    const firstKey = parseVerifierKey((await request(url).get('/log/key').expect(200)).body.vkey);

    const receipts: Receipt[] = [];
    const holders = new Map<string, Receipt>();
    const alreadyVoted = new Set<string>();
    const receivedAt: number[] = [];

    const { prepare, prepareWaiting } = voterPath(url, election.outboxDir);
    const record = (voter: TestVoter, res: { status: number; body: Receipt & { error?: string }; headers: Record<string, string> }) => {
      if (res.status === 201) {
        receipts.push(res.body);
        holders.set(voter.username, res.body);
        receivedAt.push(Date.now());
      } else if (res.status === 409 && res.body.error === 'ALREADY_VOTED') alreadyVoted.add(voter.username);
      else throw new Refused(res.status, res.body.error, res.headers);
    };
    /** A voter without a receipt tries again until the service answers: the same cast first
     * (session and cast code may still hold), a fresh sign-in when they do not; a 429 is waited out. */
    const retry = async (voter: TestVoter, pending?: Cast, limitMs = 90_000) => {
      const deadline = Date.now() + limitMs;
      let cast = pending;
      for (;;) {
        try {
          cast ??= await prepare(voter);
          record(voter, await cast());
          return;
        } catch (err) {
          if (err instanceof Refused && err.status === 409 && err.code === 'ALREADY_VOTED') return void alreadyVoted.add(voter.username);
          if (Date.now() > deadline) {
            // What the service said last, and whether it is still running: a refused connection
            // means it stopped listening, which the test alone cannot explain.
            console.log(`voter ${voter.username} gave up: ${(err as Error).message}\n${service?.output().slice(-4000)}`);
            throw err;
          }
          const rateLimited = err instanceof Refused && err.status === 429;
          // A 503 or a broken connection: the same cast may be sent again; anything else needs a new sign-in.
          if (!(err instanceof Refused && err.status === 503) && !rateLimited && err instanceof Refused) cast = undefined;
          const wait = rateLimited ? Math.min(Number(err.headers['retry-after'] ?? 1), 5) * 1000 : 300;
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    };
    const voters = election.voters;
    let next = 0;
    const take = (n: number) => voters.slice(next, (next += n));

    // 1. The standby is lost: a clear 503 within the deadline, no receipt.
    const [lonely] = take(1);
    const lonelyCast = await prepareWaiting(lonely);
    await pg.kill(pg.standby);
    const askedAt = Date.now();
    const refused = await lonelyCast();
    const standbyWaitMs = Date.now() - askedAt;
    if (refused.status !== 503) console.log(standbyWaitMs, JSON.stringify(refused.body), service.output().slice(-3000));
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe('STANDBY_UNAVAILABLE');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.mensaje).toMatch(/respaldo/);
    expect(refused.body.trackingCode).toBeUndefined();
    expect(standbyWaitMs).toBeGreaterThanOrEqual(STANDBY_TIMEOUT_MS - 100);
    expect(standbyWaitMs).toBeLessThan(STANDBY_TIMEOUT_MS + 5_000);
    await pg.startNode(pg.standby);
    await pg.waitForStandbyStreaming();
    await retry(lonely);
    // The cast that got the 503 was kept by the primary: the retry is told so, or (had it not
    // been kept) gets its one receipt; never both.
    expect(holders.has(lonely.username) !== alreadyVoted.has(lonely.username)).toBe(true);

    // 2. Casting before the failover.
    await Promise.all(take(BEFORE).map((v) => retry(v)));
    const before = openCheckpoint((await request(url).get('/log/checkpoint').expect(200)).text, firstKey);
    // Public reads go to the standby (URNA_READ_DATABASE_URL, prefer-standby): a receipt's
    // proof is there at once (remote_apply), served by a connection of the service to it.
    const clientsOnStandby = async () => Number((await pg!.sql(pg!.standby, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")).trim());
    for (const r of receipts) {
      const proof = await request(url).get('/log/proof/inclusion').query({ index: r.logIndex, size: r.checkpointSize }).expect(200);
      verifyInclusion(r.logIndex, r.checkpointSize, fromHex(r.leafHash, 32), proof.body.proof.map((h: string) => new Uint8Array(Buffer.from(h, 'base64'))), openCheckpoint(r.checkpoint, firstKey).rootHash);
    }
    expect(await clientsOnStandby()).toBeGreaterThan(0);

    // The burst: sessions and cast codes first, then every cast at once; the primary dies
    // after the first receipt of the burst.
    const burst = take(BURST);
    const casts = await Promise.all(burst.map(prepareWaiting));
    let killedAt = 0;
    let promotedAt = 0;
    let failover: Promise<void> | undefined;
    const failNow = () => {
      failover ??= (async () => {
        await pg!.killPrimary();
        killedAt = Date.now();
        await new Promise((r) => setTimeout(r, PROMOTE_AFTER_MS));
        await pg!.promote();
        promotedAt = Date.now();
      })();
    };
    const answers: number[] = [];
    await Promise.all(casts.map((cast, i) => cast().then(
      (res) => {
        answers.push(res.status);
        if (res.status === 201 || (res.status === 409 && res.body.error === 'ALREADY_VOTED')) record(burst[i], res as never);
        failNow();
      },
      () => failNow(), // the connection broke: no receipt, the voter retries
    )));
    failNow();
    await failover;
    // Voters without a receipt try again until casting resumes.
    await Promise.all(burst.map((v, i) => (holders.has(v.username) || alreadyVoted.has(v.username) ? undefined : retry(v, casts[i]))));

    // 3. Casting goes on on the new primary.
    await Promise.all(take(AFTER).map((v) => retry(v)));
    // The first receipt after the kill: a burst voter's retry, or, when the whole burst was
    // answered before the kill took effect (a fast service), the first voter after it.
    const firstAfter = receivedAt.filter((t) => t > killedAt).sort((a, b) => a - b)[0];
    expect(firstAfter).toBeDefined();
    const unavailableSeconds = (firstAfter - killedAt) / 1000;
    await eventually(async () => (await request(url).get('/health')).status === 200, 30_000, '/health 200');
    for (const v of voters) expect(holders.has(v.username) || alreadyVoted.has(v.username)).toBe(true);

    // Every receipt verifies against the log on the new primary; the log did not fork.
    const finalPool = createGuardedPool({ connectionString: pg.url, max: 2 });
    const log = new MerkleLog(finalPool, { schema: 'ledger_log' });
    const last = openCheckpoint((await request(url).get('/log/checkpoint').expect(200)).text, firstKey);
    verifyConsistency(before.size, last.size, await log.consistencyProof(before.size, last.size), before.rootHash, last.rootHash);
    await expectReceiptsInLog(log, receipts, firstKey, last, { leaves: true });
    for (const r of receipts) {
      const checkpoint = openCheckpoint(r.checkpoint, firstKey);
      // And through the public API, whose reads now go to the promoted server.
      const proof = await request(url).get('/log/proof/inclusion').query({ index: r.logIndex, size: r.checkpointSize }).expect(200);
      verifyInclusion(r.logIndex, checkpoint.size, fromHex(r.leafHash, 32), proof.body.proof.map((h: string) => new Uint8Array(Buffer.from(h, 'base64'))), checkpoint.rootHash);
    }

    // No voter has two ballots; no acknowledged ballot is missing.
    const ledger = new PostgresEventStore(finalPool, { schema: 'ledger' });
    const events = (await ledger.readAll()).filter((e) => (e.data as { electionId?: string }).electionId === election.electionId);
    const perVoter = new Map<string, number>();
    for (const e of events.filter((x) => x.type === 'BallotCast')) {
      const p = (e.data as { pseudonym: string }).pseudonym;
      perVoter.set(p, (perVoter.get(p) ?? 0) + 1);
    }
    expect([...perVoter.values()].filter((c) => c > 1)).toEqual([]);
    const published = new Set(events.filter((e) => e.type === 'BallotCast').map((e) => (e.data as { trackingCode: string }).trackingCode));
    const lost = receipts.filter((r) => !published.has(r.trackingCode)).length;
    expect(lost).toBe(0);
    await ledger.close();
    await finalPool.end();

    const figures = {
      commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim(),
      date: new Date().toISOString(),
      backend: 'Debian PostgreSQL primary + synchronous standby (remote_apply), kill -9 of the primary, pg_ctl promote',
      load: { start: loadStart, end: loadavg() },
      promoteAfterMs: PROMOTE_AFTER_MS,
      unavailableSeconds,
      promotionSeconds: (promotedAt - killedAt) / 1000,
      reconnectAfterPromotionSeconds: (firstAfter - promotedAt) / 1000,
      ballotsLost: lost,
      receipts: receipts.length,
      alreadyRecorded: alreadyVoted.size,
      burstAnswers: answers.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}),
      logSizeBefore: before.size,
      logSizeAfter: last.size,
      standbyLost: { timeoutMs: STANDBY_TIMEOUT_MS, answeredInMs: standbyWaitMs, status: refused.status },
      totalSeconds: (Date.now() - started) / 1000,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/failover.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`failover: unavailable ${unavailableSeconds.toFixed(2)} s (promotion ${PROMOTE_AFTER_MS} ms after the kill), ballots lost ${lost}, ${receipts.length} receipts verified, standby lost → 503 in ${standbyWaitMs} ms`);
  });
});
