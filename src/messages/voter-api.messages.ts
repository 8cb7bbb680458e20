/**
 * Catalog of the voter API (src/voting, src/authentication): what the voter's and the board's
 * HTTP endpoints answer when they refuse (the `mensaje` and `message` of {error, message,
 * mensaje}), the refusals of the voter's way in, and the OpenAPI summaries of the endpoints.
 *
 * Refusals the deciders make (ALREADY_VOTED, VOTING_CLOSED, …) are in the domain catalog
 * (src/messages/domain.messages.ts); the API renders them from the error's own pair. Tests
 * match some of these texts (test/voting, test/browser): a change here is a change of what
 * voters read.
 */
import { defineCatalog, template } from './catalog';

export const voterApiMessages = defineCatalog({
  // Refusals of the board's read API (src/projections/board.controller.ts).
  'board.electionIdInvalid': {
    es: 'El identificador de elección no es válido: de 1 a 200 caracteres, sin caracteres de control.',
    en: 'The election id is not valid: 1 to 200 characters, no control characters.',
  },
  'board.noElection': { es: 'Aún no se ha registrado ninguna elección.', en: 'No election has been recorded yet.' },
  'board.resultsNotPublished': template(
    { electionId: 'simulacro-2024' },
    {
      es: ({ electionId }) => `Los resultados de ${electionId} aún no se publican.`,
      en: ({ electionId }) => `The results of ${electionId} are not published yet.`,
    },
  ),

  // Refusals of the voter API (voting.service.ts, voter.controller.ts, voting-errors.ts).
  'error.sessionInvalid': { es: 'La sesión no es válida o expiró; ingrese de nuevo.', en: 'The session is invalid or expired; log in again.' },
  'error.signInFirst': { es: 'Primero ingrese (Authorization: Bearer <sessionToken>).', en: 'Sign in first (Authorization: Bearer <sessionToken>).' },
  'error.votingNotStarted': { es: 'La votación aún no ha iniciado.', en: 'Voting has not started yet.' },
  'error.ballotWithoutStyle': { es: 'La boleta no indica su estilo.', en: 'The ballot has no style.' },
  'error.invalidBallot': { es: 'La boleta cifrada no es válida.', en: 'The encrypted ballot is not valid.' },
  'error.receiptDelayed': {
    es: 'Su voto quedó registrado, pero el registro público aún no publica un checkpoint que lo incluya; verifíquelo en el tablero con su código de seguimiento.',
    en: 'Your ballot was recorded, but the log has not published a checkpoint including it yet; check it on the board with your tracking code.',
  },
  'error.invalidDisclosure': { es: 'La boleta anulada o los datos revelados no se verifican.', en: 'The spoiled ballot or its disclosure does not verify.' },
  'error.notOnRoll': { es: 'Usted no figura en la lista nominal de esta elección.', en: 'You are not on the roll of this election.' },
  'error.ballotTooLarge': { es: 'La boleta excede el tamaño que acepta el registro.', en: 'The ballot is larger than the ledger accepts.' },
  'error.concurrentRequest': {
    es: 'Otra solicitud suya se procesaba al mismo tiempo; intente de nuevo.',
    en: 'Another request of yours was being processed at the same time; try again.',
  },
  'error.notFound': { es: 'No encontrado.', en: 'Not found.' },
  /** The Spanish of any other 4xx Nest raises; its English is Nest's own message. */
  'error.badRequest': { es: 'Solicitud inválida.', en: 'Invalid request.' },
  'error.internal': {
    es: 'Ocurrió un error del sistema; no se registró nada de esta solicitud salvo que se haya mostrado un acuse.',
    en: 'Something went wrong on our side; nothing was recorded for this request unless a receipt was shown.',
  },
  'error.rateLimited': template(
    { wait: 30 },
    { es: ({ wait }) => `Demasiadas solicitudes; intente de nuevo en ${wait} s.`, en: ({ wait }) => `Too many requests; try again in ${wait} s.` },
  ),
  'error.busy': template(
    { wait: 2 },
    {
      es: ({ wait }) => `El servicio atiende a muchas personas en este momento; intente de nuevo en ${wait} s. No se registró nada de esta solicitud.`,
      en: ({ wait }) => `The service is serving many people right now; try again in ${wait} s. Nothing was recorded for this request.`,
    },
  ),
  'error.fieldText': template(
    { field: 'username', max: 64 },
    {
      es: ({ field, max }) => `"${field}" debe ser un texto no vacío de hasta ${max} caracteres.`,
      en: ({ field, max }) => `"${field}" must be a non-empty string of at most ${max} characters.`,
    },
  ),
  'error.bindingNonce': { es: '"bindingNonce" debe tener 64 dígitos hexadecimales en minúscula.', en: '"bindingNonce" must be 64 lowercase hexadecimal digits.' },
  'error.ballotNotObject': { es: '"ballot" debe ser un objeto.', en: '"ballot" must be an object.' },
  'error.spoiledNotObject': { es: '"spoiled" debe ser un objeto.', en: '"spoiled" must be an object.' },
  'error.payloadTooLarge': template(
    { limit: 131072 },
    { es: ({ limit }) => `El cuerpo de la solicitud excede ${limit} bytes.`, en: ({ limit }) => `The request body exceeds ${limit} bytes.` },
  ),
  'error.jsonOnly': {
    es: 'Esta API sólo acepta cuerpos JSON (Content-Type: application/json).',
    en: 'This API accepts JSON bodies only (Content-Type: application/json).',
  },
  'error.malformedBody': { es: 'El cuerpo de la solicitud no es JSON válido.', en: 'The request body is not valid JSON.' },

  // The board's ballot endpoints (board-ballots.controller.ts).
  'board.receiptNotFound': { es: 'No hay (aún) una boleta con ese código de seguimiento.', en: 'No ballot with that tracking code (yet).' },
  'board.auditedNotFound': { es: 'No hay (aún) una boleta auditada con ese código.', en: 'No audited ballot with that code (yet).' },
  'board.notExported': { es: 'La urna se exporta al cierre; aún no.', en: 'The ballot box is exported at closing; not yet.' },
  'board.ballotBoxMismatch': { es: 'Las boletas del registro no coinciden con el hash exportado.', en: 'The ballots in the ledger do not match the exported hash.' },
  'board.tooManyDownloads': template(
    { wait: 5 },
    {
      es: ({ wait }) => `Ya hay descargas de la urna en curso desde esta dirección; espere a que terminen o intente de nuevo en ${wait} s.`,
      en: ({ wait }) => `Downloads of the ballot box are already running from this address; wait for them to finish or try again in ${wait} s.`,
    },
  ),
  'board.downloadsBusy': template(
    { wait: 10 },
    {
      es: ({ wait }) => `Muchas personas descargan la urna en este momento; intente de nuevo en ${wait} s.`,
      en: ({ wait }) => `Many people are downloading the ballot box right now; try again in ${wait} s.`,
    },
  ),

  // The voter's way in (src/authentication/voter-access-service.ts). One message whatever went
  // wrong at login, so it never tells whether a username exists.
  'auth.failed': {
    es: 'No fue posible ingresar: usuario o contraseña incorrectos, o acceso bloqueado temporalmente tras varios intentos.',
    en: 'Could not log in: wrong username or password, or access temporarily locked after several attempts.',
  },
  // A rejected code, told plainly with what to do next (issue 15): never the reason's code.
  'auth.code.wrongCode': template(
    { left: 2 },
    {
      es: ({ left }) => `El código no coincide. Puede intentarlo ${left === 1 ? '1 vez más' : `${left} veces más`} con este código.`,
      en: ({ left }) => `That code does not match. You can try ${left === 1 ? 'once more' : `${left} more times`} with this code.`,
    },
  ),
  'auth.code.tooManyAttempts': {
    es: 'Este código ya no sirve: se escribió mal demasiadas veces. Pida un código nuevo.',
    en: 'This code no longer works: it was entered wrongly too many times. Ask for a new code.',
  },
  'auth.code.expired': template(
    { minutes: 5 },
    {
      es: ({ minutes }) => `El código venció (vale ${minutes} minutos). Pida un código nuevo.`,
      en: ({ minutes }) => `The code has expired (it lasts ${minutes} minutes). Ask for a new code.`,
    },
  ),
  'auth.code.superseded': {
    es: 'Ese código fue reemplazado por uno más reciente: escriba el último código que recibió.',
    en: 'That code was replaced by a newer one: enter the last code you received.',
  },
  'auth.code.alreadyUsed': { es: 'Ese código ya se usó. Pida un código nuevo.', en: 'That code was already used. Ask for a new code.' },
  'auth.code.sessionInvalid': { es: 'Su sesión terminó. Ingrese de nuevo.', en: 'Your session has ended. Sign in again.' },
  'auth.code.unknown': { es: 'No reconocemos ese código. Pida un código nuevo.', en: 'We do not recognise that code. Ask for a new code.' },
  'auth.locked': template(
    { until: '2024-06-02T18:15:00.000Z' },
    {
      es: ({ until }) => `Su acceso está bloqueado temporalmente por varios intentos fallidos, hasta ${until} (UTC).`,
      en: ({ until }) => `Your access is temporarily locked after several failed attempts, until ${until} (UTC).`,
    },
  ),
  /** The refusal outside the voting period is the domain's (authentication.outsideVotingPeriod). */
  'auth.sessionInvalid': { es: 'La sesión no es válida.', en: 'The session is invalid.' },
  /** The reason recorded with a new password the voter asked for (CredentialResent, "es / en"). */
  'auth.resendRequestedByVoter': { es: 'solicitada por la persona votante', en: 'requested by the voter' },

  // OpenAPI: the error shape's fields, each language named in itself.
  'doc.errorDto.message': { es: 'Inglés', en: 'English' },
  'doc.errorDto.mensaje': { es: 'Español (es-MX)', en: 'Spanish (es-MX)' },
  // OpenAPI: shared refusals of the voter API (printed "es / en").
  'doc.status400': { es: 'Solicitud inválida', en: 'invalid request' },
  'doc.status401': { es: 'Credenciales, código o sesión no válidos (sin revelar si el usuario existe)', en: 'invalid credentials, code or session' },
  'doc.status413': { es: 'Cuerpo mayor a 128 KiB', en: 'body over 128 KiB' },
  'doc.status429': { es: 'Demasiadas solicitudes', en: 'rate limited (Retry-After)' },
  // OpenAPI: what each endpoint does (printed "es / en").
  'doc.login': {
    es: 'Usuario y la prueba de que tiene su credencial (el reto firmado; la contraseña no se envía); envía un código por SMS',
    en: 'username and the proof of holding the credential (the signed challenge; the password is not sent); sends a one-time code by SMS',
  },
  'doc.confirm': { es: 'Código del SMS; abre la sesión', en: 'the SMS code; opens the session' },
  'doc.status': {
    es: 'Si aún puede emitir: ya votó o la votación cerró (se consulta al ingresar, antes de la boleta)',
    en: 'whether you may still cast: already voted, or voting closed (asked at sign-in, before the ballot)',
  },
  'doc.ballot': { es: 'La boleta de su entidad con la llave pública', en: 'your entity’s ballot with the election key' },
  'doc.castCode': { es: 'Nuevo código por SMS para emitir el voto', en: 'a new SMS code to cast' },
  'doc.cast': {
    es: 'Emite la boleta cifrada; el acuse llega cuando un checkpoint firmado la incluye',
    en: 'casts the encrypted ballot; the receipt comes once a signed checkpoint includes it',
  },
  'doc.spoil': {
    es: 'Reto de Benaloh: publica una boleta anulada con sus datos revelados (no se cuenta)',
    en: 'Benaloh challenge: publishes a spoiled ballot, never counted',
  },
  'doc.logout': { es: 'Cierra la sesión', en: 'ends the session' },
  'doc.boardAudited': {
    es: 'Una boleta auditada (reto de Benaloh) con sus datos revelados, por su código de auditoría',
    en: 'an audited (Benaloh) ballot with its disclosure, by its audit code',
  },
  'doc.boardReceipt': {
    es: 'Busca una boleta por su código de seguimiento (completo o legible)',
    en: 'find a ballot by tracking code (full hex or readable form)',
  },
  'doc.boardBallotBox': {
    es: 'La urna cifrada exportada al cierre (JSON Lines, por código de seguimiento)',
    en: 'the encrypted ballot box exported at closing',
  },
});

export type VoterApiKey = keyof typeof voterApiMessages;
