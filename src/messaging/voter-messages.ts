import type { MailMessage, SmsMessage } from './ports';

/**
 * The texts voters receive: es-MX first, English below. SMS texts stay in plain ASCII so
 * they fit one GSM-7 segment (160 characters); accents would switch to UCS-2 (70 characters).
 */
export function credentialMail(input: { to: string; name: string; username: string; password: string; systemUrl: string; credentialNumber: number }): MailMessage {
  const renewed = input.credentialNumber > 1;
  return {
    to: input.to,
    kind: 'credential',
    subject: renewed ? 'Tu nueva contraseña para votar / Your new voting password' : 'Tus datos para votar por internet / Your internet voting credentials',
    text: [
      `Hola, ${input.name}:`,
      '',
      renewed
        ? 'Te enviamos una contraseña nueva. La anterior ya no funciona.'
        : 'Estos son tus datos para votar por internet desde el extranjero.',
      '',
      `  Usuario:    ${input.username}`,
      `  Contraseña: ${input.password}`,
      `  Sitio:      ${input.systemUrl}`,
      '',
      'Cada vez que ingreses, y otra vez antes de emitir tu voto, recibirás un código de un solo uso por SMS en tu teléfono móvil.',
      'Nadie del Instituto te pedirá tu contraseña ni tus códigos. No los compartas.',
      '',
      '---',
      '',
      `Hello ${input.name},`,
      '',
      renewed ? 'Here is a new password. The previous one no longer works.' : 'These are your details to vote online from abroad.',
      '',
      `  Username: ${input.username}`,
      `  Password: ${input.password}`,
      `  Website:  ${input.systemUrl}`,
      '',
      'Each time you log in, and again before casting your vote, you will receive a one-time code by SMS on your mobile phone.',
      'No one from the Institute will ever ask for your password or codes. Do not share them.',
    ].join('\n'),
  };
}

export function oneTimeCodeSms(input: { to: string; code: string; purpose: 'login' | 'cast'; minutes: number }): SmsMessage {
  const es = input.purpose === 'cast' ? 'para emitir tu voto' : 'para ingresar';
  const en = input.purpose === 'cast' ? 'to cast your vote' : 'to log in';
  return {
    to: input.to,
    kind: `code-${input.purpose}`,
    text: `Voto MX: tu codigo ${es} es ${input.code} (vence en ${input.minutes} min). Your code ${en}: ${input.code}. No lo compartas / Do not share.`,
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
