/**
 * Casting with a synchronous standby (issue 18, "bad input and faults"): a request waits for the
 * standby at most URNA_SYNC_STANDBY_TIMEOUT_MS, then gets a clear 503 with Retry-After and no
 * receipt (why the connection is closed rather than the wait cancelled: src/ledger/postgres/standby-wait.ts).
 *   - the middleware puts every request under that deadline;
 *   - the interceptor turns the abandoned write into an HttpException, which every error filter
 *     in place (voter API, log API, Nest's default) passes on with its status. The database is
 *     not marked down: it answers, only its standby does not.
 */
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, type NestMiddleware, ServiceUnavailableException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import type { Configuration } from '../config/configuration';
import { LEDGER_CONFIGURATION } from '../ledger/ledger.providers';
import { isStandbyUnconfirmed, withStandbyDeadline } from '../ledger/postgres/standby-wait';
import { pair } from '../messages/catalog';
import { startupMessages } from '../messages/startup.messages';
import { RETRY_AFTER_SECONDS } from './database-unavailable';

export const STANDBY_UNAVAILABLE = 'STANDBY_UNAVAILABLE';

export function standbyUnavailableBody(): { error: string; message: string; mensaje: string } {
  const text = pair(startupMessages, 'unavailable.standby');
  return { error: STANDBY_UNAVAILABLE, message: text.en, mensaje: text.es };
}

export class StandbyUnavailableException extends ServiceUnavailableException {
  constructor(cause?: unknown) {
    super(standbyUnavailableBody(), { cause });
    this.name = 'StandbyUnavailableException';
  }
}

@Injectable()
export class StandbyDeadlineMiddleware implements NestMiddleware {
  constructor(@Inject(LEDGER_CONFIGURATION) private readonly config: Configuration) {}

  use(_req: Request, _res: Response, next: NextFunction): void {
    withStandbyDeadline(this.config.URNA_SYNC_STANDBY_TIMEOUT_MS ?? 0, () => next());
  }
}

@Injectable()
export class StandbyUnconfirmedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!isStandbyUnconfirmed(err)) throw err;
        if (context.getType() === 'http') {
          const res = context.switchToHttp().getResponse<Response>();
          res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
          res.setHeader('Cache-Control', 'no-store');
        }
        throw new StandbyUnavailableException(err);
      }),
    );
  }
}
