/**
 * The trustee API's refusals, one shape ({error, message, mensaje}: stable code, English,
 * Spanish), as the rest of the service answers. A refusal by a decider keeps its code and its
 * pair from the domain catalog; its status says what the station should do: 409 when the
 * message came at the wrong time or was already taken (wait, or nothing to do), 422 when the
 * message itself is refused (its signature, its contents), 400 when it is no submission at all.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../domain/shared/decider';
import { SubmissionFormatError } from '../domain/ceremony/trustee-submission';
import { WrongExpectedRevisionError } from '../ledger/event-store';
import { pair, type Bilingual } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';

export class TrusteeApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly text: Bilingual) {
    super(text.en);
    this.name = 'TrusteeApiError';
  }
}

const CONFLICT = /^(WRONG_CEREMONY_PHASE|.*_ALREADY_.*|ALREADY_.*|NO_TOTALS|TALLY_HALTED|CEREMONY_ALREADY_OPENED)$/;

@Catch()
export class TrusteeApiErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let code = 'INTERNAL_ERROR';
    let text: Bilingual = pair(trusteeStationMessages, 'trusteeApi.internalError');
    if (err instanceof TrusteeApiError) {
      ({ status, code, text } = err);
    } else if (err instanceof SubmissionFormatError) {
      status = 400;
      code = 'MALFORMED_SUBMISSION';
      text = pair(trusteeStationMessages, 'trusteeApi.malformed', { reason: err.reason });
    } else if (err instanceof DomainError) {
      status = CONFLICT.test(err.code) ? 409 : 422;
      code = err.code;
      text = err.text ?? { es: err.message, en: err.message };
    } else if (err instanceof WrongExpectedRevisionError) {
      status = 409;
      code = 'CONCURRENT_CHANGE';
      text = pair(trusteeStationMessages, 'trusteeApi.concurrent');
    } else if (err instanceof HttpException) {
      status = err.getStatus();
      code = 'HTTP_ERROR';
      text = { es: err.message, en: err.message };
    }
    res.status(status).json({ error: code, message: text.en, mensaje: text.es });
  }
}
