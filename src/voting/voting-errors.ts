/**
 * Every refusal of the voter and board APIs has one shape: {error, message, mensaje}
 * (stable code, English, Spanish). Refusals never say whether a username exists.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../domain/shared/decider';
import { EventTooLargeError, WrongExpectedRevisionError } from '../ledger/event-store';

export interface VotingErrorBody {
  error: string;
  message: string;
  mensaje: string;
  details?: unknown;
}

export class VotingHttpError extends Error {
  constructor(readonly status: number, readonly code: string, readonly english: string, readonly spanish: string, readonly details?: unknown) {
    super(english);
    this.name = 'VotingHttpError';
  }
  body(): VotingErrorBody {
    return { error: this.code, message: this.english, mensaje: this.spanish, ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** HTTP status of each domain refusal the voting side can meet. */
const STATUS: Record<string, number> = {
  AUTHENTICATION_FAILED: 401,
  ONE_TIME_CODE_REJECTED: 401,
  SESSION_INVALID: 401,
  OUTSIDE_VOTING_PERIOD: 409,
  VOTING_NOT_STARTED: 409,
  VOTING_CLOSED: 409,
  ALREADY_VOTED: 409,
  BALLOT_SPOILED: 409,
  SPOILED_CIPHERTEXT_REUSED: 409,
  ALREADY_SPOILED: 409,
  AUDIT_LIMIT_REACHED: 409,
  WRONG_BALLOT_STYLE: 422,
  INVALID_BALLOT: 422,
  INVALID_DISCLOSURE: 422,
};

/** Domain messages are written "español / English": split them. */
export function fromDomainError(err: DomainError): VotingHttpError {
  const [es, ...en] = err.message.split(' / ');
  return new VotingHttpError(STATUS[err.code] ?? 400, err.code, en.join(' / ') || es, es, err.details);
}

export function toVotingHttpError(err: unknown): VotingHttpError {
  if (err instanceof VotingHttpError) return err;
  if (err instanceof DomainError) return fromDomainError(err);
  if (err instanceof EventTooLargeError) {
    return new VotingHttpError(413, 'BALLOT_TOO_LARGE', 'The ballot is larger than the ledger accepts.', 'La boleta excede el tamaño que acepta el registro.');
  }
  if (err instanceof WrongExpectedRevisionError) {
    return new VotingHttpError(409, 'CONCURRENT_REQUEST', 'Another request of yours was being processed at the same time; try again.', 'Otra solicitud suya se procesaba al mismo tiempo; intente de nuevo.');
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404) return new VotingHttpError(404, 'NOT_FOUND', 'Not found.', 'No encontrado.');
    return new VotingHttpError(status, 'BAD_REQUEST', err.message, 'Solicitud inválida.');
  }
  return new VotingHttpError(500, 'INTERNAL_ERROR', 'Something went wrong on our side; nothing was recorded for this request unless a receipt was shown.', 'Ocurrió un error del sistema; no se registró nada de esta solicitud salvo que se haya mostrado un acuse.');
}

export const badRequest = (english: string, spanish: string, details?: unknown) => new VotingHttpError(400, 'INVALID_REQUEST', english, spanish, details);

@Catch()
export class VotingErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('VotingApi');
  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toVotingHttpError(exception);
    if (error.status >= 500) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    const res = host.switchToHttp().getResponse<Response>();
    res.status(error.status).json(error.body());
  }
}
