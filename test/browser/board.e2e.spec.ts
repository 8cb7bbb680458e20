/**
 * The public board in a real Chromium, as an observer, a voter and an auditor use it, at a
 * phone's size (390×844) and a laptop's (1280×800), in Spanish and in English:
 *   - an observer watches turnout change live (Server-Sent Events, no reload, no polling of
 *     /api/board/results during voting), and the closing time change after an early close;
 *   - a voter loads the receipt file the booth downloads (which failed before with "note has no
 *     blank line before its signatures"), keeps it, and on coming back the board checks it by
 *     itself (inclusion and consistency); the printable receipt's QR code decodes to the lookup
 *     link; forged or wrong receipts are explained in plain words, the raw error folded away;
 *   - an auditor downloads the acta (its SHA-256 is the one the log recorded, checked in the page
 *     too) and the election record (a tar holding every log entry up to the signed checkpoint);
 *   - every page at both sizes and in both languages: axe-core finds no violation, nothing is
 *     wider than the viewport, no text wraps one character per line, chart text is at least 12 px
 *     and tap targets at least 44 px.
 * The election is real (openElection), its ballots are made-up BallotCast events (board-scene.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { decodeQR } from 'qr/decode.js';
import { readableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { RECEIPTS_KEY } from '../../bulletin-board-web/src/receipt-store';
import { boardScene, type BoardScene } from './board-scene';
import { launchBrowser, type TestBrowser } from './web-test-server';
import { axeViolations, layoutProblems } from './page-checks';

jest.setTimeout(300_000);

const SIZES = [{ width: 390, height: 844 }, { width: 1280, height: 800 }] as const;
const LANGS = ['es', 'en'] as const;
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('public board (browser)', () => {
  let scene: BoardScene;
  let browser: TestBrowser;
  let receiptFile: string;
  let first: { trackingCode: string; position: number };

  beforeAll(async () => {
    scene = await boardScene('board_e2e', { voters: 40 });
    browser = await launchBrowser();
    const start = Date.now() - 6 * 3_600_000;
    first = await scene.cast(0, new Date(start).toISOString());
    for (let i = 1; i < 5; i++) await scene.cast(i, new Date(start + i * 3_600_000).toISOString());
    const note = await scene.checkpointCoveringHead();
    // The receipt exactly as the booth downloads it (src/voting/voter-api-types.ts Receipt + electionId, savedAt).
    receiptFile = JSON.stringify({
      trackingCode: first.trackingCode, readableTrackingCode: readableTrackingCode(first.trackingCode), logIndex: first.position,
      leafHash: 'AAAA', checkpoint: note, checkpointSize: Number(note.split('\n')[1]), electionId: scene.election.electionId, savedAt: new Date().toISOString(),
    }, null, 2);
  });

  /** Results and the acta, once, for whichever test needs them first. */
  let tallied: Promise<{ pdf: Buffer; pdfSha256: string }> | undefined;
  const ensureTallied = () => (tallied ??= scene.tally().then(async (t) => {
    await scene.checkpointCoveringHead();
    return t;
  }));

  afterAll(async () => {
    await browser?.close();
    await scene?.dispose();
  });

  async function open(page: Page, path: string, lang: string, size: { width: number; height: number } = SIZES[0]): Promise<void> {
    await page.setViewportSize(size);
    // The language is set on another document of the origin, so the page itself always loads anew.
    await page.goto(`${scene.base}/log/key`);
    await page.evaluate((l) => localStorage.setItem('urna.lang', l), lang);
    await page.goto(`${scene.base}${path}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  }

  it('lets an observer watch turnout and the closing time change live, without polling results', async () => {
    const { page, pageErrors } = browser;
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} ${m.location().url}`));
    await open(page, '/', 'es');
    await page.waitForSelector('#live-status[data-mode="live"]', { timeout: 20_000 });
    await page.waitForSelector('#checkpoint-status[data-state="verified"]', { timeout: 20_000 });
    expect(await page.textContent('#turnout-ballots')).toBe('5');
    expect(await page.textContent('#election-phase')).toBe('Votación en curso');
    expect(await page.textContent('#banner-deadline')).toContain('hora de la Ciudad de México, UTC−06:00');
    expect(await page.locator('#turnout-hourly svg rect.column').count()).toBe(5);

    // Three more ballots: the page shows them without a reload, pushed over the stream.
    const before = requests.filter((p) => p === '/api/board/turnout').length;
    for (let i = 5; i < 8; i++) await scene.cast(i, new Date().toISOString());
    await page.waitForFunction(() => document.querySelector('#turnout-ballots')?.textContent === '8', undefined, { timeout: 10_000 });
    expect(requests.filter((p) => p === '/api/board/turnout').length - before).toBeLessThanOrEqual(3);
    expect(requests.filter((p) => p === '/api/board/events').length).toBe(1);

    // An early close: the banner says when voting actually closed.
    const closedAt = new Date(Date.now() - 60_000).toISOString();
    await scene.close(closedAt);
    await page.waitForFunction(() => document.querySelector('#election-phase')?.textContent === 'Votación cerrada', undefined, { timeout: 10_000 });
    expect(await page.textContent('#banner-deadline')).toContain('UTC−06:00');
    expect(await page.textContent('#election-banner')).toContain('La votación cerró');
    // Nothing asked for results before there were any, and nothing logged an error.
    expect(requests.filter((p) => p === '/api/board/results')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    page.removeAllListeners('request');
    page.removeAllListeners('console');
  });

  it('falls back to polling when the live stream is refused, and still shows new ballots', async () => {
    const { page } = browser;
    await page.route('**/api/board/events*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"busy","message":"busy","mensaje":"ocupado"}' }));
    try {
      await open(page, '/', 'en');
      await page.waitForSelector('#live-status[data-mode="polling"]', { timeout: 10_000 });
      const shown = Number(await page.textContent('#turnout-ballots'));
      await scene.cast(20, new Date().toISOString());
      await page.waitForFunction((n) => Number(document.querySelector('#turnout-ballots')?.textContent) === n, shown + 1, { timeout: 15_000 });
    } finally {
      await page.unroute('**/api/board/events*');
    }
  });

  it('has a skip link, and moves focus to the outcome of a check', async () => {
    const { page } = browser;
    await open(page, '/', 'es');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.evaluate(() => document.activeElement!.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    await page.fill('#receipt-code', readableTrackingCode(first.trackingCode));
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('result-title'))).toBe(true);
  });

  it('checks the downloaded receipt file, keeps it, and checks it again by itself on return', async () => {
    const { page, pageErrors } = browser;
    await open(page, '/', 'es');
    await page.setInputFiles('#receipt-file', { name: 'comprobante-urna.json', mimeType: 'application/json', buffer: Buffer.from(receiptFile) });
    await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
    const text = (await page.textContent('#receipt-result'))!;
    expect(text).toContain('Su voto está en el registro público');
    expect(text).toContain(`en la posición ${first.position}`);
    expect(text).toContain('prueba de consistencia verificada');
    // The hashes and notes are there, folded.
    expect(await page.locator('#receipt-result details.tech').getAttribute('open')).toBeNull();
    expect(await page.locator('#receipt-result details.tech pre.note').count()).toBe(2);
    await page.click('#receipt-result button.secondary');
    const kept = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECEIPTS_KEY))!);
    expect(kept[0]).toMatchObject({ trackingCode: first.trackingCode, logIndex: first.position });

    // A new ballot moves the log on; coming back, the kept receipt is checked with no typing.
    await scene.cast(9, new Date().toISOString());
    await scene.checkpointCoveringHead();
    await open(page, '/', 'en', SIZES[1]);
    await page.waitForSelector(`#saved-receipts .status[data-code="${first.trackingCode}"][data-state="verified"]`, { timeout: 20_000 });
    expect(await page.textContent('#saved-receipts')).toContain('The log has only grown since your receipt');
    expect(pageErrors).toEqual([]);
  });

  it('explains a forged, unknown or malformed receipt in plain words, with the raw error folded away', async () => {
    const { page } = browser;
    await open(page, '/', 'es');
    const forged = JSON.parse(receiptFile) as { checkpoint: string };
    const lines = forged.checkpoint.split('\n');
    lines[2] = Buffer.alloc(32, 7).toString('base64');
    forged.checkpoint = lines.join('\n');
    await page.setInputFiles('#receipt-file', { name: 'comprobante.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) });
    await page.waitForSelector('#receipt-result[data-state="failed"]');
    expect(await page.getAttribute('#receipt-result .failure', 'data-failure')).toBe('receipt_checkpoint');
    const visible = await page.locator('#receipt-result .failure > p').allTextContents();
    expect(visible.join(' ')).toContain('no es un punto de control firmado de este registro');
    expect(visible.join(' ')).not.toMatch(/does not verify|signature by/);
    expect(await page.textContent('#receipt-result details .mono')).toMatch(/does not verify/);

    // A receipt whose position is not where the log has that ballot: a ballot never moves.
    const moved = { ...(JSON.parse(receiptFile) as object), logIndex: first.position + 1 };
    await page.setInputFiles('#receipt-file', { name: 'comprobante.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(moved)) });
    await page.waitForSelector('#receipt-result .failure.serious[data-failure="leaf_mismatch"]');
    expect(await page.textContent('#receipt-result')).toContain('avise de inmediato a la autoridad electoral');

    await page.evaluate(() => ((document.getElementById('receipt-checkpoint') as HTMLTextAreaElement).value = ''));
    await page.fill('#receipt-code', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result[data-state="not-found"]');
    expect(await page.textContent('#receipt-result')).toContain('avise a la autoridad electoral');

    await page.fill('#receipt-code', 'hola');
    await page.click('#receipt-check');
    await page.waitForSelector('#receipt-result .failure[data-failure="bad_code"]');

    await page.setInputFiles('#receipt-file', { name: 'foto.json', mimeType: 'application/json', buffer: Buffer.from('{"hola": 1}') });
    await page.waitForSelector('#receipt-result .failure[data-failure="receipt_file"]');
  });

  it('prints a receipt whose QR code decodes to the lookup link', async () => {
    const { page } = browser;
    const readable = readableTrackingCode(first.trackingCode);
    await open(page, `/comprobante.html#code=${readable}`, 'es');
    await page.waitForSelector('svg.qr');
    expect(await page.textContent('#print-code')).toBe(readable);
    const url = `${scene.base}/#code=${readable}`;
    expect(await page.textContent('#print-url')).toBe(url);
    // The modules as drawn, back to pixels, through an independent decoder.
    const { n, d } = await page.evaluate(() => ({ n: Number((document.querySelector('svg.qr') as SVGElement).dataset.modules), d: document.querySelector('svg.qr path')!.getAttribute('d')! }));
    const scale = 6;
    const w = n * scale;
    const data = new Uint8Array(w * w * 4).fill(255);
    for (const m of d.matchAll(/M(\d+) (\d+)/g)) {
      const [x, y] = [Number(m[1]), Number(m[2])];
      for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) data.fill(0, ((y * scale + dy) * w + x * scale + dx) * 4, ((y * scale + dy) * w + x * scale + dx) * 4 + 3);
    }
    expect(decodeQR({ width: w, height: w, data })).toBe(url);
    // The link itself checks the receipt at once.
    await page.goto(url);
    await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
  });

  it('serves the acta and the election record, each what it says it is', async () => {
    const { page } = browser;
    const { pdf, pdfSha256 } = await ensureTallied();
    await open(page, '/', 'es', SIZES[1]);
    await page.waitForSelector('#acta-sha256', { timeout: 20_000 });
    expect(await page.textContent('#acta-sha256')).toBe(pdfSha256);
    expect(await page.locator('#results-body article.contest').count()).toBe(3);
    // The PDF as a person downloads it: the same bytes, the hash the log recorded.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#acta-pdf-link')]);
    const got = readFileSync((await download.path())!);
    expect(sha256(got)).toBe(pdfSha256);
    expect(Buffer.compare(got, pdf)).toBe(0);
    await page.click('#acta-check');
    await page.waitForSelector('#acta-check-result[data-state="verified"]');

    // The record: a tar of the election record, its log entries up to the signed checkpoint.
    const res = await fetch(`${scene.base}/api/board/record`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/x-tar']);
    const tar = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).toBe(sha256(tar));
    const files = new Map<string, Buffer>();
    await new Promise<void>((ok, fail) => {
      const x = extract();
      x.on('entry', (h, stream, next) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: unknown) => {
          chunks.push(c as Buffer);
        });
        stream.on('end', () => {
          files.set(h.name, Buffer.concat(chunks));
          next();
        });
      });
      x.on('finish', ok);
      x.on('error', fail);
      Readable.from(tar).pipe(x);
    });
    const index = JSON.parse(files.get('election-record/record.json')!.toString('utf8')) as { electionId: string; logSize: number; files: string[] };
    expect(index.electionId).toBe(scene.election.electionId);
    expect(files.get('election-record/log/entries.jsonl')!.toString('utf8').trim().split('\n')).toHaveLength(index.logSize);
    // The same record again: the same bytes (cached, and built deterministically).
    expect(sha256(Buffer.from(await (await fetch(`${scene.base}/api/board/record`)).arrayBuffer()))).toBe(sha256(tar));

    // The auditors' page lists every slice of the log and links the specs that exist.
    await open(page, '/auditoria.html', 'es', SIZES[1]);
    const size = Number((await (await fetch(`${scene.base}/log/checkpoint`)).text()).split('\n')[1]);
    expect(await page.locator('#audit-slices a').count()).toBe(Math.ceil(size / 1000));
    for (const href of await page.locator('#audit-specs a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      expect([href, (await fetch(`${scene.base}${href}`)).status]).toEqual([href, 200]);
    }
  });

  for (const lang of LANGS) {
    for (const size of SIZES) {
      it(`reads well at ${size.width}×${size.height} in ${lang}: no axe violation, nothing too wide, no stacked letters, big enough text and targets`, async () => {
        const { page } = browser;
        const readable = readableTrackingCode(first.trackingCode);
        await ensureTallied();
        for (const path of ['/', `/comprobante.html#code=${readable}`, '/auditoria.html']) {
          await open(page, path, lang, size);
          if (path === '/') {
            await page.waitForSelector('#checkpoint-status[data-state="verified"]', { timeout: 20_000 });
            await page.waitForSelector('#results-body article.contest');
            await page.fill('#receipt-code', readable);
            await page.click('#receipt-check');
            await page.waitForSelector('#receipt-result[data-state="verified"]', { timeout: 20_000 });
          }
          expect([path, await axeViolations(page)]).toEqual([path, []]);
          expect([path, await layoutProblems(page)]).toEqual([path, []]);
        }
      });
    }
  }
});
