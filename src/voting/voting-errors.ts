/**
 * Every refusal of the voter and board APIs has one shape: {error, message, mensaje}
 * (stable code, English, Spanish). Refusals never say whether a username exists. Their texts
 * are keys of the voter API's catalog (src/messages/voter-api.messages.ts), or the pair a
 * DomainError carries from the domain catalog (src/messages/domain.messages.ts).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../domain/shared/decider';
import { EventTooLargeError, WrongExpectedRevisionError } from '../ledger/event-store';
import { WorkRefusedError } from '../http/work-budget';
import { messagesOf, text, type Bilingual } from '../messages/catalog';
import { voterApiMessages, type VoterApiKey } from '../messages/voter-api.messages';
import { DatabaseUnavailableException, databaseUnavailableBody, RETRY_AFTER_SECONDS } from '../faults/database-unavailable';
import { StandbyUnavailableException, standbyUnavailableBody } from '../faults/standby-unconfirmed';
import { isStandbyUnconfirmed } from '../ledger/postgres/standby-wait';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';
import { isExpectedUnavailability } from '../faults/expected-unavailability';

export const voterApi = messagesOf(voterApiMessages);

/** The voter API's keys that take no parameters (templates are rendered with voterApi.pair). */
export type FixedVoterApiKey = { [K in VoterApiKey]: (typeof voterApiMessages)[K] extends { example: unknown } ? never : K }[VoterApiKey];

/** A refusal's text: a key of the voter API's catalog, or a pair already rendered. */
export type VotingErrorText = FixedVoterApiKey | Bilingual;

const bilingual = (t: VotingErrorText): Bilingual => (typeof t === 'string' ? voterApi.pair(t) : t);

export interface VotingErrorBody {
  error: string;
  message: string;
  mensaje: string;
  details?: unknown;
}

export class VotingHttpError extends Error {
  readonly english: string;
  readonly spanish: string;
  constructor(readonly status: number, readonly code: string, message: VotingErrorText, readonly details?: unknown) {
    super(bilingual(message).en);
    this.name = 'VotingHttpError';
    const { es, en } = bilingual(message);
    this.english = en;
    this.spanish = es;
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
  ACCOUNT_LOCKED: 423,
  OUTSIDE_VOTING_PERIOD: 409,
  VOTING_NOT_STARTED: 409,
  VOTING_CLOSED: 409,
  ALREADY_VOTED: 409,
  BALLOT_SPOILED: 409,
  SPOILED_CIPHERTEXT_REUSED: 409,
  CAST_CIPHERTEXT_DISCLOSED: 409,
  ALREADY_SPOILED: 409,
  AUDIT_LIMIT_REACHED: 409,
  WRONG_BALLOT_STYLE: 422,
  INVALID_BALLOT: 422,
  INVALID_DISCLOSURE: 422,
  // The ballot's credential (src/domain/voting/decide.ts).
  CREDENTIAL_NOT_LISTED: 422,
  CREDENTIAL_NOT_YOURS: 422,
  CREDENTIAL_REVOKED: 409,
  NO_CREDENTIAL: 403,
};

/** A domain refusal in the API's shape: its pair from the catalog; a message without one is
 * written "español / English" and split. */
export function fromDomainError(err: DomainError): VotingHttpError {
  const [es, ...en] = err.message.split(' / ');
  return new VotingHttpError(STATUS[err.code] ?? 400, err.code, err.text ?? { es, en: en.join(' / ') || es }, err.details);
}

export function toVotingHttpError(err: unknown): VotingHttpError {
  if (err instanceof VotingHttpError) return err;
  // The database is out of reach (src/faults): 503, the same answer the gate gives.
  if (err instanceof DatabaseUnavailableException || isConnectionLoss(err)) {
    const unavailable = databaseUnavailableBody();
    return new VotingHttpError(503, unavailable.error, { es: unavailable.mensaje, en: unavailable.message });
  }
  // The synchronous standby did not confirm the write in time (src/faults/standby-unconfirmed.ts):
  // 503, and certainly no receipt.
  if (err instanceof StandbyUnavailableException || isStandbyUnconfirmed(err)) {
    const unavailable = standbyUnavailableBody();
    return new VotingHttpError(503, unavailable.error, { es: unavailable.mensaje, en: unavailable.message }, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  if (err instanceof DomainError) return fromDomainError(err);
  if (err instanceof EventTooLargeError) {
    return new VotingHttpError(413, 'BALLOT_TOO_LARGE', 'error.ballotTooLarge');
  }
  if (err instanceof WorkRefusedError) {
    // One client's share spent: 429, like its request budget. The whole service's: 503, busy.
    const wait = err.retryAfterSeconds;
    if (err.reason === 'key') return new VotingHttpError(429, 'RATE_LIMITED', voterApi.pair('error.rateLimited', { wait }), { retryAfterSeconds: wait });
    return new VotingHttpError(503, 'SERVICE_BUSY', voterApi.pair('error.busy', { wait }), { retryAfterSeconds: wait });
  }
  if (err instanceof WrongExpectedRevisionError) {
    return new VotingHttpError(409, 'CONCURRENT_REQUEST', 'error.concurrentRequest');
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404) return new VotingHttpError(404, 'NOT_FOUND', 'error.notFound');
    // Nest's own English; the Spanish is the catalog's.
    return new VotingHttpError(status, 'BAD_REQUEST', { es: text(voterApiMessages, 'error.badRequest', 'es'), en: err.message });
  }
  return new VotingHttpError(500, 'INTERNAL_ERROR', 'error.internal');
}

export const badRequest = (message: VotingErrorText, details?: unknown) => new VotingHttpError(400, 'INVALID_REQUEST', message, details);

@Catch()
export class VotingErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('VotingApi');
  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toVotingHttpError(exception);
    // No stack for an outage's or a shed request's 503: one line per outage is logged elsewhere (src/faults/expected-unavailability.ts).
    if (error.status >= 500 && !isExpectedUnavailability(exception)) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof WorkRefusedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (error.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(error.status).json(error.body());
  }
}
