/**
 * The board's live notices (GET /api/board/events, Server-Sent Events) and its downloads (acta,
 * record, specs) on a real PostgreSQL ledger and the real ProjectionsModule:
 *   - a notice comes when a ballot or a lifecycle event is applied, never for a sealed event;
 *   - made-up election ids start no reader (404), and closed streams release theirs;
 *   - the acta is served only when its bytes are the ones ActaIssued recorded (a swapped file is
 *     refused with 409, never offered), with its SHA-256 in Repr-Digest;
 *   - the record is not offered before voting closes; a spec name cannot leave docs/spec.
 */
import { Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { EVENT_STORE, PG_POOL } from '../../src/ledger/ledger.tokens';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { boardContactFromEnv } from '../../src/projections/board-contact';
import { BoardEventsController } from '../../src/projections/board-events.controller';
import { BoardNotices } from '../../src/projections/board-notices';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { appendBallot, appendRoll, appendSealed, ELECTION } from './board-events';

jest.setTimeout(60_000);

interface Sse {
  events: { type: string; data: Record<string, unknown> }[];
  close(): void;
  /** Resolves with the first state event after `seen` events that satisfies `test`. */
  next(test: (d: Record<string, unknown>) => boolean, seen?: number, timeoutMs?: number): Promise<Record<string, unknown>>;
}

async function openSse(url: string): Promise<{ status: number; sse?: Sse }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
  if (res.status !== 200) {
    await res.text();
    return { status: res.status };
  }
  const events: Sse['events'] = [];
  const reader = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString('utf8');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) events.push({ type, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: 200,
    sse: {
      events,
      close: () => controller.abort(),
      async next(test, seen = 0, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = events.slice(seen).find((e) => e.type === 'state' && test(e.data));
          if (found) return found.data;
          if (Date.now() > deadline) throw new Error(`no matching notice; got ${JSON.stringify(events)}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    },
  };
}

describe('board: live notices and downloads', () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
  const ledgerSchema = freshSchemaName('board_live');
  const projSchema = `${ledgerSchema}_proj`;
  const store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 20 });
  const dataDir = mkdtempSync(join(tmpdir(), 'urna-board-data-'));
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    await store.migrate();
    @Global()
    @Module({ providers: [{ provide: EVENT_STORE, useValue: store }, { provide: PG_POOL, useValue: pool }], exports: [EVENT_STORE, PG_POOL] })
    class LedgerStandIn {}
    const moduleRef = await Test.createTestingModule({
      imports: [LedgerStandIn, ProjectionsModule.forRoot({ schema: projSchema, dataDir, noticePollMs: 30 })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await appendRoll(store, [{ pseudonym: 'A1', entity: '09' }, { pseudonym: 'A2', entity: '14' }]);
    await app.get(ProjectionRunner).waitUntilCaughtUp();
  });

  afterAll(async () => {
    await app?.close();
    await store.close();
    for (const s of [ledgerSchema, projSchema]) await dropSchema(pool, s);
    await pool.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('pushes a notice when a ballot or a lifecycle event is applied, and none for a sealed event', async () => {
    const { status, sse } = await openSse(`${base}/api/board/events?election=${ELECTION}`);
    expect(status).toBe(200);
    const first = await sse!.next(() => true);
    expect(first).toMatchObject({ kind: 'state', electionId: ELECTION, results: null, checkpoint: null });
    const ballot = await appendBallot(store, 'A1', new Date().toISOString());
    await sse!.next((d) => d.turnout === ballot.position);
    // The view behind the notice already has the ballot when the notice arrives.
    expect((await request(app.getHttpServer()).get(`/api/board/turnout?election=${ELECTION}`)).body.ballots).toBe(1);
    const seen = sse!.events.filter((e) => e.type === 'state').length;
    await appendSealed(store, 1);
    await app.get(ProjectionRunner).waitUntilCaughtUp();
    await new Promise((r) => setTimeout(r, 200));
    expect(sse!.events.filter((e) => e.type === 'state')).toHaveLength(seen);
    // An early close is a lifecycle event: the election's facts changed.
    const { positions } = await store.append(`lifecycle-${ELECTION}`, [{
      type: 'VotingClosed', version: 1, visibility: 'public', metadata: { actor: 'system:test' }, data: { electionId: ELECTION, closedAt: new Date().toISOString(), early: true },
    }], 'any');
    await sse!.next((d) => d.election === positions[0]);
    sse!.close();
  });

  it('starts no reader for a made-up election and releases the reader when the last page leaves', async () => {
    const notices = app.get(BoardNotices);
    const events = app.get(BoardEventsController);
    for (let i = 0; i < 20; i++) {
      const { status } = await openSse(`${base}/api/board/events?election=made-up-${i}`);
      expect(status).toBe(404);
    }
    expect((await openSse(`${base}/api/board/events?election=%00`)).status).toBe(400);
    expect(notices.watched).toBe(0);
    const a = (await openSse(`${base}/api/board/events?election=${ELECTION}`)).sse!;
    const b = (await openSse(`${base}/api/board/events?election=${ELECTION}`)).sse!;
    await a.next(() => true);
    await b.next(() => true);
    expect(notices.watched).toBe(1); // one reader, shared
    expect(events.openStreams).toBe(2);
    a.close();
    b.close();
    for (let i = 0; i < 100 && (notices.watched > 0 || events.openStreams > 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect([notices.watched, events.openStreams]).toEqual([0, 0]);
  });

  it('serves the acta only when its bytes are the ones ActaIssued recorded', async () => {
    const http = () => request(app.getHttpServer());
    expect((await http().get(`/api/board/acta.pdf?election=${ELECTION}`)).body.error).toBe('not_issued');
    const pdf = Buffer.from('%PDF-1.7\n% acta de prueba\n%%EOF\n');
    const json = '{"document":"urna.tally-record"}';
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    await store.append(`tally-${ELECTION}`, [{
      type: 'ActaIssued', version: 1, visibility: 'public', metadata: { actor: 'system:tally' },
      data: { electionId: ELECTION, jsonSha256: sha(json), pdfSha256: sha(pdf), issuedAt: new Date().toISOString() },
    }], 'any');
    // Issued but not on this server: said so, not a 500.
    expect((await http().get(`/api/board/acta.pdf?election=${ELECTION}`)).body.error).toBe('not_on_this_server');
    mkdirSync(join(dataDir, 'preservacion', 'acta'), { recursive: true });
    writeFileSync(join(dataDir, 'preservacion', 'acta', 'acta.pdf'), pdf);
    writeFileSync(join(dataDir, 'preservacion', 'acta', 'acta.json'), `${json}\n`);
    const res = await http().get(`/api/board/acta.pdf?election=${ELECTION}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(res.body as Buffer, pdf)).toBe(0);
    expect(res.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="acta-${ELECTION}.pdf"`);
    expect((await http().get(`/api/board/acta.json?election=${ELECTION}`)).status).toBe(200);
    const listed = (await http().get(`/api/board/downloads?election=${ELECTION}`)).body;
    expect(listed.actaPdf).toEqual({ available: true, sha256: sha(pdf), bytes: pdf.length });
    // Someone swaps the PDF on disk: refused, and the list says so.
    writeFileSync(join(dataDir, 'preservacion', 'acta', 'acta.pdf'), Buffer.from('%PDF-1.7\n% otra acta\n%%EOF\n'));
    const swapped = await http().get(`/api/board/acta.pdf?election=${ELECTION}`);
    expect([swapped.status, swapped.body.error]).toEqual([409, 'file_does_not_match_ledger']);
    expect(swapped.body.mensaje).toMatch(/NO coincide/);
    expect((await http().get(`/api/board/downloads?election=${ELECTION}`)).body.actaPdf).toEqual({ available: false, reason: 'mismatch' });
  });

  it('serves the packaged record only while it is the one the signed preservation manifest lists', async () => {
    const http = () => request(app.getHttpServer());
    const tar = Buffer.alloc(2048, 0); // an empty ustar archive: two zero blocks
    mkdirSync(join(dataDir, 'preservacion'), { recursive: true });
    writeFileSync(join(dataDir, 'preservacion', 'election-record.tar'), tar);
    const sha = createHash('sha256').update(tar).digest('hex');
    // Not listed yet (the package is still being written): not offered as the package's copy (and this
    // process has no log to build one from).
    expect((await http().get(`/api/board/downloads?election=${ELECTION}`)).body.record.available).toBe(false);
    await store.append(`tally-${ELECTION}`, [{
      type: 'PreservationManifestIssued', version: 1, visibility: 'public', metadata: { actor: 'system:tally' },
      data: { electionId: ELECTION, manifestSha256: '00'.repeat(32), artefacts: [{ name: 'election-record.tar', sha256: sha }], signerPublicKey: '11'.repeat(32), issuedAt: new Date().toISOString() },
    }], 'any');
    const res = await http().get(`/api/board/record?election=${ELECTION}`);
    expect([res.status, res.headers['x-content-sha256'], res.headers['content-type']]).toEqual([200, sha, 'application/x-tar']);
    expect((await http().get(`/api/board/record?election=${ELECTION}`).set('If-None-Match', `"${sha}"`)).status).toBe(304);
    writeFileSync(join(dataDir, 'preservacion', 'election-record.tar'), Buffer.concat([tar, Buffer.alloc(512, 1)]));
    expect((await http().get(`/api/board/record?election=${ELECTION}`)).status).toBe(409);
    expect((await http().get(`/api/board/downloads?election=${ELECTION}`)).body.record).toEqual({ available: false, reason: 'mismatch' });
  });

  it('offers no record before voting closes, and reads only docs/spec files by name', async () => {
    const other = 'eleccion-abierta';
    await appendRoll(store, [{ pseudonym: 'B1', entity: '09' }], other);
    await app.get(ProjectionRunner).waitUntilCaughtUp();
    const http = () => request(app.getHttpServer());
    expect((await http().get(`/api/board/record?election=${other}`)).body.error).toBe('not_issued');
    expect((await http().get(`/api/board/downloads?election=${other}`)).body.record).toEqual({ available: false, reason: 'not_issued' });
    // Closed, with no package and no transparency log in this process to build from: said so.
    await store.append(`lifecycle-${other}`, [{ type: 'VotingClosed', version: 1, visibility: 'public', metadata: { actor: 'system:test' }, data: { electionId: other, at: new Date().toISOString() } }], 'any');
    expect((await http().get(`/api/board/record?election=${other}`)).body.error).toBe('no_log');
    const spec = await http().get('/spec/record.md');
    expect([spec.status, spec.headers['content-type']]).toEqual([200, 'text/markdown; charset=utf-8']);
    for (const bad of ['..%2F..%2Fpackage.json', 'RECORD.md', 'record.md.bak', '.md', 'record', 'a..md']) {
      expect([bad, (await http().get(`/spec/${bad}`)).status]).toEqual([bad, 404]);
    }
  });

  it('keeps only contact details that are what they claim to be', () => {
    expect(boardContactFromEnv({
      URNA_AUTHORITY_NAME: 'Instituto Electoral', URNA_CONTACT_EMAIL: 'ayuda@ine.example', URNA_CONTACT_PHONE: '+52 55 5555 5555',
      URNA_CONTACT_URL: 'https://ine.example/ayuda', URNA_PRIVACY_URL: 'https://ine.example/privacidad',
    })).toEqual({ authority: 'Instituto Electoral', email: 'ayuda@ine.example', phone: '+52 55 5555 5555', url: 'https://ine.example/ayuda', privacyUrl: 'https://ine.example/privacidad' });
    expect(boardContactFromEnv({
      URNA_CONTACT_EMAIL: 'no-es-correo', URNA_CONTACT_PHONE: 'llame ya', URNA_CONTACT_URL: 'javascript:alert(1)', URNA_PRIVACY_URL: 'data:text/html,x', URNA_AUTHORITY_NAME: 'a\u0000b',
    })).toEqual({});
  });
});
