/**
 * The crash matrix (issue 16 §3): while voters cast, the service is killed, PostgreSQL is
 * killed, or both are, each at three points of a casting burst (casts just sent, one
 * acknowledged, two acknowledged): 3 × 3 kills over one election. After each kill the dead
 * process is started again, as its supervisor would (the service, or the database server on
 * the same folder and port); nothing else is done by hand — the service reconnects by itself,
 * and voters who got no receipt simply try again.
 *
 * Afterwards: every receipt ever issued verifies (its checkpoint's signature with the key of the
 * first start, the leaf holds that very ballot, inclusion in that checkpoint, and consistency of
 * that checkpoint with the final one); no voter has two ballots; every voter either holds a
 * receipt or was told ALREADY_VOTED because the cast was recorded before the crash, and such a
 * cast is in the ledger; and the service serves a last voter with no manual step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { createGuardedPool } from '../../src/ledger/postgres/guarded-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { openElection, type TestVoter } from '../support/open-election';
import { encryptFor, lastSmsCode, loginBody, smsCount } from '../voting/support/voter-client';
import { expectReceiptsInLog, type Receipt } from './support/receipt-checks';
import { eventually, killDatabase, killService, startDatabase, startVotingService, type Running } from './support/fault-processes';

jest.setTimeout(600_000);

type Kind = 'service' | 'database' | 'both';
/** Receipts of the burst after which the kill comes (0: the casts are in flight, none answered). */
const POINTS = [0, 1, 2] as const;
const KINDS: Kind[] = ['service', 'database', 'both'];
const PER_BURST = 3;

class Refused extends Error {
  constructor(readonly status: number, readonly code: string | undefined) {
    super(`HTTP ${status} ${code ?? ''}`);
  }
}

/** Fails with Refused unless the status is the one expected (the helpers of voter-client expect the happy path). */
function ok<T extends { status: number; body: { error?: string } }>(res: T, status: number): T {
  if (res.status !== status) throw new Refused(res.status, res.body?.error);
  return res;
}

describe('crash matrix: service, database and both killed during a casting burst', () => {
  let dir: string;
  const running = new Set<Running>();
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await Promise.all([...running].map((r) => r.exited));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every receipt valid, never gives a voter two ballots, and recovers by itself', async () => {
    const started = Date.now();
    dir = await mkdtemp(join(tmpdir(), 'urna-crash-matrix-'));
    chmodSync(dir, 0o755);
    const dataDir = join(dir, 'data');
    let db = await startDatabase(dataDir);
    running.add(db);
    const pool = createGuardedPool({ connectionString: db.url, max: 3 });
    const store = new PostgresEventStore(pool, { schema: 'ledger' });
    await store.migrate();
    const rounds = KINDS.flatMap((kind) => POINTS.map((point) => ({ kind, point })));
    const election = await openElection(store, { voters: rounds.length * PER_BURST + 1, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    await store.close();
    await pool.end();

    const env = {
      DATABASE_URL: db.url, VOTING_LEDGER_SCHEMA: 'ledger', VOTING_ELECTION_ID: election.electionId,
      VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key'),
    };
    let service = await startVotingService(env);
    running.add(service);
    const firstKey = parseVerifierKey((await request(service.url).get('/log/key').expect(200)).body.vkey);

    const receipts: Receipt[] = [];
    /** What casts in flight got while only the database was down (the service answers them all). */
    const duringOutage: number[] = [];
    const alreadyVoted = new Set<string>();
    const holders = new Map<string, Receipt>();

    /** One voter's whole path; throws Refused or a network error where it stops. */
    const prepare = async (voter: TestVoter) => {
      const url = service.url;
      const before = await smsCount(election.outboxDir, voter.record.mobilePhone);
      const login = ok(await request(url).post('/api/voter/login').send(await loginBody(url as never, voter.username, voter.password)), 200);
      const code = await lastSmsCode(election.outboxDir, voter.record.mobilePhone, before);
      const token = ok(await request(url).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }), 200).body.sessionToken as string;
      const ballot = ok(await request(url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`), 200).body;
      const { ballot: encrypted, cast } = encryptFor(ballot);
      const sent = await smsCount(election.outboxDir, voter.record.mobilePhone);
      const challenge = ok(await request(url).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`), 200).body.challengeId as string;
      const castCode = await lastSmsCode(election.outboxDir, voter.record.mobilePhone, sent);
      return () => request(url).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: encrypted, ...cast, challengeId: challenge, code: castCode });
    };
    const record = (voter: TestVoter, res: { status: number; body: Receipt & { error?: string } }) => {
      if (res.status === 201) {
        receipts.push(res.body);
        holders.set(voter.username, res.body);
      } else if (res.status === 409 && res.body.error === 'ALREADY_VOTED') alreadyVoted.add(voter.username);
      else throw new Refused(res.status, res.body.error);
    };
    /** After a recovery, a voter without a receipt tries again until the service answers. */
    const retry = async (voter: TestVoter) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const cast = await prepare(voter);
          record(voter, await cast());
          return;
        } catch (err) {
          if (err instanceof Refused && err.status === 409 && err.code === 'ALREADY_VOTED') return void alreadyVoted.add(voter.username);
          if (attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const healthy = () => eventually(async () => (await request(service.url).get('/health')).status === 200, 60_000, '/health 200');

    for (const [n, { kind, point }] of rounds.entries()) {
      const voters = election.voters.slice(n * PER_BURST, (n + 1) * PER_BURST);
      const casts = await Promise.all(voters.map(prepare));
      let answered = 0;
      let kill: Promise<void> | undefined;
      const killNow = () => {
        if (kill) return;
        kill = (async () => {
          if (kind !== 'database') await killService(service);
          if (kind !== 'service') await killDatabase(db, dataDir);
        })();
      };
      const burst = casts.map((cast, i) => cast().then(
        (res) => {
          if (!kill) record(voters[i], res as never);
          else if (res.status === 201) record(voters[i], res as never); // acknowledged before the kill reached it
          else if (kind === 'database') duringOutage.push(res.status);
          answered += res.status === 201 ? 1 : 0;
          if (answered >= point) killNow();
        },
        () => undefined, // the connection died with the service: no receipt, the voter retries
      ));
      if (point === 0) {
        await new Promise((r) => setTimeout(r, 30));
        killNow();
      }
      await Promise.all(burst);
      killNow();
      await kill;
      if (kind !== 'service') {
        db = await startDatabase(dataDir, db.port);
        running.add(db);
      }
      if (kind !== 'database') {
        service = await startVotingService(env);
        running.add(service);
      }
      await healthy();
      await Promise.all(voters.filter((v) => !holders.has(v.username) && !alreadyVoted.has(v.username)).map(retry));
      console.log(`crash matrix: ${kind} killed after ${point} receipts — ${receipts.length} receipts, ${alreadyVoted.size} recorded before a crash (${Math.round((Date.now() - started) / 1000)} s)`);
    }

    // A cast in flight when the database died got a clean 503, never a 500 (the service lived).
    expect(duringOutage.filter((status) => status !== 503)).toEqual([]);

    // The service serves a last voter with no manual step.
    const last = election.voters[election.voters.length - 1];
    await retry(last);
    expect(holders.has(last.username)).toBe(true);

    // Every voter holds a receipt or was told their cast was already recorded.
    for (const v of election.voters) expect(holders.has(v.username) || alreadyVoted.has(v.username)).toBe(true);

    // Every receipt ever issued verifies against the final state of the log.
    const finalPool = createGuardedPool({ connectionString: db.url, max: 2 });
    const log = new MerkleLog(finalPool, { schema: 'ledger_log' });
    const finalCheckpoint = openCheckpoint((await request(service.url).get('/log/checkpoint').expect(200)).text, firstKey);
    await expectReceiptsInLog(log, receipts, firstKey, finalCheckpoint, { leaves: true });

    // No voter has two ballots; every cast told ALREADY_VOTED is recorded in the ledger.
    const ledger = new PostgresEventStore(finalPool, { schema: 'ledger' });
    const events = await ledger.readAll();
    const ofElection = (type: string) => events.filter((e) => e.type === type && (e.data as { electionId?: string }).electionId === election.electionId);
    const count = (type: string) => {
      const by = new Map<string, number>();
      for (const e of ofElection(type)) {
        const p = (e.data as { pseudonym: string }).pseudonym;
        by.set(p, (by.get(p) ?? 0) + 1);
      }
      return by;
    };
    const recorded = count('BallotCastByVoter');
    const published = count('BallotCast');
    expect([...recorded.values()].filter((c) => c > 1)).toEqual([]);
    expect([...published.values()].filter((c) => c > 1)).toEqual([]);
    for (const v of election.voters.filter((x) => alreadyVoted.has(x.username))) expect(recorded.get(v.pseudonym)).toBe(1);
    const publishedCodes = new Set(ofElection('BallotCast').map((e) => (e.data as { trackingCode: string }).trackingCode));
    for (const r of receipts) expect(publishedCodes.has(r.trackingCode)).toBe(true);
    await ledger.close();
    await finalPool.end();
    console.log(`crash matrix: ${rounds.length} kills, ${receipts.length} receipts verified, ${alreadyVoted.size} casts recorded before a crash, ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
