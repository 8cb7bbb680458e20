/**
 * How HTTP requests behave while PostgreSQL is lost (issue 16 §3, "degrade, never die"):
 *   - the gate (a middleware, so before guards and handlers) answers 503 at once while the
 *     database is known to be down, except /health, which must always answer and say so;
 *   - the interceptor turns a connection loss met inside a handler (the database died during
 *     the request) into the same 503 and marks the database down;
 *   - the filter does the same for one met before the handler (a guard reading a session),
 *     for controllers without their own filter; others pass Nest's default handling.
 * The database is marked up again by DatabaseAvailability's probe.
 */
import {
  type ArgumentsHost,
  type CallHandler,
  Catch,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';
import { DatabaseAvailability } from './database-availability';
import { DatabaseUnavailableException, databaseUnavailableBody, RETRY_AFTER_SECONDS } from './database-unavailable';

/** Paths that answer even while the database is down (they report it). */
const ALWAYS_ANSWERED = /^\/(health|metrics)(\/|$|\?)/;

export function sendDatabaseUnavailable(res: Response): void {
  if (res.headersSent) return;
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Cache-Control', 'no-store');
  res.status(503).json(databaseUnavailableBody());
}

@Injectable()
export class DatabaseGate implements NestMiddleware {
  constructor(@Inject(DatabaseAvailability) private readonly availability: DatabaseAvailability) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (this.availability.isDown && !ALWAYS_ANSWERED.test(req.originalUrl ?? req.url)) return sendDatabaseUnavailable(res);
    next();
  }
}

@Injectable()
export class DatabaseLossInterceptor implements NestInterceptor {
  constructor(@Inject(DatabaseAvailability) private readonly availability: DatabaseAvailability) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (this.availability.reportLoss(err)) throw new DatabaseUnavailableException(err);
        throw err;
      }),
    );
  }
}

@Catch()
export class DatabaseLossFilter extends BaseExceptionFilter {
  constructor(@Inject(DatabaseAvailability) private readonly availability: DatabaseAvailability) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && (exception instanceof DatabaseUnavailableException || isConnectionLoss(exception))) {
      this.availability.reportLoss(exception);
      return sendDatabaseUnavailable(host.switchToHttp().getResponse<Response>());
    }
    super.catch(exception, host);
  }
}
