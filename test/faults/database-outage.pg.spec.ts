/**
 * Issue 16 §3, "degrade, never die": the PostgreSQL under a running service is killed with
 * kill -9. The service process must live on; while the database is gone every voter request
 * gets a clean 503 in both languages and /health answers "down"; when PostgreSQL is started
 * again on the same data folder, the service serves again by itself (no restart), and its
 * background loops (log sequencer, checkpoint signer, projections) resume: a ballot cast
 * afterwards gets a receipt in a signed checkpoint.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createGuardedPool } from '../../src/ledger/postgres/guarded-pool';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { pair } from '../../src/messages/catalog';
import { startupMessages } from '../../src/messages/startup.messages';
import { openElection } from '../support/open-election';
import { castCode, encryptFor, signIn } from '../voting/support/voter-client';
import { eventually, killDatabase, killService, startDatabase, startVotingService, type Running } from './support/fault-processes';

jest.setTimeout(120_000);

describe('the database is killed under a running service', () => {
  let dir: string;
  const running: Running[] = [];

  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await Promise.all(running.map((r) => r.exited));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 and "down" while it is gone, then serves again by itself once it is back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-outage-'));
    const dataDir = join(dir, 'data'); // the temp folder itself is handed to the postgres user
    const db = await startDatabase(dataDir);
    running.push(db);
    const pool = createGuardedPool({ connectionString: db.url, max: 2 });
    const store = new PostgresEventStore(pool, { schema: 'ledger' });
    await store.migrate();
    const election = await openElection(store, { voters: 4, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    await store.close();
    await pool.end();

    const service = await startVotingService({
      DATABASE_URL: db.url, VOTING_LEDGER_SCHEMA: 'ledger', VOTING_ELECTION_ID: election.electionId,
      VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key'),
    });
    running.push(service);
    const [first, second] = election.voters;
    const token = await signIn(service.url as never, election.outboxDir, first);
    await request(service.url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200);
    await request(service.url).get('/health').expect(200);

    // Requests in flight when the database dies, and for a while after: each gets an answer,
    // 200 or a clean 503, never a 500 or a dropped connection.
    const outcomes: (number | string)[] = [];
    let burst = true;
    const client = async () => {
      while (burst) {
        for (const attempt of [
          () => request(service.url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`),
          () => request(service.url).post('/api/voter/login/challenge').send({}),
          () => request(service.url).get('/log/checkpoint'),
        ]) {
          outcomes.push(await attempt().then((r) => r.status, (e: Error) => e.message));
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await new Promise((r) => setTimeout(r, 300));
    await killDatabase(db, dataDir);
    await new Promise((r) => setTimeout(r, 1_000));
    burst = false;
    await Promise.all(clients);
    expect(outcomes.filter((o) => o !== 200 && o !== 503)).toEqual([]);
    expect(outcomes).toContain(503);

    // The service lives on and says so: every request a clean 503, /health "down".
    const unavailable = pair(startupMessages, 'unavailable.database');
    await eventually(async () => (await request(service.url).get('/health')).status === 503, 10_000, '/health 503');
    const health = await request(service.url).get('/health');
    expect(health.body.status).toBe('down');
    expect(health.body.components.ledger.status).toBe('down');
    for (const attempt of [
      () => request(service.url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`),
      () => request(service.url).post('/api/voter/login/challenge').send({}),
      () => request(service.url).get('/log/checkpoint'),
    ]) {
      const res = await attempt();
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: 'DATABASE_UNAVAILABLE', message: unavailable.en, mensaje: unavailable.es });
    }
    // Still down a while later: no crash after the pool's idle connections noticed.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(service.child.exitCode).toBeNull();
    expect((await request(service.url).get('/health')).body.status).toBe('down');

    // PostgreSQL comes back on the same folder and port; the service was never restarted.
    running.push(await startDatabase(dataDir, db.port));
    await eventually(async () => (await request(service.url).get('/health')).status === 200, 30_000, '/health 200 again');
    expect(service.child.exitCode).toBeNull();

    // Sign-in (voting projection), cast (sequencer, checkpoint signer) and receipt all work again.
    const again = await signIn(service.url as never, election.outboxDir, second);
    const ballot = (await request(service.url).get('/api/voter/ballot').set('Authorization', `Bearer ${again}`).expect(200)).body;
    const { ballot: encrypted, cast } = encryptFor(ballot);
    const code = await castCode(service.url as never, election.outboxDir, second, again);
    const receipt = await request(service.url).post('/api/voter/cast').set('Authorization', `Bearer ${again}`).send({ ballot: encrypted, ...cast, ...code });
    expect(receipt.status).toBe(201);
    await eventually(async () => (await request(service.url).get('/health')).body.components?.transparencyLog?.lagEvents === 0, 10_000, 'log caught up');
    await killService(service);
  });
});
