import { joinBoth, pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

/** Typed errors of the set-up application layer, es-MX first, then English (texts in
 * src/messages/cli.messages.ts). */
export class SetupError extends Error {
  readonly es: string;
  readonly en: string;

  constructor(readonly code: string, message: Bilingual) {
    super(joinBoth(message));
    this.es = message.es;
    this.en = message.en;
    this.name = new.target.name;
  }
}

/** The token presented is not the one the trustee was enrolled with. */
export class NotEnrolledTokenError extends SetupError {
  constructor(readonly trusteeName: string, readonly enrolledSerial: string, readonly presentedSerial: string) {
    super('NOT_ENROLLED_TOKEN', pair(cliMessages, 'setup.error.notEnrolledToken', { trusteeName, enrolledSerial, presentedSerial }));
  }
}
