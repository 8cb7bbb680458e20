/**
 * Two instances of the voting service (two Nest apps, each with its own connection pool) on
 * one database share one rate-limit budget: requests spread over both are counted together,
 * per voter and per client address, because the throttlers count in PostgreSQL.
 */
import type { INestApplication } from '@nestjs/common';
import type express from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { openElection, type OpenElection } from '../support/open-election';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { createVotingApp } from './support/voting-app';

jest.setTimeout(120_000);

describe('rate limits shared by two instances', () => {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = freshSchemaName('voting_shared_limits');
  const store = new PostgresEventStore(pool, { schema });
  let dir: string;
  let election: OpenElection;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-shared-limits-'));
    await store.migrate();
    election = await openElection(store, { voters: 1, outboxDir: join(dir, 'outbox'), entities: ['01'] });
    for (let n = 0; n < 2; n++) {
      const app = await createVotingApp({
        databaseUrl, ledgerSchema: schema, electionId: election.electionId, outboxDir: election.outboxDir, keyFile: join(dir, 'log.key'), // one log, one signing key
        perIp: { capacity: 6, refillPerSecond: 0.001 },
        perVoter: { capacity: 3, refillPerSecond: 0.001 },
      });
      // Behind a proxy, so each test can speak from an address of its own (X-Forwarded-For).
      (app.getHttpAdapter().getInstance() as express.Express).set('trust proxy', true);
      apps.push(app);
    }
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  /** GET /api/voter/ballot on instance `i % 2` (401 without a valid session: nothing is recorded). */
  const ballot = (i: number, address: string, token?: string) => {
    const req = request(apps[i % 2].getHttpServer()).get('/api/voter/ballot').set('X-Forwarded-For', address);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('counts one voter’s requests to either instance against one budget', async () => {
    const token = `${'a'.repeat(26)}.${'b'.repeat(32)}`; // a well-formed session token of one pseudonym
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await ballot(i, '203.0.113.1', token);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    // Three answered (one instance twice, the other once), then both refuse.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(limited!.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(limited!.body.mensaje).toMatch(/Demasiadas solicitudes/);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Another voter from the same address still gets answers from both.
    const other = `${'c'.repeat(26)}.${'d'.repeat(32)}`;
    expect((await ballot(0, '203.0.113.1', other)).status).toBe(401);
    expect((await ballot(1, '203.0.113.1', other)).status).toBe(401);
  });

  it('counts one address’s requests to either instance against one budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await ballot(i, '198.51.100.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Another address is not affected, on either instance.
    expect((await ballot(0, '198.51.100.8')).status).toBe(401);
    expect((await ballot(1, '198.51.100.8')).status).toBe(401);
  });
});
