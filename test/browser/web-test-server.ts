/**
 * For the browser end-to-end tests: a real Chromium (Debian's, through playwright-core) with a
 * fresh profile, and the Nest app serving bulletin-board-web/dist on a free port.
 */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mountWeb } from '../../src/web/web.module';

export const CHROMIUM = '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-system-packages.sh (installs Debian's chromium) and retry`);
  const profile = mkdtempSync(join(tmpdir(), 'urna-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return {
    context, page, pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Mounts the site (built from the current sources into a folder of its own) and listens on a free port. */
export async function serveWeb(app: INestApplication): Promise<{ base: string; removeDist(): void }> {
  const dist = mkdtempSync(join(tmpdir(), 'urna-web-dist-'));
  await mountWeb(app as NestExpressApplication, { rebuild: true, dist });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { base: `http://127.0.0.1:${address.port}`, removeDist: () => rmSync(dist, { recursive: true, force: true }) };
}
