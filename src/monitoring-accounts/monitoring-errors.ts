/**
 * Every refusal of the monitoring API has the voter API's shape, {error, message, mensaje}, with
 * texts from the monitoring catalog (src/messages/monitoring.messages.ts) or the pair a
 * DomainError carries. A sign-in refusal never says whether a username exists.
 */
import { DatabaseUnavailableException } from '../faults/database-unavailable';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';
import { sendDatabaseUnavailable } from '../faults/database-faults';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../domain/shared/decider';
import { WrongExpectedRevisionError } from '../ledger/event-store';
import { messagesOf, type Bilingual } from '../messages/catalog';
import { monitoringMessages } from '../messages/monitoring.messages';

export const monitoringApi = messagesOf(monitoringMessages);

export class MonitoringHttpError extends Error {
  constructor(readonly status: number, readonly code: string, readonly text: Bilingual, readonly details?: unknown) {
    super(text.en);
    this.name = 'MonitoringHttpError';
  }
}

/** HTTP status of each domain refusal the monitoring side can meet (others: 422). */
const STATUS: Record<string, number> = {
  MONITORING_ACCOUNT_EXISTS: 409,
  INCIDENT_EXISTS: 409,
  REPORT_EXISTS: 409,
  FINAL_REPORT_ISSUED: 409,
  NOT_AN_OFFICIAL: 403,
  NO_MONITORING_ACCOUNT: 404,
};

@Catch()
export class MonitoringErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('MonitoringApi');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof DatabaseUnavailableException || isConnectionLoss(err)) {
      // The database is lost: the same 503 as every API, and no stack (one line per outage is
      // logged by DatabaseAvailability; src/faults/expected-unavailability.ts).
      sendDatabaseUnavailable(res);
      return;
    }
    if (err instanceof MonitoringHttpError) {
      this.send(res, err);
      return;
    }
    if (err instanceof DomainError) {
      const text = err.text ?? { es: err.message, en: err.message };
      res.status(STATUS[err.code] ?? 422).json({ error: err.code, message: text.en, mensaje: text.es });
      return;
    }
    if (err instanceof WrongExpectedRevisionError) {
      this.send(res, new MonitoringHttpError(409, 'CONFLICT', monitoringApi.pair('error.conflict')));
      return;
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      this.send(res, status === 404
        ? new MonitoringHttpError(404, 'NOT_FOUND', monitoringApi.pair('error.notFound'))
        : new MonitoringHttpError(status, 'BAD_REQUEST', monitoringApi.pair('error.badRequest', { field: 'body' })));
      return;
    }
    this.logger.error(err instanceof Error ? err.stack ?? err.message : String(err));
    this.send(res, new MonitoringHttpError(500, 'INTERNAL_ERROR', monitoringApi.pair('error.internal')));
  }

  private send(res: Response, err: MonitoringHttpError): void {
    const retryAfter = (err.details as { retryAfter?: number } | undefined)?.retryAfter;
    if (err.status === 429 && retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(err.status).json({ error: err.code, message: err.text.en, mensaje: err.text.es, ...(err.details !== undefined ? { details: err.details } : {}) });
  }
}
