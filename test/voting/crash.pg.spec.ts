/**
 * An acknowledged ballot is never lost: the service runs in a child process while voters
 * cast; it is killed with SIGKILL mid-way and restarted. Every receipt issued before the kill
 * names a leaf of the log that holds that very ballot, and logins still work after restart
 * (the username directory is rebuilt from the ledger, not kept in memory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { openElection } from '../support/open-election';
import { castCode, encryptFor, signIn } from './support/voter-client';

jest.setTimeout(150_000);

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', resolve(__dirname, 'support/voting-server.ts')], {
    env: { ...process.env, ...env }, cwd: resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) ok({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
}

describe('crash while voters cast', () => {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = freshSchemaName('voting_crash');
  const store = new PostgresEventStore(pool, { schema });
  let dir: string;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ballot across SIGKILL and restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-voting-crash-'));
    await store.migrate();
    const election = await openElection(store, { voters: 16, outboxDir: join(dir, 'outbox'), entities: ['01', '14'] });
    const env = { DATABASE_URL: databaseUrl, VOTING_LEDGER_SCHEMA: schema, VOTING_ELECTION_ID: election.electionId, VOTING_OUTBOX_DIR: election.outboxDir, VOTING_KEY_FILE: join(dir, 'log.key') };
    let server = await startServer(env);
    child = server.child;

    const receipts: { trackingCode: string; logIndex: number; leafHash: string }[] = [];
    const first = election.voters.slice(0, 12);
    let killed = false;
    const voteAll = first.map(async (v) => {
      try {
        const token = await signIn(server.url as never, election.outboxDir, v);
        const ballot = (await request(server.url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`)).body;
        const { ballot: encrypted, cast } = encryptFor(ballot);
        const code = await castCode(server.url as never, election.outboxDir, v, token);
        const res = await request(server.url).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: encrypted, ...cast, ...code });
        if (res.status === 201) {
          receipts.push(res.body);
          if (receipts.length === 5 && !killed) {
            killed = true;
            child!.kill('SIGKILL');
          }
        }
      } catch {
        // connection refused / reset after the kill: not acknowledged, so not counted
      }
    });
    await Promise.all(voteAll);
    expect(receipts.length).toBeGreaterThanOrEqual(5);

    server = await startServer(env);
    child = server.child;
    // A login after the restart works (directory rebuilt from the ledger), and casting resumes.
    const late = election.voters[15];
    const token = await signIn(server.url as never, election.outboxDir, late);
    const { ballot, cast } = encryptFor((await request(server.url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`)).body);
    const code = await castCode(server.url as never, election.outboxDir, late, token);
    const after = await request(server.url).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, ...code }).expect(201);
    receipts.push(after.body);

    const log = new MerkleLog(pool, { schema: `${schema}_log` });
    for (const r of receipts) {
      const [leaf] = await log.entries(r.logIndex, r.logIndex + 1);
      expect(Buffer.from(leaf.leafHash).toString('hex')).toBe(r.leafHash);
      const entry = JSON.parse(Buffer.from(leaf.data).toString('utf8'));
      expect(entry.data.trackingCode).toBe(r.trackingCode);
    }
    console.log(`crash test: ${receipts.length - 1} receipts before SIGKILL, all in the log after restart`);
  });
});
