/**
 * Every /log error is JSON {error, message, mensaje} (message in English, mensaje in es-MX, from
 * the log API catalog): 400 for bad input, 404 for what does not exist (yet), 5xx for the
 * service's own faults. Errors are never cached (a tile beyond the tree today exists
 * tomorrow), and a refusal of bad input writes nothing to the server log: a prober walking
 * sizes or paths must not fill it (issue 14 saw 1,135 lines from one). Only faults of the
 * service itself are logged.
 */
import { isExpectedUnavailability } from '../faults/expected-unavailability';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { LogNotFoundError, LogRangeError, MerkleLogError } from '../ledger/merkle/merkle-log-errors';
import type { Bilingual } from '../messages/catalog';
import { messagesOf } from '../messages/catalog';
import { logApiMessages } from '../messages/log-api.messages';

const m = messagesOf(logApiMessages);

export class LogHttpError extends HttpException {
  constructor(status: number, code: string, text: Bilingual) {
    super({ error: code, message: text.en, mensaje: text.es }, status);
  }
}

export function badRequest(text: Bilingual, error = 'invalid_parameter'): LogHttpError {
  return new LogHttpError(400, error, text);
}

export function notFound(text: Bilingual): LogHttpError {
  return new LogHttpError(404, 'not_found', text);
}

/** The error body and status for anything a /log handler throws. */
export function toLogHttpError(err: unknown): { status: number; body: { error: string; message: string; mensaje: string }; fault: boolean } {
  if (err instanceof LogHttpError) return { status: err.getStatus(), body: err.getResponse() as never, fault: false };
  if (err instanceof LogNotFoundError) return { status: 404, body: body('not_found', m.pair('log.notFound', { detail: err.message })), fault: false };
  if (err instanceof LogRangeError) return { status: 400, body: body('out_of_range', m.pair('log.outOfRange', { detail: err.message })), fault: false };
  if (err instanceof MerkleLogError) return { status: 503, body: body('log_unavailable', m.pair('log.unavailable')), fault: true };
  if (err instanceof HttpException && err.getStatus() < 500) {
    // Nest's own refusals (e.g. a malformed query string): keep the status, our shape.
    return { status: err.getStatus(), body: body(err.getStatus() === 404 ? 'not_found' : 'invalid_parameter', m.pair('log.routeNotFound')), fault: false };
  }
  return { status: 503, body: body('log_unavailable', m.pair('log.unavailable')), fault: true };
}

function body(error: string, text: Bilingual) {
  return { error, message: text.en, mensaje: text.es };
}

@Catch()
export class LogErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('LogApi');

  catch(err: unknown, host: ArgumentsHost): void {
    const { status, body: payload, fault } = toLogHttpError(err);
    // No stack for an outage's 503: one line per outage is logged elsewhere (src/faults/expected-unavailability.ts).
    if (fault && !isExpectedUnavailability(err)) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    // Written with end(), not json(): express would add an ETag to the error.
    res.removeHeader('ETag');
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('application/json; charset=utf-8').end(JSON.stringify(payload));
  }
}
