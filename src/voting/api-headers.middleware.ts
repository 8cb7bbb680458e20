/**
 * Headers on every /api response: CORS for the configured origins only (the booth and the
 * board; credentials travel as a bearer token, never as cookies), and security headers. The
 * API serves JSON only, so its content security policy forbids everything.
 */
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { VOTING_API_OPTIONS, type VotingApiOptions } from './voting-api.options';

@Injectable()
export class ApiHeadersMiddleware implements NestMiddleware {
  private readonly origins: Set<string>;
  constructor(@Inject(VOTING_API_OPTIONS) options: VotingApiOptions) {
    this.origins = new Set(options.allowedOrigins);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.originalUrl.startsWith('/api/voter')) res.setHeader('Cache-Control', 'no-store');
    res.removeHeader('X-Powered-By');
    const origin = req.headers.origin;
    if (typeof origin === 'string' && this.origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    } else if (req.method === 'OPTIONS' && origin) {
      res.status(403).json({ error: 'ORIGIN_NOT_ALLOWED', message: 'This origin may not call the API.', mensaje: 'Este origen no puede llamar a la API.' });
      return;
    }
    next();
  }
}
