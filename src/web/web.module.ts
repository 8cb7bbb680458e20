/**
 * Serves the public board (/) and the voter's booth (/booth.html) from bulletin-board-web/dist
 * with Express's static middleware. The bundles are built on start when dist is missing, so a
 * fresh checkout serves the pages without a separate build step. The pages are never served
 * without their security headers (content security policy, no framing): mountWeb applies them
 * when the app has not yet (src/http/security-headers.ts).
 */
import { Logger, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applySecurityHeaders } from '../http/security-headers';
import { buildWeb } from './build-web';

export const WEB_DIST = join(__dirname, '..', '..', 'bulletin-board-web', 'dist');

/** Nothing to inject: the module marks that the service has a web front; mountWeb does the work. */
@Module({})
export class WebModule {}

export interface MountWebOptions {
  /** Rebuild the bundles even when the folder exists (tests that must see the current sources). */
  rebuild?: boolean;
  /** Serve (and build into) this folder instead of bulletin-board-web/dist; tests running at the
   * same time each use their own, so one never deletes the files another is serving. */
  dist?: string;
}

/** Call before app.init()/listen(): builds dist if needed and serves it at /. */
export async function mountWeb(app: NestExpressApplication, options: MountWebOptions = {}): Promise<void> {
  const dist = options.dist ?? WEB_DIST;
  const ready = ['board.js', 'booth.js', 'index.html', 'booth.html'].every((f) => existsSync(join(dist, f)));
  if (options.rebuild || !ready) {
    const started = Date.now();
    await buildWeb({ outDir: dist });
    new Logger('Web').log(`built ${dist} in ${Date.now() - started} ms`);
  }
  applySecurityHeaders(app);
  app.useStaticAssets(dist, {
    index: 'index.html',
    // Pages and bundles change with each release; let browsers revalidate instead of guessing.
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
}
