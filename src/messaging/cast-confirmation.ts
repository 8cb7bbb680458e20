import { both, text, type Language } from '../messages/catalog';
import { voterMessages } from '../messages/voter-messages.messages';
import type { MailMessage } from './ports';

/**
 * The e-mail a voter receives after casting: the tracking code, the log position and the
 * checkpoint (size and root hash) that covers it, and where to check it on the board. Spanish,
 * a rule, English. It never holds the choices: the service does not know them.
 */
export interface CastConfirmation {
  to: string;
  name: string;
  trackingCode: string;
  readableTrackingCode: string;
  logIndex: number;
  checkpoint: { size: number; rootHash: string };
  /** The board's receipt lookup for this code. */
  lookupUrl: string;
}

export function castConfirmationMail(c: CastConfirmation): MailMessage {
  const body = (lang: Language) => [
    text(voterMessages, 'mail.cast.greeting', lang, { name: c.name }),
    '',
    text(voterMessages, 'mail.cast.intro', lang),
    '',
    `  ${text(voterMessages, 'mail.cast.code', lang, { code: c.readableTrackingCode })}`,
    `  ${text(voterMessages, 'mail.cast.full', lang, { hex: c.trackingCode })}`,
    `  ${text(voterMessages, 'mail.cast.index', lang, { index: c.logIndex })}`,
    `  ${text(voterMessages, 'mail.cast.checkpoint', lang, { size: c.checkpoint.size, root: c.checkpoint.rootHash })}`,
    '',
    text(voterMessages, 'mail.cast.check', lang, { url: c.lookupUrl }),
    text(voterMessages, 'mail.cast.notYou', lang),
  ];
  return {
    to: c.to,
    kind: 'cast-confirmation',
    subject: both(voterMessages, 'mail.cast.subject'),
    text: [...body('es'), '', '---', '', ...body('en')].join('\n'),
  };
}
