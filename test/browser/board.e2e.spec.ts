/**
 * The public board in a real Chromium: it verifies the latest checkpoint's signature in the
 * browser, checks a receipt (leaf, inclusion proof, and consistency from the receipt's older
 * checkpoint) in the browser, rejects a forged checkpoint, and shows the live turnout.
 * Ballots here are BallotCast events appended through the ledger; the receipt lookup is a
 * small controller over the turnout projection, so this suite needs no voting API.
 */
import { Controller, Get, HttpException, Module, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { parseReadableTrackingCode, readableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { BoardQueries } from '../../src/projections/board-queries';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { dropSchema, freshSchemaName } from '../support/postgres';
import { appendBallot, appendRoll, appendSealed, ELECTION } from '../projections/board-events';
import { launchBrowser, serveWeb, type TestBrowser } from './web-test-server';

const ORIGIN = 'urna.test/board-e2e';
const projSchema = freshSchemaName('web_proj');

@Controller('api/board')
class TestReceiptsController {
  constructor(private readonly queries: BoardQueries) {}
  @Get('receipts/:code')
  async receipt(@Param('code') raw: string) {
    const code = /^[0-9a-f]{64}$/i.test(raw) ? raw.toLowerCase() : parseReadableTrackingCode(raw);
    const found = code ? await this.queries.ballotByTrackingCode(code) : undefined;
    if (!found) throw new HttpException({ error: 'RECEIPT_NOT_FOUND', message: 'no ballot with that code', mensaje: 'no hay boleta con ese código' }, 404);
    return found;
  }
}

@Module({ imports: [ProjectionsModule.forRoot({ schema: projSchema })], controllers: [TestReceiptsController] })
class TestReceiptsModule {}

describe('public board (browser)', () => {
  let app: NestExpressApplication;
  let store: EventStore;
  let base: string;
  let removeDist = () => undefined as void;
  let browser: TestBrowser;
  const ledgerSchema = freshSchemaName('web_ledger');
  const logSchema = freshSchemaName('web_log');
  const roll = Array.from({ length: 30 }, (_, i) => ({ pseudonym: `Q${String(i).padStart(3, '0')}`, entity: ['09', '14', '19', '30'][i % 4] }));
  const get = async (path: string) => (await fetch(base + path)).text();

  async function waitForCheckpointSize(size: number): Promise<string> {
    for (let i = 0; i < 300; i++) {
      const note = await get('/log/checkpoint');
      if (note.split('\n')[1] === String(size)) return note;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no checkpoint of size ${size}`);
  }

  beforeAll(async () => {
    const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL });
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(config, { schema: ledgerSchema }),
        BulletinBoardModule.forRoot({ origin: ORIGIN, signer: SoftwareNoteSigner.generate(ORIGIN), schema: logSchema, checkpointIntervalMs: 100 }),
        TestReceiptsModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    ({ base, removeDist } = await serveWeb(app));
    store = app.get<EventStore>(EVENT_STORE);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    removeDist();
    const cleanup = new Pool({ connectionString: process.env.DATABASE_URL });
    for (const s of [ledgerSchema, logSchema, projSchema]) await dropSchema(cleanup, s);
    await cleanup.end();
  });

  it('verifies the checkpoint and a receipt with inclusion and consistency proofs in the browser', async () => {
    await appendRoll(store, roll);
    const first = await appendBallot(store, 'Q001', new Date(Date.now() - 3_600_000).toISOString());
    await appendSealed(store, 1);
    const receiptCheckpoint = await waitForCheckpointSize(await store.head()); // what the voter's receipt holds
    for (const p of ['Q002', 'Q005', 'Q006', 'Q010']) await appendBallot(store, p, new Date().toISOString());
    await appendSealed(store, 2);
    const head = await store.head();
    await waitForCheckpointSize(head);

    const { page, pageErrors } = browser;
    await page.goto(`${base}/`);
    await page.waitForSelector('#checkpoint-status[data-state="verified"]', { timeout: 20_000 });
    expect(await page.textContent('#checkpoint-size')).toBe(String(head));
    expect(await page.textContent('#checkpoint-status')).toContain('Firma verificada en este navegador');

    // Turnout from the projection: 5 ballots of 30, and a chart by entity.
    await page.waitForFunction(() => document.querySelector('#turnout-ballots')?.textContent === '5', undefined, { timeout: 20_000 });
    expect(await page.textContent('#turnout-roll')).toBe('30');
    expect(await page.locator('#turnout-chart svg rect').count()).toBe(4);
    await page.waitForSelector('#monitoring-table tr:nth-child(3)');

    // Receipt: readable code + the receipt's older checkpoint.
    await page.fill('#receipt-code', readableTrackingCode(first.trackingCode).toLowerCase());
    await page.fill('#receipt-checkpoint', receiptCheckpoint);
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
    const text = await page.textContent('#receipt-result');
    expect(text).toContain(`en la posición ${first.position}`);
    expect(text).toContain('Prueba de inclusión verificada');
    expect(text).toContain('prueba de consistencia verificada');
    expect(text).toContain(first.trackingCode);
    await page.screenshot({ path: '/tmp/urna-board.png', fullPage: true });

    // The full hex code works too, in English.
    await page.click('#lang');
    await page.fill('#receipt-checkpoint', '');
    await page.fill('#receipt-code', first.trackingCode);
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="verified"]');
    expect(await page.textContent('#receipt-result')).toContain('Inclusion proof verified in this browser');
    expect(pageErrors).toEqual([]);
  });

  it('rejects a forged receipt checkpoint, an unknown code and a malformed code', async () => {
    const { page } = browser;
    await page.goto(`${base}/`);
    await page.waitForSelector('#checkpoint-status[data-state="verified"]');
    const ballots = (await store.readAll()).filter((e) => e.type === 'BallotCast');
    const code = (ballots[0].data as { trackingCode: string }).trackingCode;
    // A checkpoint whose root was changed: its signature no longer verifies.
    const real = await get('/log/checkpoint');
    const lines = real.split('\n');
    lines[2] = Buffer.alloc(32, 7).toString('base64');
    await page.fill('#receipt-code', code);
    await page.fill('#receipt-checkpoint', lines.join('\n'));
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="failed"]');

    await page.fill('#receipt-checkpoint', '');
    await page.fill('#receipt-code', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="not-found"]');

    await page.fill('#receipt-code', 'hola');
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="failed"]');
    expect(await page.textContent('#receipt-result')).toMatch(/not a tracking code|no es un código de seguimiento/);
  });
});
