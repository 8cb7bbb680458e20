/**
 * Security headers on every /api response. The API serves JSON only, so its content security
 * policy forbids everything. (CORS: applyVotingHttpSettings, with Nest's enableCors.)
 */
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

@Injectable()
export class ApiHeadersMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.originalUrl.startsWith('/api/voter')) res.setHeader('Cache-Control', 'no-store');
    res.removeHeader('X-Powered-By');
    next();
  }
}
