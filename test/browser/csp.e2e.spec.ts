/**
 * The content security policy in a real Chromium: the board, the booth and the OpenAPI page
 * load and run under it without a single violation report, and no other site can frame the
 * booth (frame-ancestors 'none'). The functional browser suites (board, booth) run under the
 * same headers; this one watches for violations and framing.
 */
import { Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureHttp } from '../../src/http-setup';
import { launchBrowser, type TestBrowser } from './web-test-server';

@Module({})
class EmptyModule {}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

describe('content security policy (browser)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'urna-csp-dist-'));
  let app: INestApplication;
  let base: string;
  let browser: TestBrowser;
  let framer: Server;
  let framerBase: string;
  const consoleCsp: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EmptyModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    await configureHttp(app, { web: { rebuild: true, dist } });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    // Another origin (another port) whose page tries to frame the booth.
    framer = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>framer</title><iframe id="booth" src="${base}/booth.html"></iframe>`);
    });
    await new Promise<void>((ok) => framer.listen(0, '127.0.0.1', ok));
    framerBase = `http://127.0.0.1:${(framer.address() as { port: number }).port}`;
    browser = await launchBrowser();
    browser.page.on('console', (m) => {
      if (/Content Security Policy|frame-ancestors/i.test(m.text())) consoleCsp.push(m.text());
    });
    // Collects violation reports of every document the page loads (init scripts are not subject to the policy).
    await browser.context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((ok) => framer?.close(ok));
    rmSync(dist, { recursive: true, force: true });
  });

  async function violationsAfterLoading(path: string, ready: string): Promise<string[]> {
    consoleCsp.length = 0;
    const { page } = browser;
    await page.goto(`${base}${path}`);
    await page.waitForSelector(ready);
    await page.waitForTimeout(300);
    return [...((await page.evaluate(() => window.__cspViolations ?? [])) as string[]), ...consoleCsp];
  }

  it('runs the booth with its script and stylesheet and no violation', async () => {
    expect(await violationsAfterLoading('/booth.html', 'body[data-ready="true"]')).toEqual([]);
    // The stylesheet of this origin loaded.
    expect(await browser.page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    expect(browser.pageErrors).toEqual([]);
  });

  it('loads the board’s script and stylesheet with no violation', async () => {
    // No board API in this app, so the board never gets ready; but its script runs: the
    // language button it wires switches the page to English.
    expect(await violationsAfterLoading('/', '#receipt-form')).toEqual([]);
    expect(await browser.page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    const before = await browser.page.evaluate(() => document.documentElement.lang);
    await browser.page.click('#lang');
    expect(await browser.page.evaluate(() => document.documentElement.lang)).not.toBe(before);
  });

  it('renders the OpenAPI page (Swagger UI) with no violation', async () => {
    expect(await violationsAfterLoading('/docs', '.swagger-ui .info .title')).toEqual([]);
  });

  it('refuses to let another site frame the booth', async () => {
    consoleCsp.length = 0;
    const { page } = browser;
    await page.goto(`${framerBase}/`);
    await page.waitForTimeout(500);
    const boothFrame = page.frames().find((f) => f !== page.mainFrame());
    expect(boothFrame).toBeDefined();
    // Blocked: the frame shows Chromium's error page, never the booth's login form.
    expect(await boothFrame!.$('#login-form').catch(() => null)).toBeNull();
    expect(consoleCsp.join('\n')).toMatch(/frame-ancestors 'none'/);
  });
});
