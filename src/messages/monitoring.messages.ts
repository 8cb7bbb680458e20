/**
 * Catalog of monitoring (numerals 26–28): the monitoring accounts' refusals (src/domain/monitoring,
 * src/monitoring-accounts), the monitoring page (bulletin-board-web/public/monitoreo.html,
 * bulletin-board-web/src/monitoring-page.ts), `urna monitoring …` and the operation reports.
 */
import { defineCatalog, template } from './catalog';
import { webMessages } from './web.messages';

export const monitoringMessages = defineCatalog({
  ...webMessages,
  // Refusals (domain and HTTP).
  'error.invalidTime': { es: 'La hora de la solicitud no es válida.', en: 'The request time is not valid.' },
  'error.accountExists': { es: 'Ya existe una cuenta de monitoreo con ese nombre de usuario.', en: 'A monitoring account with that username already exists.' },
  'error.invalidAccount': template({ field: 'email' }, {
    es: ({ field }) => `Los datos de la cuenta no son válidos (${field}).`,
    en: ({ field }) => `The account's details are not valid (${field}).`,
  }),
  'error.notOfficial': { es: 'Sólo un funcionario de la autoridad puede hacer esto.', en: 'Only an official of the authority can do this.' },
  'error.noAccount': { es: 'La cuenta de monitoreo no existe.', en: 'The monitoring account does not exist.' },
  'error.signInFailed': { es: 'Usuario o contraseña incorrectos, o cuenta bloqueada temporalmente.', en: 'Wrong username or password, or the account is locked for now.' },
  'error.codeRejected': template({ reason: 'wrong_code' }, {
    es: ({ reason }) => `El código no es válido (${reason}). Inicie sesión de nuevo si es necesario.`,
    en: ({ reason }) => `The code is not valid (${reason}). Sign in again if needed.`,
  }),
  'error.unauthenticated': { es: 'Inicie sesión con una cuenta de monitoreo.', en: 'Sign in with a monitoring account.' },
  'error.forbidden': { es: 'Su función no tiene acceso a esta información o acción.', en: 'Your role has no access to this information or action.' },
  'error.rateLimited': template({ wait: 30 }, {
    es: ({ wait }) => `Demasiados intentos. Espere ${wait} segundos.`,
    en: ({ wait }) => `Too many attempts. Wait ${wait} seconds.`,
  }),
  'error.badRequest': template({ field: 'summary' }, {
    es: ({ field }) => `Solicitud no válida: revise «${field}».`,
    en: ({ field }) => `Invalid request: check "${field}".`,
  }),
  'error.conflict': { es: 'Otra solicitud cambió lo mismo al mismo tiempo. Intente de nuevo.', en: 'Another request changed the same thing at the same time. Try again.' },
  'error.internal': { es: 'Error interno del servicio. Se registró para su revisión.', en: 'Internal service error. It was logged for review.' },
  'error.notFound': { es: 'No existe.', en: 'Not found.' },
  'error.incidentExists': { es: 'Ese incidente ya está registrado.', en: 'That incident is already recorded.' },
  'error.reportExists': { es: 'Ese informe de operación ya fue emitido.', en: 'That operation report was already issued.' },
  'error.finalIssued': { es: 'El informe final ya fue emitido; no se emiten más informes.', en: 'The final report was already issued; no more reports are issued.' },
  'error.resendTooSoon': template({ minutes: 15 }, {
    es: ({ minutes }) => `Ya se pidió reenviar esa credencial hace menos de ${minutes} minutos.`,
    en: ({ minutes }) => `A resend of that credential was asked less than ${minutes} minutes ago.`,
  }),
  'error.notOnRoll': { es: 'Esa persona no está en la lista nominal.', en: 'That person is not on the roll.' },
  // The one-time code SMS.
  'sms.code': template({ code: '123456', minutes: 5 }, {
    es: ({ code, minutes }) => `Urna monitoreo: su código es ${code}. Vence en ${minutes} min. No lo comparta.`,
    en: ({ code, minutes }) => `Urna monitoring: your code is ${code}. It expires in ${minutes} min. Do not share it.`,
  }),
});
