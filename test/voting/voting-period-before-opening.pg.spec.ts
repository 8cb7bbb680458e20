/**
 * The voter API keeps the voting period once the election is opened (it never changes after
 * ElectionOpened), so a sign-in no longer reads the lifecycle for it. Kept too early, it would
 * either let a sign-in through before the opening or refuse every sign-in after it: the same
 * service is asked before and after the opening.
 */
import type { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { openElection, type OpenElection } from '../support/open-election';
import { createVotingApp } from './support/voting-app';
import { loginBody, signIn } from './support/voter-client';

jest.setTimeout(120_000);

describe('the voting period, kept once the election is opened', () => {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = freshSchemaName('voting_period');
  const store = new PostgresEventStore(pool, { schema });
  let dir: string;
  let app: INestApplication;
  let server: App;
  let election: OpenElection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-voting-period-'));
    await store.migrate();
    election = await openElection(store, { voters: 2, outboxDir: join(dir, 'outbox'), open: false });
    app = await createVotingApp({ databaseUrl, ledgerSchema: schema, electionId: election.electionId, outboxDir: election.outboxDir, keyFile: join(dir, 'log.key') });
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a sign-in before the opening, then signs the same voter in once the election is opened', async () => {
    const [v] = election.voters;
    for (let k = 0; k < 2; k++) {
      const early = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, v.password));
      expect({ status: early.status, error: early.body.error }).toEqual({ status: 409, error: 'VOTING_NOT_STARTED' });
    }
    await election.openNow!();
    const token = await signIn(server, election.outboxDir, v);
    const ballot = await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ballot.body.votingClosesAt).toBe(election.votingClosesAt);
  });
});
