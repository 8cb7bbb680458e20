/**
 * The voter's booth in a real Chromium against the real voting API on an open election: sign
 * in, read the code from the SMS outbox, fill the ballot, encrypt in the browser, audit once
 * (Benaloh), encrypt again, cast with a new SMS code, and see the receipt; then the public board
 * verifies that receipt in the browser.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../../src/messaging/outbox';
import { codeFromSms } from '../../src/messaging/voter-messages';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { nodeRandomSource } from '../../src/roll/node-random-source';
import { applyVotingHttpSettings } from '../../src/voting/http-settings';
import { VotingApiModule } from '../../src/voting/voting-api.module';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { openElection, type OpenElection } from '../support/open-election';
import { launchBrowser, serveWeb, type TestBrowser } from './web-test-server';

const ORIGIN = 'urna.test/booth-e2e';

describe('voting booth (browser)', () => {
  const ledgerSchema = freshSchemaName('booth_ledger');
  const logSchema = freshSchemaName('booth_log');
  const projSchema = freshSchemaName('booth_proj');
  const votingSchema = freshSchemaName('booth_voting');
  let election: OpenElection;
  let app: NestExpressApplication;
  let base: string;
  let removeDist = () => undefined as void;
  let browser: TestBrowser;

  beforeAll(async () => {
    // The election is built first on the same ledger schema, then the service starts on it.
    const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    const builder = new PostgresEventStore(pool, { schema: ledgerSchema });
    await builder.migrate();
    election = await openElection(builder, { voters: 3, entities: ['09'] });
    await builder.close();
    await pool.end();

    const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL });
    const bulletinBoard = BulletinBoardModule.forRoot({ origin: ORIGIN, signer: SoftwareNoteSigner.generate(ORIGIN), schema: logSchema, checkpointIntervalMs: 100 });
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(config, { schema: ledgerSchema }),
        bulletinBoard,
        ProjectionsModule.forRoot({ schema: projSchema }),
        VotingApiModule.forRoot({
          electionId: election.electionId,
          mail: new OutboxMailSender(election.outboxDir),
          sms: new OutboxSmsSender(election.outboxDir),
          random: nodeRandomSource,
          systemUrl: 'https://voto.example.invalid',
          allowedOrigins: [],
          projectionSchema: votingSchema,
        }, bulletinBoard),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
    applyVotingHttpSettings(app);
    ({ base, removeDist } = await serveWeb(app));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    removeDist();
    const cleanup = new Pool({ connectionString: process.env.DATABASE_URL });
    for (const s of [ledgerSchema, logSchema, projSchema, votingSchema]) await dropSchema(cleanup, s);
    await cleanup.end();
  });

  /** The newest SMS code sent to `phone` after `seen` messages. */
  async function nextSmsCode(phone: string, seen: number): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const sms = await readOutbox(election.outboxDir, { channel: 'sms', to: phone });
      if (sms.length > seen) {
        const code = codeFromSms(sms[sms.length - 1].text);
        if (code) return code;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no new SMS to ${phone}`);
  }

  it('signs in, audits one ballot, casts another and gets a receipt the board verifies', async () => {
    const voter = election.voters[0];
    const phone = voter.record.mobilePhone;
    const { page, pageErrors } = browser;
    // Every request body the booth sends: the password must be in none (issue 13: it derives the key here).
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.postData() ?? ''));
    await page.goto(`${base}/booth.html`);
    await page.waitForSelector('body[data-ready="true"]');

    // A wrong password: a clear error, still on the login step.
    let smsSeen = (await readOutbox(election.outboxDir, { channel: 'sms', to: phone })).length;
    await page.fill('#username', voter.username);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.isVisible('#step-login')).toBe(true);

    await page.fill('#password', voter.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#step-code:not([hidden])');
    const loginCode = await nextSmsCode(phone, smsSeen);
    smsSeen += 1;
    const typed = voter.password.replace(/-/g, '');
    expect(sent.filter((b) => b.includes(typed) || b.includes(voter.password))).toEqual([]);
    await page.fill('#login-code', loginCode);
    await page.click('#code-form button[type=submit]');
    await page.waitForSelector('#step-ballot:not([hidden]) fieldset', { timeout: 20_000 });
    await page.waitForSelector('#encrypt-progress', { state: 'hidden', timeout: 20_000 });

    // One choice per contest: the second option of each.
    const contests = await page.$$eval('#contests fieldset', (fs) => fs.map((f) => (f as HTMLElement).dataset.contest!));
    const style = election.manifest.ballotStyles.find((s) => s.id === voter.styleId)!;
    expect(contests).toEqual(style.contests);
    const chosen: Record<string, string> = {};
    for (const c of contests) {
      const radio = page.locator(`fieldset[data-contest="${c}"] input[type=radio]`).nth(1);
      chosen[c] = (await radio.getAttribute('value'))!;
      await radio.check();
    }
    await page.screenshot({ path: '/tmp/urna-booth-ballot.png', fullPage: true });
    await page.click('#encrypt');
    await page.waitForSelector('#step-review:not([hidden])', { timeout: 30_000 });
    const auditedCode = (await page.textContent('#review-code'))!;
    expect(auditedCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // Benaloh audit: published, checked in the browser, then encrypted afresh.
    await page.click('#audit');
    await page.waitForSelector('#audit-result[data-state="match"]', { timeout: 30_000 });
    expect(await page.textContent('#audit-result')).toContain('contenía exactamente sus elecciones');
    await page.click('#reencrypt');
    await page.waitForFunction((old) => document.querySelector('#review-code')?.textContent !== old && !document.querySelector('#step-review')?.hasAttribute('hidden'), auditedCode, { timeout: 30_000 });
    const castCode = (await page.textContent('#review-code'))!;
    expect(castCode).not.toBe(auditedCode);

    // Cast, confirmed with a new SMS code.
    await page.click('#cast');
    await page.waitForSelector('#cast-code-step:not([hidden])');
    const code = await nextSmsCode(phone, smsSeen);
    await page.fill('#cast-code', code);
    await page.click('#cast-confirm');
    await page.waitForSelector('#step-receipt:not([hidden])', { timeout: 40_000 });
    expect(await page.textContent('#receipt-code')).toBe(castCode);
    const logIndex = Number(await page.textContent('#receipt-index'));
    const receiptCheckpoint = (await page.textContent('#receipt-checkpoint'))!;
    expect(receiptCheckpoint.startsWith(`${ORIGIN}\n`)).toBe(true);
    expect(await page.getAttribute('#receipt-download', 'href')).toMatch(/^blob:/);
    await page.screenshot({ path: '/tmp/urna-booth.png', fullPage: true });
    expect(pageErrors).toEqual([]);

    // The ledger holds the audited ballot as spoiled and the other as cast, at the receipt's index.
    const store = app.get<EventStore>(EVENT_STORE);
    const events = await store.readAll();
    const cast = events.filter((e) => e.type === 'BallotCast');
    const spoiled = events.filter((e) => e.type === 'BallotSpoiled');
    expect(cast).toHaveLength(1);
    expect(cast[0].position).toBe(logIndex);
    expect(spoiled).toHaveLength(1);
    expect((spoiled[0].data as { disclosure: unknown }).disclosure).toBeDefined();

    // The public board verifies that receipt, with consistency from the receipt's checkpoint.
    await page.goto(`${base}/index.html#code=${encodeURIComponent(castCode)}`);
    await page.waitForSelector('#checkpoint-status[data-state="verified"]', { timeout: 20_000 });
    expect(await page.inputValue('#receipt-code')).toBe(castCode);
    await page.fill('#receipt-checkpoint', receiptCheckpoint);
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
    expect(await page.textContent('#receipt-result')).toContain(`posición ${logIndex}`);
    await page.waitForFunction(() => document.querySelector('#turnout-ballots')?.textContent === '1', undefined, { timeout: 20_000 });
    expect(await page.textContent('#turnout-spoiled')).toBe('1');
    await page.screenshot({ path: '/tmp/urna-board-after-vote.png', fullPage: true });
  });

  it('serves the election summary, monitoring and results endpoints of the board', async () => {
    const summary = await (await fetch(`${base}/api/board/election`)).json();
    expect(summary).toMatchObject({ electionId: election.electionId, configured: true, phase: 'voting', publicKey: election.publicKeyHex, manifestHash: election.manifestHash });
    expect(summary.baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.contests.length).toBeGreaterThan(0);
    expect(summary.entities.find((e: { code: string }) => e.code === '09')).toBeDefined();

    const results = await fetch(`${base}/api/board/results`);
    expect(results.status).toBe(404);
    expect(await results.json()).toMatchObject({ error: 'results_not_published', mensaje: expect.stringContaining('aún no se publican') });

    const monitoring = await (await fetch(`${base}/api/board/monitoring`)).json();
    expect(monitoring.projections.map((p: { name: string }) => p.name)).toEqual(['turnout', 'results', 'board_activity']);
    expect(monitoring.log).toMatchObject({ size: expect.any(Number), lag: expect.any(Number) });
    expect(monitoring.log.size + monitoring.log.lag).toBe(monitoring.ledgerHead);
    expect(monitoring.log.checkpoint.ageSeconds).toBeGreaterThanOrEqual(0);

    // The site itself: the board at /, the booth at /booth.html, bundles without source maps leaking nothing odd.
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('board.js');
    expect((await fetch(`${base}/booth.html`)).status).toBe(200);
  });
});
