/**
 * App-level HTTP settings the voting API needs and a module cannot set itself: the security
 * headers of every response (helmet, src/http/security-headers.ts), CORS for the origins
 * allowed to call the API from a browser, the JSON body parser with its size limit
 * (MAX_BODY_BYTES) and refusals of bad bodies in the API's error shape. Create the app with
 * `{ bodyParser: false }` and call this before `init()`/`listen()`.
 */
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { applySecurityHeaders } from '../http/security-headers';
import { installSignInDoor } from '../http/sign-in-door';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { MAX_BODY_BYTES, VOTING_API_OPTIONS, type VotingApiOptions } from './voting-api.options';

export interface VotingHttpSettings {
  bodyLimitBytes?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (Express "trust proxy": addresses,
   * CIDR ranges or `loopback`). Empty: none, and req.ip is the peer's address. Without this a
   * proxy's own address would be every voter's, and they would share one rate-limit budget. */
  trustedProxies?: readonly string[];
  /** Origins allowed by CORS; default the voting module's `allowedOrigins` (URNA_PUBLIC_URL and
   * URNA_BOOTH_ORIGINS in the service), none when the app has no voting module. */
  allowedOrigins?: readonly string[];
}

const m = messagesOf(voterApiMessages);

export function applyVotingHttpSettings(app: INestApplication, options: VotingHttpSettings = {}): void {
  const limit = options.bodyLimitBytes ?? MAX_BODY_BYTES;
  const instance = app.getHttpAdapter().getInstance() as express.Express;
  instance.disable('x-powered-by');
  instance.set('trust proxy', options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false);
  applySecurityHeaders(app);
  enableApiCors(app, options.allowedOrigins ?? votingApiOrigins(app));
  // Before the body is read: a flood of sign-ins is refused at the cheapest point.
  installSignInDoor(app);
  // JSON only. A form-encoded or text/plain body is what any web page can make a visitor's
  // browser send without a CORS preflight (to lock a voter's account with bad logins, say);
  // such bodies are refused before any handler runs.
  app.use(refuseNonJsonBodies);
  app.use(express.json({ limit, strict: true }));
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
    if (err.type === 'entity.too.large') {
      const tooLarge = m.pair('error.payloadTooLarge', { limit });
      return res.status(413).json({ error: 'PAYLOAD_TOO_LARGE', message: tooLarge.en, mensaje: tooLarge.es });
    }
    const malformed = m.pair('error.malformedBody');
    return res.status(err.status && err.status < 500 ? err.status : 400).json({ error: 'MALFORMED_BODY', message: malformed.en, mensaje: malformed.es });
  });
}

/**
 * CORS through Nest's enableCors (the `cors` package), for the allowed origins only: a booth
 * or board served from another origin may call the API. Credentials travel as a bearer token,
 * never as cookies, so no Allow-Credentials; Retry-After is exposed so that a booth can tell a
 * rate-limited voter how long to wait. Other origins get no Access-Control-Allow-Origin.
 */
function enableApiCors(app: INestApplication, origins: readonly string[]): void {
  if (origins.length === 0) return;
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
}

function votingApiOrigins(app: INestApplication): readonly string[] {
  try {
    return app.get<VotingApiOptions>(VOTING_API_OPTIONS, { strict: false }).allowedOrigins;
  } catch {
    return []; // no voting module (no election configured): no browser calls from elsewhere
  }
}

/** A request that carries a body must say it is JSON (application/json, any charset). */
function refuseNonJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is('application/json')) return next();
  const refused = m.pair('error.jsonOnly');
  res.status(415).json({ error: 'UNSUPPORTED_MEDIA_TYPE', message: refused.en, mensaje: refused.es });
}
