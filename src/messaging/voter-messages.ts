import { both, pair, text, type Language } from '../messages/catalog';
import { voterMessages } from '../messages/voter-messages.messages';
import type { MailMessage, SmsMessage } from './ports';

/**
 * The texts voters receive (src/messages/voter-messages.messages.ts): es-MX first, English
 * below. SMS texts stay in plain ASCII so they fit one GSM-7 segment (160 characters); accents
 * would switch to UCS-2 (70 characters).
 */
export function credentialMail(input: { to: string; name: string; username: string; password: string; systemUrl: string; credentialNumber: number }): MailMessage {
  const renewed = input.credentialNumber > 1;
  const body = (lang: Language) => [
    text(voterMessages, 'mail.credential.greeting', lang, { name: input.name }),
    '',
    text(voterMessages, renewed ? 'mail.credential.introRenewed' : 'mail.credential.intro', lang),
    '',
    `  ${text(voterMessages, 'mail.credential.username', lang, { username: input.username })}`,
    `  ${text(voterMessages, 'mail.credential.password', lang, { password: input.password })}`,
    `  ${text(voterMessages, 'mail.credential.website', lang, { url: input.systemUrl })}`,
    '',
    text(voterMessages, 'mail.credential.codes', lang),
    text(voterMessages, 'mail.credential.warning', lang),
  ];
  return {
    to: input.to,
    kind: 'credential',
    subject: both(voterMessages, renewed ? 'mail.credential.subjectRenewed' : 'mail.credential.subject'),
    text: [...body('es'), '', '---', '', ...body('en')].join('\n'),
  };
}

export function oneTimeCodeSms(input: { to: string; code: string; purpose: 'login' | 'cast'; minutes: number }): SmsMessage {
  const purpose = pair(voterMessages, input.purpose === 'cast' ? 'sms.purpose.cast' : 'sms.purpose.login');
  const params = { purpose, code: input.code, minutes: input.minutes };
  return {
    to: input.to,
    kind: `code-${input.purpose}`,
    text: `${text(voterMessages, 'sms.code', 'es', params)} ${text(voterMessages, 'sms.code', 'en', params)} ${both(voterMessages, 'sms.doNotShare')}`,
  };
}

/** Extracts the 6-digit code from an SMS text (simulacros and tests "read the phone"). */
export function codeFromSms(text: string): string | undefined {
  return /\b([0-9]{6})\b/.exec(text)?.[1];
}

/** Extracts username and password from a credential e-mail (simulacros and tests). */
export function credentialFromMail(text: string): { username: string; password: string } | undefined {
  const u = /Usuario:\s+(\S+)/.exec(text)?.[1];
  const p = /Contraseña:\s+(\S+)/.exec(text)?.[1];
  return u && p ? { username: u, password: p } : undefined;
}
