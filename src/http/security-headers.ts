/**
 * Security headers on every response of the HTTP app, set by helmet, with one content
 * security policy per kind of response:
 *   - data (/api, /log, /health, /docs-json, /docs-yaml): `default-src 'none'`: a JSON or text
 *     answer may load nothing;
 *   - pages (everything else: the board at /, the booth at /booth.html, their bundles and
 *     stylesheet): scripts, styles, images and API calls from this origin only, no inline
 *     scripts or styles, no plugins, no <base>, no form submissions (the pages' forms are
 *     handled by their scripts, so a failed script never sends a password in a URL);
 *   - the OpenAPI page (/docs): as pages, plus the inline styles and data: images Swagger UI's
 *     page uses (its scripts are files).
 * Every policy has `frame-ancestors 'none'` (and X-Frame-Options: DENY) so that no page can be
 * framed: the booth encrypts ballots, and must not be overlaid by another site. Besides, helmet's
 * defaults: X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, Strict-Transport-
 * Security (one year, subdomains), Cross-Origin-Opener-Policy and -Resource-Policy: same-origin,
 * and a few more. No `upgrade-insecure-requests`: the service itself speaks plain HTTP (TLS
 * ends at the proxy in front of it; the tests and the simulacro use http://127.0.0.1).
 *
 * One header helmet does not set: Cache-Control: no-store on the voter API, whose answers carry
 * session tokens, one-time-code challenges and ballots that no browser or proxy may keep.
 */
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

const SELF = "'self'";
const NONE = "'none'";

export const DATA_POLICY: Directives = {
  'default-src': [NONE],
  'base-uri': [NONE],
  'form-action': [NONE],
  'frame-ancestors': [NONE],
};

export const PAGE_POLICY: Directives = {
  'default-src': [NONE],
  'script-src': [SELF],
  'style-src': [SELF],
  'img-src': [SELF],
  'connect-src': [SELF],
  'base-uri': [NONE],
  'form-action': [NONE],
  'frame-ancestors': [NONE],
};

export const DOCS_POLICY: Directives = {
  ...PAGE_POLICY,
  'style-src': [SELF, "'unsafe-inline'"],
  'img-src': [SELF, 'data:'],
};

const DATA_PATH = /^\/(api|log|health)(\/|$)|^\/docs-(json|yaml)$/;
const DOCS_PATH = /^\/docs(\/|$)/;

const applied = new WeakSet<object>();

/** Adds the headers to every response of `app` (once per app, whoever calls it first: the
 * HTTP settings or the web pages' mount). Call before the routes and static files are added. */
export function applySecurityHeaders(app: INestApplication): void {
  const instance = app.getHttpAdapter().getInstance() as object;
  if (applied.has(instance)) return;
  applied.add(instance);
  const withPolicy = (directives: Directives) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      xFrameOptions: { action: 'deny' },
    });
  const data = withPolicy(DATA_POLICY);
  const pages = withPolicy(PAGE_POLICY);
  const docs = withPolicy(DOCS_POLICY);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/voter')) res.setHeader('Cache-Control', 'no-store');
    const headers = DATA_PATH.test(req.path) ? data : DOCS_PATH.test(req.path) ? docs : pages;
    headers(req, res, next);
  });
}
