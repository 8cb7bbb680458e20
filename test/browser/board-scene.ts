/**
 * A public board to look at and to test: a real configured and opened election (openElection:
 * the simulacro's manifest, a synthetic roll), the service's modules as production wires them
 * (ledger, transparency log signing every 100 ms, projections and the board API with a data
 * folder, and the receipt lookup the voter API serves in production), and helpers that move the election
 * along as an observer would see it: ballots over several hours, an early close, results and an
 * acta (a real PDF) in the data folder's preservation package.
 *
 * The ballots are BallotCast events appended through the ledger with made-up contents: the
 * board only reads their tracking codes, times and positions. Used by test/browser/board*.spec.ts
 * and scripts/board-screenshots.ts.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { openElection, type OpenElection } from '../support/open-election';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { serveWeb } from './web-test-server';
import { TestReceiptsModule } from './test-receipts';

export interface BoardScene {
  app: NestExpressApplication;
  base: string;
  store: EventStore;
  election: OpenElection;
  dataDir: string;
  /** Appends a cast ballot for `voter` (index into election.voters) at `castAt`. */
  cast(voter: number, castAt: string): Promise<{ trackingCode: string; position: number }>;
  /** Waits until the log has a signed checkpoint covering every ledger event; returns its note. */
  checkpointCoveringHead(): Promise<string>;
  /** Closes voting early (VotingClosed at `at`). */
  close(at: string): Promise<void>;
  /** Publishes results for every contest and issues the acta (JSON + PDF in <data>/preservacion/acta). */
  tally(): Promise<{ pdf: Buffer; pdfSha256: string }>;
  dispose(): Promise<void>;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function pdfBytes(title: string): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const doc = new PDFDocument({ size: 'LETTER', info: { Title: title, CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => ok(Buffer.concat(chunks)));
    doc.on('error', fail);
    doc.fontSize(18).text(title);
    doc.end();
  });
}

export async function boardScene(name: string, options: { voters?: number } = {}): Promise<BoardScene> {
  const ledgerSchema = freshSchemaName(`${name}_ledger`);
  const logSchema = freshSchemaName(`${name}_log`);
  const projSchema = freshSchemaName(`${name}_proj`);
  const dataDir = mkdtempSync(join(tmpdir(), 'urna-board-scene-'));
  // The election is built first on the same ledger schema, then the service starts on it.
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
  const builder = new PostgresEventStore(pool, { schema: ledgerSchema });
  await builder.migrate();
  const election = await openElection(builder, { voters: options.voters ?? 40, entities: ['09', '14', '19', '30', '15'] });
  await builder.close();

  const origin = `urna.test/log/${election.electionId}`;
  const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL });
  const bulletinBoard = BulletinBoardModule.forRoot({ origin, signer: SoftwareNoteSigner.generate(origin), schema: logSchema, checkpointIntervalMs: 100 });
  const moduleRef = await Test.createTestingModule({
    imports: [
      LedgerModule.forRoot(config, { schema: ledgerSchema }),
      bulletinBoard,
      ProjectionsModule.forRoot({ schema: projSchema, dataDir, noticePollMs: 200 }),
      TestReceiptsModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
  const { base, removeDist } = await serveWeb(app);
  const store = app.get<EventStore>(EVENT_STORE);
  const get = async (path: string) => (await fetch(base + path)).text();

  return {
    app, base, store, election, dataDir,
    async cast(voter, castAt) {
      const v = election.voters[voter];
      const trackingCode = sha256(`${election.electionId}/${v.pseudonym}/${castAt}`);
      const { positions } = await store.append(`ballot-${election.electionId}-${v.pseudonym}`, [{
        type: 'BallotCast', version: 1, visibility: 'public', metadata: { actor: 'voter:pseudonymous' },
        data: { electionId: election.electionId, pseudonym: v.pseudonym, styleId: v.styleId, trackingCode, ballot: { trackingCode, note: 'made-up ballot for the board' }, castAt },
      }], 'any');
      return { trackingCode, position: positions[0] };
    },
    async checkpointCoveringHead() {
      const head = await store.head();
      for (let i = 0; i < 400; i++) {
        const note = await get('/log/checkpoint');
        if (Number(note.split('\n')[1]) >= head) return note;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no checkpoint covering ${head}`);
    },
    async close(at) {
      await store.append(`lifecycle-${election.electionId}`, [{
        type: 'VotingClosed', version: 1, visibility: 'public', metadata: { actor: 'system:scheduler' }, data: { electionId: election.electionId, at },
      }], 'any');
    },
    async tally() {
      const events = election.manifest.contests.slice(0, 3).map((c, i) => ({
        type: 'ResultsPublished', version: 1, visibility: 'public' as const, metadata: { actor: 'system:tally' },
        data: { electionId: election.electionId, contestId: c.id, counts: c.options.map((o, k) => ({ optionId: o.id, count: (k * 7 + i * 3) % 11 })), trustees: [1, 2] },
      }));
      const pdf = await pdfBytes(`Acta de cómputo — ${election.manifest.process.name}`);
      const json = JSON.stringify({ document: 'urna.tally-record', electionId: election.electionId });
      mkdirSync(join(dataDir, 'preservacion', 'acta'), { recursive: true });
      writeFileSync(join(dataDir, 'preservacion', 'acta', 'acta.pdf'), pdf);
      writeFileSync(join(dataDir, 'preservacion', 'acta', 'acta.json'), `${json}\n`);
      await store.append(`tally-${election.electionId}`, [...events, {
        type: 'ActaIssued', version: 1, visibility: 'public', metadata: { actor: 'system:tally' },
        data: { electionId: election.electionId, jsonSha256: sha256(json), pdfSha256: sha256(pdf), issuedAt: new Date().toISOString() },
      }], 'any');
      return { pdf, pdfSha256: sha256(pdf) };
    },
    async dispose() {
      await app.close();
      removeDist();
      for (const s of [ledgerSchema, logSchema, projSchema]) await dropSchema(pool, s);
      await pool.end();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(election.outboxDir, { recursive: true, force: true });
    },
  };
}
