/**
 * monitoreo.html in a real Chromium, on a phone and a desktop, in Spanish and English: the
 * sign-in form is axe-clean, fits the screen, speaks the chosen language, and the page loads
 * under the site's content security policy without errors.
 */
import { Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureHttp } from '../../src/http-setup';
import { axeViolations, layoutProblems } from '../browser/page-checks';
import { launchBrowser, type TestBrowser } from '../browser/web-test-server';

@Module({})
class EmptyModule {}

jest.setTimeout(120_000);

describe('monitoring page (browser)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'urna-monitoring-dist-'));
  let app: INestApplication;
  let base: string;
  let browser: TestBrowser;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EmptyModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    await configureHttp(app, { web: { rebuild: true, dist } });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each([
    ['es', { width: 390, height: 844 }, 'Iniciar sesión'],
    ['en', { width: 1280, height: 800 }, 'Sign in'],
  ] as const)('in %s at %o: axe-clean, fits, translated', async (lang, size, signIn) => {
    const { page } = browser;
    await page.setViewportSize(size);
    await page.goto(`${base}/monitoreo.html`);
    await page.evaluate((l) => localStorage.setItem('urna.lang', l), lang);
    await page.reload();
    await page.waitForSelector('#login-form h2');
    expect(await page.textContent('#login-form h2')).toBe(signIn);
    expect(await page.getAttribute('html', 'lang')).toBe(lang === 'es' ? 'es-MX' : 'en');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
