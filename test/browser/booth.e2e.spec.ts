/**
 * The voter's booth in a real Chromium against the real voting API on an open election, on a
 * phone (390×844, Spanish) and a laptop (1280×800, English): sign in (a malformed code spends no
 * try; three wrong codes offer a new one), mark as on paper (a mixed coalition mark is a null
 * vote, told at once; a missing mark is pointed at in its contest), review the plain choices,
 * audit once (Benaloh), cast with a new SMS code and keep the receipt; a reload keeps the session
 * and says "already voted" before any ballot; the board checks the kept receipt by itself.
 * axe-core and the layout checks (page-checks.ts) run at every step.
 */
import { join } from 'node:path';
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
import { axeViolations, layoutProblems } from './page-checks';
import { checkAudited } from '../../src/verifier/check-audited-cli';
import { RECEIPTS_KEY } from '../../bulletin-board-web/src/receipt-store';

const ORIGIN = 'urna.test/booth-e2e';

jest.setTimeout(180_000);

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

  /** The booth's step after its heading took focus: layout and axe-core checks at this size and language. */
  async function checkPage(where: string): Promise<void> {
    const { page } = browser;
    // scripts/booth-screenshots.ts sets URNA_SCREENSHOTS: every checked step, for a person to look at.
    const shots = process.env.URNA_SCREENSHOTS;
    if (shots) {
      const size = page.viewportSize();
      await page.screenshot({ path: join(shots, `booth-${String(++shotCount).padStart(2, '0')}-${where.replace(/[^a-z0-9]+/gi, '-')}-${size?.width}x${size?.height}.png`), fullPage: true });
    }
    expect([where, await axeViolations(page)]).toEqual([where, []]);
    expect([where, await layoutProblems(page)]).toEqual([where, []]);
  }
  let shotCount = 0;

  async function signIn(voter: OpenElection['voters'][number], opts: { wrongCodesFirst?: boolean } = {}): Promise<void> {
    const { page } = browser;
    const phone = voter.record.mobilePhone;
    let smsSeen = (await readOutbox(election.outboxDir, { channel: 'sms', to: phone })).length;
    await page.fill('#username', voter.username);
    await page.fill('#password', voter.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#step-code:not([hidden])');
    expect(await page.textContent('#code-sent-to')).toContain(phone.replace(/[^0-9]/g, '').slice(-2));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-code-h');
    let code = await nextSmsCode(phone, smsSeen);
    smsSeen += 1;
    if (opts.wrongCodesFirst) {
      // Input that cannot be a code: refused here, no request, no try spent.
      const confirms: string[] = [];
      const onRequest = (r: { url(): string }) => r.url().endsWith('/login/confirm') && confirms.push(r.url());
      page.on('request', onRequest);
      await page.fill('#login-code', '12ab');
      await page.click('#code-form button[type=submit]');
      await page.waitForSelector('#login-code-error:not([hidden])');
      expect(confirms).toEqual([]);
      await checkPage('code step, malformed code');
      page.off('request', onRequest);
      // Three wrong codes: plain sentences, then the offer of a new code.
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 3; i++) {
        await page.fill('#login-code', wrong);
        await page.click('#code-form button[type=submit]');
        await page.waitForFunction((n) => document.querySelector('#error')?.getAttribute('data-code') === 'ONE_TIME_CODE_REJECTED' && (n < 2 || !!document.querySelector('#error-new-code')), i);
        const text = (await page.textContent('#error-text'))!;
        expect(text).not.toMatch(/wrong_code|too_many|\(expired\)|_/);
      }
      expect(await page.textContent('#error-text')).toContain('Pida un código nuevo');
      await checkPage('code step, dead code');
      await page.click('#error-new-code');
      code = await nextSmsCode(phone, smsSeen);
      smsSeen += 1;
      await page.waitForSelector('#error', { state: 'hidden' });
    }
    await page.fill('#login-code', code);
    await page.click('#code-form button[type=submit]');
  }

  it('a voter on a phone: wrong codes and a new one, marks as on paper, reviews the choices, audits, casts, keeps the receipt; a reload says "already voted"; the board checks the kept receipt', async () => {
    const voter = election.voters[0];
    const phone = voter.record.mobilePhone;
    const { page, pageErrors } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    // Every request body the booth sends: the password must be in none (issue 13: it derives the key here).
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.postData() ?? ''));
    await page.goto(`${base}/booth.html`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#election-banner')).toMatch(/Ciudad de México/);
    expect(await page.getAttribute('#step-indicator li[data-step="1"]', 'aria-current')).toBe('step');
    await checkPage('sign-in');

    // "I did not get my password": the same plain answer for any name (nothing says whether it exists).
    // Opened by its summary (the layout check opens every <details> itself, so it is set rather than toggled).
    if (!(await page.evaluate(() => (document.getElementById('password-help') as HTMLDetailsElement).open))) await page.click('#password-help summary');
    await page.click('#resend-send');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error-text')).toBe('Escriba su usuario y su correo electrónico.');
    await page.fill('#resend-username', 'v-zzzz-zzzz-zzzz');
    await page.fill('#resend-email', 'nadie@example.test');
    await page.click('#resend-send');
    await page.waitForFunction(() => (document.getElementById('resend-status')?.textContent ?? '').length > 0);
    const unknownAnswer = await page.textContent('#resend-status');
    expect(unknownAnswer).toMatch(/^Solicitud recibida/);
    await checkPage('sign-in, password resend asked');
    await page.evaluate(() => ((document.getElementById('password-help') as HTMLDetailsElement).open = false));

    // A wrong password: a clear error, still on the login step.
    await page.fill('#username', voter.username);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.isVisible('#step-login')).toBe(true);

    await signIn(voter, { wrongCodesFirst: true });
    await page.waitForSelector('#step-ballot:not([hidden]) fieldset', { timeout: 20_000 });
    await page.waitForSelector('#ballot-progress', { state: 'hidden', timeout: 20_000 });
    const typed = voter.password.replace(/-/g, '');
    expect(sent.filter((b) => b.includes(typed) || b.includes(voter.password))).toEqual([]);
    // The session is kept in this tab only, never the password or the key.
    const kept = await page.evaluate(() => sessionStorage.getItem('urna.booth.session.v1'));
    expect(kept).toContain('"token"');
    expect(kept).not.toContain(voter.password);

    const contests = await page.$$eval('#contests fieldset', (fs) => fs.map((f) => (f as HTMLElement).dataset.contest!));
    const style = election.manifest.ballotStyles.find((s) => s.id === voter.styleId)!;
    expect(contests).toEqual(style.contests);
    expect(await page.textContent(`fieldset[data-contest="${contests[0]}"] .contest-progress`)).toBe(`1 de ${contests.length}`);
    await checkPage('ballot');

    // Nothing marked in the last contest: the error sits in that contest, on screen, with focus inside it.
    const manifestContest = (id: string) => election.manifest.contests.find((c) => c.id === id)!;
    const expected: Record<string, string> = {};
    for (const c of contests.slice(0, -1)) {
      const party = manifestContest(c).options.find((o) => o.kind === 'party')!;
      await page.check(`fieldset[data-contest="${c}"] input[value="${party.id}"]`);
      expected[c] = party.id;
    }
    await page.click('#to-review');
    const last = contests[contests.length - 1];
    await page.waitForSelector(`fieldset[data-contest="${last}"] .field-error:not([hidden])`);
    expect(await page.evaluate((c) => document.activeElement?.closest('fieldset')?.getAttribute('data-contest'), last)).toBe(last);
    const inView = await page.$eval(`fieldset[data-contest="${last}"] .field-error`, (e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await checkPage('ballot, missing choice');

    // Coalition marking as on paper in the last contest: two emblems of different groupings make a null vote, told at once.
    const lastOptions = manifestContest(last).options;
    const combo = lastOptions.find((o) => o.kind === 'coalition-combination' && o.emblems.length === 2);
    const parties = lastOptions.filter((o) => o.kind === 'party');
    if (combo) {
      const outsider = parties.find((p) => p.grouping !== combo.grouping)!;
      await page.check(`fieldset[data-contest="${last}"] input[value="${combo.emblems[0]}"]`);
      await page.check(`fieldset[data-contest="${last}"] input[value="${outsider.id}"]`);
      expect(await page.getAttribute(`fieldset[data-contest="${last}"] .mark-note`, 'data-outcome')).toBe('null');
      expect(await page.textContent(`fieldset[data-contest="${last}"] .mark-note`)).toContain('NULO');
      await page.uncheck(`fieldset[data-contest="${last}"] input[value="${outsider.id}"]`);
      await page.check(`fieldset[data-contest="${last}"] input[value="${combo.emblems[1]}"]`);
      expect(await page.getAttribute(`fieldset[data-contest="${last}"] .mark-note`, 'data-outcome')).toBe('combination');
      expected[last] = combo.id;
    } else {
      await page.check(`fieldset[data-contest="${last}"] input[value="${parties[0].id}"]`);
      expected[last] = parties[0].id;
    }
    await page.screenshot({ path: '/tmp/urna-booth-ballot.png', fullPage: true });

    // Review: the plain choices per contest, each with a way back.
    await page.click('#to-review');
    await page.waitForSelector('#step-review:not([hidden])');
    await page.waitForFunction(() => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(document.querySelector('#review-code')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-review-h');
    const rows = await page.$$eval('#review-choices .review-row', (rs) => rs.map((r) => (r as HTMLElement).dataset.contest));
    expect(rows).toEqual(contests);
    for (const c of contests) {
      const o = manifestContest(c).options.find((x) => x.id === expected[c])!;
      expect(await page.textContent(`.review-row[data-contest="${c}"] dd`)).toContain(o.candidate ?? o.label);
    }
    await checkPage('review');
    // Change one contest and come back: the marks are still there.
    await page.click(`.review-row[data-contest="${contests[0]}"] button[data-change]`);
    await page.waitForSelector('#step-ballot:not([hidden])');
    expect(await page.isChecked(`fieldset[data-contest="${contests[0]}"] input[value="${expected[contests[0]]}"]`)).toBe(true);
    await page.click('#to-review');
    await page.waitForFunction(() => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(document.querySelector('#review-code')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const auditedCode = (await page.textContent('#review-code'))!;

    // Benaloh audit: published, checked in the browser, then encrypted afresh.
    await page.click('#audit');
    await page.waitForSelector('#audit-result[data-state="match"]', { timeout: 30_000 });
    expect(await page.textContent('#audit-result')).toContain('contenía exactamente sus elecciones');
    expect(await page.textContent('#audit-code')).toBe(auditedCode);
    // The audited ballot, checked on the board's page as from another device: re-encrypted from its disclosure, same choices.
    expect(await page.getAttribute('#audit-check-link', 'href')).toBe(`verificar.html#code=${encodeURIComponent(auditedCode)}`);
    const other = await browser.context.newPage();
    try {
      await other.setViewportSize({ width: 390, height: 844 });
      await other.goto(`${base}/verificar.html#code=${encodeURIComponent(auditedCode)}`);
      await other.waitForSelector('#audited-result[data-state="verified"]', { timeout: 30_000 });
      for (const c of contests) {
        const o = manifestContest(c).options.find((x) => x.id === expected[c])!;
        expect(await other.textContent(`#audited-result .review-row[data-contest="${c}"] dd`)).toContain(o.label);
      }
      expect([await axeViolations(other), await layoutProblems(other)]).toEqual([[], []]);
      // A code nobody audited: said plainly.
      await other.fill('#audited-code', '0000-0000-0000-0000');
      await other.click('#audited-check');
      await other.waitForSelector('#audited-result[data-state="not-found"]');
      await other.screenshot({ path: join(process.env.URNA_SCREENSHOTS ?? '/tmp', 'urna-audited-check.png'), fullPage: true });
    } finally {
      await other.close();
    }
    // The same check from a terminal: urna check-audited.
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    let exit: number;
    try {
      exit = await checkAudited(auditedCode, { url: base, json: true });
    } finally {
      write.mockRestore();
    }
    expect(exit).toBe(0);
    const cli = JSON.parse(printed.join(''));
    expect(cli.ok).toBe(true);
    expect(Object.fromEntries(cli.choices.map((c: { contestId: string; optionId: string }) => [c.contestId, c.optionId]))).toEqual(expected);
    await page.click('#reencrypt');
    await page.waitForFunction((old) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(document.querySelector('#review-code')?.textContent ?? '') && document.querySelector('#review-code')?.textContent !== old, auditedCode, { timeout: 30_000 });
    const castCode = (await page.textContent('#review-code'))!;

    // Cast, confirmed with a new SMS code, sent to the masked number shown.
    const smsSeen = (await readOutbox(election.outboxDir, { channel: 'sms', to: phone })).length;
    await page.click('#cast');
    await page.waitForSelector('#cast-code-step:not([hidden])');
    expect(await page.textContent('#cast-code-sent-to')).toContain(phone.replace(/[^0-9]/g, '').slice(-2));
    const code = await nextSmsCode(phone, smsSeen);
    await page.fill('#cast-code', code);
    await page.click('#cast-confirm');
    await page.waitForSelector('#step-receipt:not([hidden])', { timeout: 40_000 });
    expect(await page.textContent('#receipt-code')).toBe(castCode);
    expect(await page.getAttribute('#step-indicator li[data-step="4"]', 'aria-current')).toBe('step');
    const logIndex = Number(await page.textContent('#receipt-index'));
    // Raw hashes and the signed note sit behind a "details" disclosure (the layout checks open every one).
    expect(await page.$eval('#receipt-checkpoint', (e) => e.closest('details')?.id)).toBe('receipt-details');
    expect(await page.$eval('#receipt-full', (e) => e.closest('details')?.id)).toBe('receipt-details');
    expect(await page.$('#receipt-qr svg.qr')).not.toBeNull();
    // Checked at once in the booth too: inclusion in the latest checkpoint verified with the pinned key.
    await page.waitForSelector('#receipt-check[data-state="verified"]', { timeout: 30_000 });
    expect(await page.getAttribute('#receipt-print', 'href')).toBe(`comprobante.html#code=${encodeURIComponent(castCode)}`);
    expect(await page.getAttribute('#receipt-download', 'href')).toMatch(/^blob:/);
    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECEIPTS_KEY))!);
    expect(stored[0]).toMatchObject({ readableTrackingCode: castCode, logIndex, electionId: election.electionId });
    await checkPage('receipt');
    await page.screenshot({ path: '/tmp/urna-booth.png', fullPage: true });
    expect(pageErrors).toEqual([]);

    // The ledger holds the audited ballot as spoiled and the other as cast, at the receipt's index.
    const store = app.get<EventStore>(EVENT_STORE);
    const events = await store.readAll();
    const cast = events.filter((e) => e.type === 'BallotCast');
    expect(cast).toHaveLength(1);
    expect(cast[0].position).toBe(logIndex);
    expect(events.filter((e) => e.type === 'BallotSpoiled')).toHaveLength(1);

    // A reload keeps the session: no sign-in, no SMS; this voter has voted, told at once.
    const smsBefore = (await readOutbox(election.outboxDir, { channel: 'sms', to: phone })).length;
    await page.reload();
    await page.waitForSelector('#step-stop:not([hidden])', { timeout: 20_000 });
    expect(await page.textContent('#step-stop-h')).toBe('Usted ya votó');
    expect(await page.getAttribute('#stop-kept-receipt', 'href')).toBe(`index.html#code=${encodeURIComponent(castCode)}`);
    expect((await readOutbox(election.outboxDir, { channel: 'sms', to: phone })).length).toBe(smsBefore);
    await checkPage('already voted');

    // Back on the board: the kept receipt is checked on its own, inclusion and consistency.
    await page.goto(`${base}/index.html`);
    await page.waitForSelector(`#saved-receipts .status[data-state="verified"]`, { timeout: 20_000 });
    await page.screenshot({ path: '/tmp/urna-board-after-vote.png', fullPage: true });
    expect(dialogs).toEqual([]);
  });

  it('a voter on a laptop in English: a reload mid-ballot keeps the session and asks only for the password; leaving asks first; an early sign-in of a voter who voted stops before the ballot', async () => {
    const { context } = browser;
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const previous = browser.page;
    browser.page = page;
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${base}/booth.html`);
      await page.waitForSelector('body[data-ready="true"]');
      if ((await page.getAttribute('html', 'lang')) !== 'en') await page.click('#lang');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await page.textContent('#step-login-h')).toBe('Sign in');
      await checkPage('sign-in (en)');
      const voter = election.voters[1];
      const smsAtStart = (await readOutbox(election.outboxDir, { channel: 'sms', to: voter.record.mobilePhone })).length;
      await signIn(voter);
      await page.waitForSelector('#step-ballot:not([hidden]) fieldset', { timeout: 20_000 });
      await page.waitForSelector('#ballot-progress', { state: 'hidden', timeout: 20_000 });
      expect(await page.textContent('fieldset .contest-progress')).toMatch(/^1 of \d+$/);
      expect(await page.textContent('#contests')).toContain('Null vote');
      // The manual's English names (fixture: office_en, name_en): contests and parties in English.
      expect(await page.textContent('fieldset[data-contest="PRES"] .contest-name')).toBe('Presidency of the Republic');
      expect(await page.textContent('#contests')).toContain('National Action Party');
      await checkPage('ballot (en)');

      // Marked something, then leaving: the browser asks first.
      await page.locator('#contests input[type=checkbox]').first().check();
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.type());
        void d.accept();
      });
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(asked).toEqual(['beforeunload']);
      // The session survived: the password only, no new SMS.
      await page.waitForSelector('#step-password-again:not([hidden])');
      // A mistyped password is told at once, in plain words, and the voter stays on this step.
      await page.fill('#again-password', `${voter.password}x`);
      await page.click('#again-form button[type=submit]');
      await page.waitForSelector('#error:not([hidden])');
      expect(await page.textContent('#error-text')).toMatch(/^The password is not correct\./);
      expect(await page.isVisible('#step-password-again')).toBe(true);
      expect(await page.isVisible('#step-ballot')).toBe(false);
      await checkPage('password again, mistyped (en)');
      await page.fill('#again-password', voter.password);
      await page.click('#again-form button[type=submit]');
      await page.waitForSelector('#step-ballot:not([hidden]) fieldset', { timeout: 20_000 });
      expect((await readOutbox(election.outboxDir, { channel: 'sms', to: voter.record.mobilePhone })).length).toBe(smsAtStart + 1);

      // The first voter, signing in anew in another tab: told at once, before any ballot.
      await page.click('#logout');
      await page.waitForSelector('#step-login:not([hidden])');
      await signIn(election.voters[0]);
      await page.waitForSelector('#step-stop:not([hidden])', { timeout: 20_000 });
      expect(await page.textContent('#step-stop-h')).toBe('You have already voted');
      expect(await page.isVisible('#step-ballot')).toBe(false);
      await checkPage('already voted (en)');
      await page.screenshot({ path: '/tmp/urna-booth-voted-en.png', fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      browser.page = previous;
      page.removeAllListeners('dialog');
      page.on('dialog', (d) => void d.accept());
      await page.close();
    }
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
