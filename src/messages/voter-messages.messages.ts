/**
 * Catalog of what src/messaging sends and says: the credential e-mail and the one-time-code SMS
 * voters receive (src/messaging/voter-messages.ts), and the errors of the mail and SMS senders
 * the operators read (src/messaging/smtp-mail-sender.ts, http-sms-sender.ts).
 *
 * The e-mail is Spanish, a rule, then English. The SMS is one line in both languages in plain
 * ASCII (no accents: one GSM-7 segment of 160 characters; accents would switch to UCS-2 and 70).
 * The configuration errors name an environment variable, so they read English first.
 */
import { defineCatalog, template, type Bilingual } from './catalog';

export const voterMessages = defineCatalog({
  // Confirmation e-mail after casting (src/messaging/cast-confirmation.ts): never the choices.
  'mail.cast.subject': { es: 'Su voto quedó registrado', en: 'Your vote was recorded' },
  'mail.cast.greeting': template({ name: 'Ana López' }, { es: ({ name }) => `Hola, ${name}:`, en: ({ name }) => `Hello ${name},` }),
  'mail.cast.intro': {
    es: 'Su boleta cifrada quedó registrada en el tablero público. Este correo no dice por quién votó: nadie puede saberlo.',
    en: 'Your encrypted ballot was recorded on the public board. This e-mail does not say how you voted: nobody can know that.',
  },
  'mail.cast.code': template({ code: 'K7QM-2XDA-9PLT-...' }, { es: ({ code }) => `Código de seguimiento: ${code}`, en: ({ code }) => `Tracking code: ${code}` }),
  'mail.cast.full': template({ hex: '3f9a…' }, { es: ({ hex }) => `Código completo:        ${hex}`, en: ({ hex }) => `Full code:     ${hex}` }),
  'mail.cast.index': template({ index: 1234 }, { es: ({ index }) => `Posición en el registro: ${index}`, en: ({ index }) => `Position in the log: ${index}` }),
  'mail.cast.checkpoint': template({ size: 1240, root: '9c2e…' }, {
    es: ({ size, root }) => `Punto de control: ${size} entradas, raíz ${root}`,
    en: ({ size, root }) => `Checkpoint: ${size} entries, root ${root}`,
  }),
  'mail.cast.check': template({ url: 'https://voto.example.mx/#code=K7QM' }, {
    es: ({ url }) => `Compruebe en el tablero que su boleta sigue ahí: ${url}`,
    en: ({ url }) => `Check on the board that your ballot is still there: ${url}`,
  }),
  'mail.cast.notYou': {
    es: 'Si usted no votó, avise de inmediato a la autoridad electoral.',
    en: 'If you did not vote, tell the electoral authority at once.',
  },
  // Credential e-mail.
  'mail.credential.subject': { es: 'Tus datos para votar por internet', en: 'Your internet voting credentials' },
  'mail.credential.subjectRenewed': { es: 'Tu nueva contraseña para votar', en: 'Your new voting password' },
  'mail.credential.greeting': template({ name: 'Ana López' }, { es: ({ name }) => `Hola, ${name}:`, en: ({ name }) => `Hello ${name},` }),
  'mail.credential.intro': { es: 'Estos son tus datos para votar por internet desde el extranjero.', en: 'These are your details to vote online from abroad.' },
  'mail.credential.introRenewed': { es: 'Te enviamos una contraseña nueva. La anterior ya no funciona.', en: 'Here is a new password. The previous one no longer works.' },
  /** The three credential lines, labels padded so the values line up. */
  'mail.credential.username': template({ username: 'ana.lopez.4821' }, { es: ({ username }) => `Usuario:    ${username}`, en: ({ username }) => `Username: ${username}` }),
  'mail.credential.password': template({ password: 'tQ7-kP2-mW9' }, { es: ({ password }) => `Contraseña: ${password}`, en: ({ password }) => `Password: ${password}` }),
  'mail.credential.website': template({ url: 'https://voto.example.mx' }, { es: ({ url }) => `Sitio:      ${url}`, en: ({ url }) => `Website:  ${url}` }),
  'mail.credential.codes': {
    es: 'Cada vez que ingreses, y otra vez antes de emitir tu voto, recibirás un código de un solo uso por SMS en tu teléfono móvil.',
    en: 'Each time you log in, and again before casting your vote, you will receive a one-time code by SMS on your mobile phone.',
  },
  'mail.credential.warning': {
    es: 'Nadie del Instituto te pedirá tu contraseña ni tus códigos. No los compartas.',
    en: 'No one from the Institute will ever ask for your password or codes. Do not share them.',
  },

  // One-time-code SMS (plain ASCII).
  'sms.purpose.login': { es: 'para ingresar', en: 'to log in' },
  'sms.purpose.cast': { es: 'para emitir tu voto', en: 'to cast your vote' },
  'sms.code': template<{ purpose: Bilingual; code: string; minutes: number }>(
    { purpose: { es: 'para ingresar', en: 'to log in' }, code: '123456', minutes: 5 },
    {
      es: ({ purpose, code, minutes }) => `Voto MX: tu codigo ${purpose.es} es ${code} (vence en ${minutes} min).`,
      en: ({ purpose, code }) => `Your code ${purpose.en}: ${code}.`,
    },
  ),
  'sms.doNotShare': { es: 'No lo compartas', en: 'Do not share.' },

  // Mail and SMS senders: configuration (English first) and delivery errors.
  'config.smsUrlMissing': { es: 'falta la URL de la pasarela SMS', en: 'URNA_SMS_URL is not set: the SMS gateway URL is required' },
  'config.smtpUrlMissing': { es: 'falta la URL del servidor SMTP', en: 'URNA_SMTP_URL is not set: the SMTP server URL is required' },
  'config.mailFromMissing': { es: 'falta la dirección del remitente', en: 'URNA_MAIL_FROM is not set: the sender address is required' },
  'config.mailFromEmpty': { es: 'falta la dirección del remitente', en: 'URNA_MAIL_FROM is empty: the sender address is required' },
  'config.smtpUrlInvalid': { es: 'URNA_SMTP_URL no es una URL válida', en: 'URNA_SMTP_URL is not a valid URL' },
  'config.smtpUrlScheme': template(
    { protocol: 'http:' },
    { es: () => 'debe empezar con smtp:// o smtps://', en: ({ protocol }) => `URNA_SMTP_URL must start with smtp:// or smtps:// (got ${protocol})` },
  ),
  'config.smtpUrlNoHost': { es: 'URNA_SMTP_URL no indica el servidor', en: 'URNA_SMTP_URL names no host' },
  'delivery.mailRefused': template(
    { server: 'smtp.example.mx:587' },
    { es: ({ server }) => `El servidor de correo ${server} rechazó el mensaje`, en: () => 'The mail server refused the message' },
  ),
  'delivery.mailTimedOut': template(
    { server: 'smtp.example.mx:587' },
    { es: ({ server }) => `El servidor de correo ${server} no respondió a tiempo`, en: () => 'The mail server timed out' },
  ),
  'delivery.mailUnreachable': template(
    { server: 'smtp.example.mx:587' },
    { es: ({ server }) => `No se pudo hablar con el servidor de correo ${server}`, en: () => 'Could not talk to the mail server' },
  ),
});
