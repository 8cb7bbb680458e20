/**
 * The public board's read API (/api/board/…) under hostile query strings: a bad election id
 * is a 4xx with {error, message, mensaje}, never a 500. Before, a NUL byte (`?election=%00`)
 * reached PostgreSQL, which refuses it in text, and the request ended in a 500. Real
 * ProjectionsModule, real PostgreSQL.
 */
import { Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { EVENT_STORE, PG_POOL } from '../../src/ledger/ledger.tokens';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

jest.setTimeout(60_000);

describe('board read API: hostile election ids', () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 4 });
  const schema = freshSchemaName('board_hostile');
  const projections = `${schema}_proj`;
  const store = new PostgresEventStore(pool, { schema });
  let app: INestApplication;

  beforeAll(async () => {
    await store.migrate();
    @Global()
    @Module({ providers: [{ provide: EVENT_STORE, useValue: store }, { provide: PG_POOL, useValue: pool }], exports: [EVENT_STORE, PG_POOL] })
    class LedgerStandIn {}
    const moduleRef = await Test.createTestingModule({ imports: [LedgerStandIn, ProjectionsModule.forRoot({ schema: projections, run: false })] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    for (const s of [schema, projections]) await dropSchema(pool, s);
    await pool.end();
  });

  const hostile = ['election=%00', 'election=a%00b', 'election=%1F', 'election=%7F', `election=${'x'.repeat(201)}`, 'election=a&election=b'];
  for (const path of ['turnout', 'election', 'results']) {
    it.each(hostile)(`GET /api/board/${path}?%s is refused as bad input (400), in both languages`, async (query) => {
      const res = await request(app.getHttpServer()).get(`/api/board/${path}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/election id/), mensaje: expect.stringMatching(/identificador de elección/) });
    });
  }

  it('public reads are cacheable for a few seconds, so a CDN or proxy absorbs a flood of readers', async () => {
    const res = await request(app.getHttpServer()).get('/api/board/monitoring');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=25');
  });

  it('an unknown but well-formed election id is not an error of the server either', async () => {
    const res = await request(app.getHttpServer()).get('/api/board/results?election=no-such-election');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('results_not_published');
  });
});
