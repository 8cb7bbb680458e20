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
  // The operation report's PDF (src/documents/pdf/operation-report-pdf.ts).
  'report.title.daily': { es: 'Informe diario de operación', en: 'Daily operation report' },
  'report.title.final': { es: 'Informe final de operación', en: 'Final operation report' },
  'report.basis': { es: 'Lineamientos del voto electrónico por internet, numeral 28', en: 'Internet voting guidelines, numeral 28' },
  'report.heading.general': { es: 'Datos generales', en: 'General data' },
  'report.heading.turnout': { es: 'Participación', en: 'Turnout' },
  'report.heading.byHour': { es: 'Votos por hora (UTC)', en: 'Ballots by hour (UTC)' },
  'report.heading.byEntity': { es: 'Votos por entidad de origen', en: 'Ballots by entity of origin' },
  'report.heading.byCountry': { es: 'Votos por país de residencia', en: 'Ballots by country of residence' },
  'report.heading.deliveries': { es: 'Entrega de credenciales y códigos', en: 'Delivery of credentials and codes' },
  'report.heading.incidents': { es: 'Incidentes', en: 'Incidents' },
  'report.heading.components': { es: 'Disponibilidad de los componentes', en: 'Component availability' },
  'report.heading.log': { es: 'Crecimiento del registro y puntos de control', en: 'Log growth and checkpoints' },
  'report.label.election': { es: 'Elección', en: 'Election' },
  'report.label.period': { es: 'Periodo', en: 'Period' },
  'report.label.produced': { es: 'Emitido', en: 'Produced' },
  'report.label.total': { es: 'Votos recibidos en el periodo', en: 'Ballots received in the period' },
  'report.label.credentials': { es: 'Credenciales (enviadas / fallidas)', en: 'Credentials (sent / failed)' },
  'report.label.codes': { es: 'Códigos SMS (enviados / fallidos)', en: 'SMS codes (sent / failed)' },
  'report.label.resends': { es: 'Reenvíos solicitados por la autoridad', en: 'Resends requested by the authority' },
  'report.label.logStart': { es: 'Eventos en el registro al inicio', en: 'Events in the log at the start' },
  'report.label.logEnd': { es: 'Eventos en el registro al final', en: 'Events in the log at the end' },
  'report.label.checkpoints': { es: 'Puntos de control firmados en el periodo', en: 'Checkpoints signed in the period' },
  'report.label.latestCheckpoint': { es: 'Último punto de control', en: 'Latest checkpoint' },
  'report.label.publicKey': { es: 'Llave pública del firmante (Ed25519)', en: 'Signer public key (Ed25519)' },
  'report.label.signature': { es: 'Firma', en: 'Signature' },
  'report.sentFailed': template({ sent: 10, failed: 1 }, {
    es: ({ sent, failed }) => `${sent} enviados, ${failed} fallidos`,
    en: ({ sent, failed }) => `${sent} sent, ${failed} failed`,
  }),
  'report.none': { es: 'Ninguno', en: 'None' },
  'report.column.key': { es: 'Clave', en: 'Key' },
  'report.column.count': { es: 'Cantidad', en: 'Count' },
  'report.column.component': { es: 'Componente', en: 'Component' },
  'report.column.upShare': { es: 'Disponible', en: 'Available' },
  'report.column.now': { es: 'Estado al emitir', en: 'State when produced' },
  'report.column.severity': { es: 'Gravedad', en: 'Severity' },
  'report.column.summary': { es: 'Descripción', en: 'Summary' },
  // The one-time code SMS.
  'sms.code': template({ code: '123456', minutes: 5 }, {
    es: ({ code, minutes }) => `Urna monitoreo: su código es ${code}. Vence en ${minutes} min. No lo comparta.`,
    en: ({ code, minutes }) => `Urna monitoring: your code is ${code}. It expires in ${minutes} min. Do not share it.`,
  }),
});
