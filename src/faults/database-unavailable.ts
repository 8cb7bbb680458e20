/**
 * The one answer to a request that needs the database while it cannot be reached: HTTP 503,
 * Retry-After, and a plain-language body in the API's error shape ({error, message, mensaje}).
 * An HttpException, so that every error filter already in place (voter API, trustee API, log
 * API, Nest's default) passes its status on.
 */
import { ServiceUnavailableException } from '@nestjs/common';
import { pair } from '../messages/catalog';
import { startupMessages } from '../messages/startup.messages';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailableBody(): { error: string; message: string; mensaje: string } {
  const text = pair(startupMessages, 'unavailable.database');
  return { error: DATABASE_UNAVAILABLE, message: text.en, mensaje: text.es };
}

export class DatabaseUnavailableException extends ServiceUnavailableException {
  constructor(cause?: unknown) {
    super(databaseUnavailableBody(), { cause });
    this.name = 'DatabaseUnavailableException';
  }
}
