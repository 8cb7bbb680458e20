/**
 * Catalog of what the pure domain (src/domain) says to people: the refusals of the deciders
 * (each DomainError keeps its stable code; its message is a pair from here, joined
 * "español / English"), the problems found in a configuration manual or a roll file, the
 * ceremony's progress, and the descriptions of the configuration events.
 *
 * Keys are "<area>.<name>"; most refusals are named after their code. The officials' console
 * prints these joined; the voter API answers a refusal with the pair itself (message, mensaje).
 * Tests match codes, and sometimes texts (test/domain, test/voting): a change here is a change
 * of what people read. Pure TypeScript, no Node built-ins: the deciders import it.
 */
import { defineCatalog, template, type Bilingual } from './catalog';

export const domainMessages = defineCatalog({
  // The voter's way in (src/domain/authentication).
  'authentication.invalidTime': { es: 'Instante inválido.', en: 'Invalid instant.' },
  'authentication.voterNotRegistered': { es: 'La persona no está registrada.', en: 'The voter is not registered.' },
  'authentication.voterAlreadyRegistered': { es: 'El seudónimo ya tiene registro.', en: 'The pseudonym is already registered.' },
  'authentication.voterNoLongerOnRoll': { es: 'La persona ya no está en la lista.', en: 'The voter is no longer on the roll.' },
  'authentication.voterNotOnRoll': { es: 'La persona no está en la lista.', en: 'The voter is not on the roll.' },
  'authentication.credentialAlreadyIssued': { es: 'La credencial ya fue emitida; use el reenvío.', en: 'The credential was already issued; use a resend.' },
  'authentication.noCredential': { es: 'La persona no tiene credencial que reenviar.', en: 'The voter has no credential to resend.' },
  'authentication.resendTooSoon': template(
    { minutes: 15 },
    {
      es: ({ minutes }) => `Solo puede pedir una contraseña nueva cada ${minutes} minutos.`,
      en: ({ minutes }) => `A new password can be requested every ${minutes} minutes.`,
    },
  ),
  'authentication.unknownCredential': template(
    { credentialNumber: 2 },
    {
      es: ({ credentialNumber }) => `No existe la credencial #${credentialNumber}.`,
      en: ({ credentialNumber }) => `No credential #${credentialNumber}.`,
    },
  ),
  'authentication.unknownCode': { es: 'Código desconocido.', en: 'Unknown code.' },
  'authentication.outsideVotingPeriod': { es: 'El sistema solo admite el ingreso durante el periodo de votación.', en: 'Login is only possible during the voting period.' },
  'authentication.sessionInvalid': { es: 'La sesión no es válida o expiró; ingrese de nuevo.', en: 'The session is invalid or expired; log in again.' },
  'authentication.sessionInvalidOrExpired': { es: 'La sesión no es válida o expiró.', en: 'The session is invalid or expired.' },
  'authentication.attemptAlreadyRecorded': { es: 'Este intento ya quedó registrado.', en: 'This attempt is already recorded.' },
  'authentication.invalidChallengeId': { es: 'Identificador de reto inválido.', en: 'Invalid challenge id.' },
  'authentication.challengeAlreadyIssued': { es: 'Ese reto ya existe.', en: 'That challenge already exists.' },

  // The key ceremony (src/domain/ceremony): refusals, the steps named in them, and what the ceremony screen shows (progress.ts).
  /** `what`: a ceremony.step.* pair; the English names the phase by its id, the Spanish by its name. */
  'ceremony.wrongCeremonyPhase': template(
    { what: { es: 'publicar la ronda 1', en: 'publishing round 1' } as Bilingual, phase: 'round2', phaseName: { es: 'ronda 2 (reparto de partes)', en: 'round2' } as Bilingual },
    {
      es: ({ what, phaseName }) => `${what.es} no procede ahora: la ceremonia está en la fase «${phaseName.es}»`,
      en: ({ what, phase }) => `${what.en} is not possible now: the ceremony is in phase "${phase}"`,
    },
  ),
  // The ceremony's phases, as the refusals name them (English: the phase's id).
  'ceremony.phase.enrolling': { es: 'registro de fideicomisarios', en: 'enrolling' },
  'ceremony.phase.round1': { es: 'ronda 1 (compromisos)', en: 'round1' },
  'ceremony.phase.round2': { es: 'ronda 2 (reparto de partes)', en: 'round2' },
  'ceremony.phase.checking': { es: 'revisión de partes', en: 'checking' },
  'ceremony.phase.sealing': { es: 'sellado de partes', en: 'sealing' },
  'ceremony.phase.witnessing': { es: 'testimonio del notario', en: 'witnessing' },
  'ceremony.phase.completing': { es: 'conclusión', en: 'completing' },
  'ceremony.phase.completed': { es: 'concluida', en: 'completed' },
  'ceremony.trusteeNotEnrolled': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el fideicomisario ${trustee} no está registrado en esta ceremonia`,
      en: ({ trustee }) => `trustee ${trustee} is not enrolled in this ceremony`,
    },
  ),
  'ceremony.alreadyStarted': { es: 'la ceremonia ya inició: no se registran más fideicomisarios', en: 'the ceremony has started: no more trustees can be enrolled' },
  'ceremony.invalidTrusteeIndex': { es: 'el número de fideicomisario debe estar entre 1 y 64', en: 'the trustee index must be between 1 and 64' },
  'ceremony.trusteeFieldMissing': template(
    { field: 'tokenSerial' },
    {
      es: ({ field }) => `falta ${field}`,
      en: ({ field }) => `${field} is missing`,
    },
  ),
  'ceremony.duplicateTrusteeIndex': template(
    { trusteeIndex: 2 },
    {
      es: ({ trusteeIndex }) => `ya hay un fideicomisario con el número ${trusteeIndex}`,
      en: ({ trusteeIndex }) => `a trustee with index ${trusteeIndex} is already enrolled`,
    },
  ),
  'ceremony.duplicateTokenSerial': template(
    { tokenSerial: 'TK-0002', name: 'Ana López' },
    {
      es: ({ tokenSerial, name }) => `el token ${tokenSerial} ya está asignado a ${name}`,
      en: ({ tokenSerial, name }) => `token ${tokenSerial} is already assigned to ${name}`,
    },
  ),
  'ceremony.duplicateTrusteeId': template(
    { trusteeId: 't-2' },
    {
      es: ({ trusteeId }) => `ya hay un fideicomisario «${trusteeId}»`,
      en: ({ trusteeId }) => `trustee "${trusteeId}" is already enrolled`,
    },
  ),
  'ceremony.alreadyOpened': { es: 'la ceremonia ya fue abierta', en: 'the ceremony has already been opened' },
  'ceremony.electionNotConfigured': {
    es: 'la elección aún no está configurada: la ceremonia va después de la configuración',
    en: 'the election is not configured yet: the ceremony comes after configuration',
  },
  'ceremony.trusteeIndicesNotConsecutive': template(
    { n: 5 },
    {
      es: ({ n }) => `los fideicomisarios deben numerarse 1…${n}`,
      en: ({ n }) => `trustees must be numbered 1…${n}`,
    },
  ),
  'ceremony.invalidThreshold': template(
    { n: 5, threshold: 3 },
    {
      es: ({ n, threshold }) => `se requiere n ≥ t ≥ 2 (n = ${n}, t = ${threshold})`,
      en: ({ n, threshold }) => `n ≥ t ≥ 2 is required (n = ${n}, t = ${threshold})`,
    },
  ),
  'ceremony.notaryMissing': { es: 'falta el nombre del notario', en: 'the notary is missing' },
  'ceremony.step.publishRound1': { es: 'publicar la ronda 1', en: 'publishing round 1' },
  'ceremony.round1AlreadyPublished': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el fideicomisario ${trustee} ya publicó su ronda 1`,
      en: ({ trustee }) => `trustee ${trustee} already published round 1`,
    },
  ),
  // Trustee signatures (src/domain/ceremony/trustee-signature.ts).
  'ceremony.signingKeyInvalid': template(
    { reason: 'a point of small order' },
    {
      es: ({ reason }) => `la llave de firma del fideicomisario no sirve: ${reason}`,
      en: ({ reason }) => `the trustee's signing key cannot be used: ${reason}`,
    },
  ),
  'ceremony.duplicateSigningKey': template(
    { name: 'Ana López' },
    {
      es: ({ name }) => `esa llave de firma ya está registrada para ${name}`,
      en: ({ name }) => `that signing key is already enrolled for ${name}`,
    },
  ),
  'ceremony.noSigningKey': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el fideicomisario ${trustee} se registró sin llave de firma: no puede firmar sus mensajes`,
      en: ({ trustee }) => `trustee ${trustee} was enrolled without a signing key: it cannot sign its messages`,
    },
  ),
  'ceremony.signatureMissing': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el mensaje del fideicomisario ${trustee} no trae firma`,
      en: ({ trustee }) => `trustee ${trustee}'s message carries no signature`,
    },
  ),
  'ceremony.signatureInvalid': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `la firma no es del fideicomisario ${trustee} (no verifica con su llave registrada)`,
      en: ({ trustee }) => `the signature is not trustee ${trustee}'s (it does not verify with its enrolled key)`,
    },
  ),
  'ceremony.complaintsNotInOrder': {
    es: 'las quejas deben ir en orden ascendente de repartidor, una por repartidor',
    en: 'complaints must be in ascending dealer order, one per dealer',
  },
  'ceremony.invalidRound1': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el mensaje de ronda 1 del fideicomisario ${trustee} no es válido`,
      en: ({ trustee }) => `trustee ${trustee}'s round-1 message is invalid`,
    },
  ),
  'ceremony.step.dealShares': { es: 'repartir partes', en: 'dealing shares' },
  'ceremony.sharesAlreadyDealt': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el fideicomisario ${trustee} ya repartió sus partes`,
      en: ({ trustee }) => `trustee ${trustee} already dealt its shares`,
    },
  ),
  'ceremony.invalidRound2': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el reparto del fideicomisario ${trustee} no es válido`,
      en: ({ trustee }) => `trustee ${trustee}'s dealing is invalid`,
    },
  ),
  'ceremony.step.reportShareCheck': { es: 'informar la revisión de partes', en: 'reporting the share check' },
  'ceremony.sharesAlreadyChecked': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `el fideicomisario ${trustee} ya informó su revisión`,
      en: ({ trustee }) => `trustee ${trustee} already reported its check`,
    },
  ),
  'ceremony.complaintNotOwn': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `la queja debe ser del fideicomisario ${trustee}`,
      en: ({ trustee }) => `the complaint must be trustee ${trustee}'s`,
    },
  ),
  'ceremony.complaintUnjudgeable': { es: 'la queja no puede juzgarse', en: 'the complaint cannot be judged' },
  'ceremony.step.sealFinalShare': { es: 'sellar la parte final', en: 'sealing the final share' },
  'ceremony.shareAlreadySealed': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `la parte del fideicomisario ${trustee} ya fue sellada`,
      en: ({ trustee }) => `trustee ${trustee}'s share is already sealed`,
    },
  ),
  'ceremony.wrongTokenShare': template(
    { tokenSerial: 'TK-0002', name: 'Ana López', enrolledTokenSerial: 'TK-0001' },
    {
      es: ({ tokenSerial, name, enrolledTokenSerial }) => `la parte se selló en el token ${tokenSerial}, pero ${name} tiene registrado el ${enrolledTokenSerial}`,
      en: ({ tokenSerial, name, enrolledTokenSerial }) => `the share was sealed in token ${tokenSerial}, but ${name} is enrolled with ${enrolledTokenSerial}`,
    },
  ),
  'ceremony.failed': { es: 'la transcripción no produce una llave', en: 'the transcript produces no key' },
  'ceremony.verificationKeyMismatch': template(
    { trustee: 2 },
    {
      es: ({ trustee }) => `la llave de verificación del fideicomisario ${trustee} no coincide con la transcripción`,
      en: ({ trustee }) => `trustee ${trustee}'s verification key does not match the transcript`,
    },
  ),
  'ceremony.step.witness': { es: 'el testimonio del notario', en: 'the notary\'s witness' },
  'ceremony.wrongNotary': template(
    { notary: 'Lic. María Pérez' },
    {
      es: ({ notary }) => `el notario de esta ceremonia es ${notary}`,
      en: ({ notary }) => `this ceremony's notary is ${notary}`,
    },
  ),
  'ceremony.transcriptHashMismatch': template(
    { transcriptHash: '9b1c…', hash: '4e07…' },
    {
      es: ({ transcriptHash, hash }) => `el notario atestiguó ${transcriptHash}, pero la transcripción registrada da ${hash}`,
      en: ({ transcriptHash, hash }) => `the notary witnessed ${transcriptHash}, but the recorded transcript hashes to ${hash}`,
    },
  ),
  'ceremony.step.complete': { es: 'concluir la ceremonia', en: 'completing the ceremony' },
  'ceremony.failedRepeat': { es: 'la transcripción no produce una llave: repita la ceremonia', en: 'the transcript produces no key: run a new ceremony' },
  'ceremony.progress.round1': { es: 'Ronda 1 (compromisos)', en: 'Round 1 (commitments)' },
  'ceremony.progress.round2': { es: 'Ronda 2 (reparto de partes cifradas)', en: 'Round 2 (encrypted shares dealt)' },
  'ceremony.progress.checking': { es: 'Revisión de las partes recibidas', en: 'Checking received shares' },
  'ceremony.progress.sealing': { es: 'Sellado de la parte final en cada token', en: 'Final share sealed in each token' },
  'ceremony.next.wait': { es: 'Espere: no hay nada que hacer por ahora.', en: 'Wait: nothing to do for now.' },
  'ceremony.next.round1': {
    es: 'Inserte su token e ingrese su PIN para generar y sellar sus secretos (ronda 1).',
    en: 'Insert your token and enter your PIN to generate and seal your secrets (round 1).',
  },
  'ceremony.next.deal': {
    es: 'Inserte su token e ingrese su PIN para repartir sus partes cifradas (ronda 2).',
    en: 'Insert your token and enter your PIN to deal your encrypted shares (round 2).',
  },
  'ceremony.next.check': {
    es: 'Inserte su token e ingrese su PIN para revisar las partes que recibió.',
    en: 'Insert your token and enter your PIN to check the shares you received.',
  },
  'ceremony.next.seal': {
    es: 'Inserte su token e ingrese su PIN para sellar su parte final de la llave.',
    en: 'Insert your token and enter your PIN to seal your final key share.',
  },
  'ceremony.next.done': { es: 'Listo: su parte está sellada en su token. Consérvelo hasta el cómputo.', en: 'Done: your share is sealed in your token. Keep it until the tally.' },
  /** `round`: a ceremony.progress.* pair. */
  'ceremony.standing.round': template(
    { round: { es: 'Ronda 1 (compromisos)', en: 'Round 1 (commitments)' } as Bilingual, k: 3, n: 5 },
    {
      es: ({ round, k, n }) => `${round.es}: ${k} de ${n} fideicomisarios`,
      en: ({ round, k, n }) => `${round.en}: ${k} of ${n} trustees`,
    },
  ),
  'ceremony.standing.enrolling': template(
    { n: 5 },
    {
      es: ({ n }) => `Registro: ${n} fideicomisarios inscritos; la ceremonia no ha iniciado`,
      en: ({ n }) => `Enrolment: ${n} trustees enrolled; the ceremony has not started`,
    },
  ),
  'ceremony.standing.witnessing': template(
    { notary: 'Lic. María Pérez' },
    {
      es: ({ notary }) => `Esperando el testimonio del notario (${notary})`,
      en: ({ notary }) => `Waiting for the notary's witness (${notary})`,
    },
  ),
  'ceremony.standing.completing': { es: 'Atestiguada; falta publicar la llave de la elección', en: 'Witnessed; the election key is yet to be published' },
  'ceremony.standing.completed': template(
    { keyPrefix: '3f9a0c7e5b2d8e41' },
    {
      es: ({ keyPrefix }) => `Concluida: llave de la elección ${keyPrefix}…`,
      en: ({ keyPrefix }) => `Completed: election key ${keyPrefix}…`,
    },
  ),

  // The configuration decider (src/domain/configuration/decide.ts) and its event catalog entries.
  'configuration.event.configured': { es: 'Configuración cargada: manual, manifiesto (sin elecciones) y su hash', en: 'Election configured: manual, manifest header and hash' },
  'configuration.event.amended': { es: 'Configuración enmendada antes de la apertura; anula las ratificaciones', en: 'Configuration amended before opening; voids ratifications' },
  'configuration.event.contestOptionsRecorded': { es: 'Opciones de una elección (por entidad) del manifiesto', en: 'One contest instance of the manifest with its options' },
  'configuration.event.contestsRatified': {
    es: 'Elecciones ratificadas por la autoridad nacional o el OPL de una entidad',
    en: 'Contests ratified by the national authority or an OPL',
  },
  'configuration.electionNotConfigured': { es: 'la elección aún no está configurada', en: 'the election is not configured yet' },
  'configuration.electionAlreadyOpened': { es: 'la elección ya se abrió: su configuración no puede cambiar', en: 'the election is already open: its configuration cannot change' },
  /** `who`: a configuration.role.* pair. */
  'configuration.notAuthorized': template(
    { who: { es: 'solo el personal operativo del INE configura la elección', en: 'only INE operators configure the election' } as Bilingual, role: 'ine-authority' },
    {
      es: ({ who, role }) => `${who.es} (rol actual: ${role})`,
      en: ({ who, role }) => `${who.en} (current role: ${role})`,
    },
  ),
  'configuration.electionAlreadyConfigured': {
    es: 'la elección ya está configurada; para cambiarla use una enmienda',
    en: 'the election is already configured; amend it to change it',
  },
  'configuration.role.configure': { es: 'solo el personal operativo del INE configura la elección', en: 'only INE operators configure the election' },
  'configuration.nothingToAmend': { es: 'no hay configuración que enmendar', en: 'there is no configuration to amend' },
  'configuration.role.amend': { es: 'solo el personal operativo del INE enmienda la configuración', en: 'only INE operators amend the configuration' },
  'configuration.staleConfigurationVersion': template(
    { basedOnVersion: 1, configurationVersion: 2 },
    {
      es: ({ basedOnVersion, configurationVersion }) => `la enmienda se escribió sobre la versión ${basedOnVersion}, pero la vigente es la ${configurationVersion}`,
      en: ({ basedOnVersion, configurationVersion }) => `the amendment was written against version ${basedOnVersion}, but the current one is ${configurationVersion}`,
    },
  ),
  'configuration.processIdChanged': template(
    { was: 'pef-2024' as string | null, now: 'pef-2025' },
    {
      es: ({ was, now }) => `la clave del proceso no puede cambiar (${was} → ${now})`,
      en: ({ was, now }) => `the process id cannot change (${was} → ${now})`,
    },
  ),
  'configuration.configurationUnchanged': { es: 'la enmienda no cambia el manifiesto de la elección', en: 'the amendment does not change the election manifest' },
  'configuration.configurationInvalid': template(
    { errors: 2 },
    {
      es: ({ errors }) => `el manual de configuración tiene ${errors} error(es)`,
      en: ({ errors }) => `the configuration manual has ${errors} error(s)`,
    },
  ),
  'configuration.configurationTooLarge': template(
    { size: 2000000, limit: 1048576 },
    {
      es: ({ size, limit }) => `un evento de configuración mediría ${size} bytes (máximo ${limit}); divida el manual o sus elecciones`,
      en: ({ size, limit }) => `a configuration event would be ${size} bytes (at most ${limit}); split the manual or its contests`,
    },
  ),
  'configuration.nothingToRatify': { es: 'no hay configuración que ratificar', en: 'there is no configuration to ratify' },
  'configuration.manifestHashMismatch': {
    es: 'lo revisado no es la configuración vigente (el hash del manifiesto no coincide); revise la versión actual',
    en: 'what was reviewed is not the current configuration (manifest hash differs); review the current version',
  },
  'configuration.federalWithEntity': { es: 'las elecciones federales se ratifican sin entidad', en: 'federal contests are ratified without an entity' },
  'configuration.role.ratifyFederal': { es: 'solo la autoridad nacional ratifica las elecciones federales', en: 'only the national authority ratifies federal contests' },
  'configuration.noFederalContests': { es: 'esta configuración no tiene elecciones federales', en: 'this configuration has no federal contests' },
  'configuration.localWithoutEntity': { es: 'indique la entidad cuyas elecciones locales se ratifican', en: 'name the entity whose local contests are ratified' },
  'configuration.unknownEntity': template(
    { code: '09' },
    {
      es: ({ code }) => `la entidad "${code}" no está en la configuración`,
      en: ({ code }) => `entity "${code}" is not in the configuration`,
    },
  ),
  'configuration.role.ratifyLocal': template(
    { code: '09' },
    {
      es: ({ code }) => `solo el OPL de la entidad ${code} ratifica sus elecciones locales`,
      en: ({ code }) => `only the OPL of entity ${code} ratifies its local contests`,
    },
  ),
  'configuration.entityHasNoLocalContests': template(
    { code: '09' },
    {
      es: ({ code }) => `la entidad ${code} no tiene elecciones locales en esta configuración`,
      en: ({ code }) => `entity ${code} has no local contests in this configuration`,
    },
  ),
  'configuration.unknownScope': template(
    { scope: 'regional' },
    {
      es: ({ scope }) => `ámbito desconocido "${scope}"`,
      en: ({ scope }) => `unknown scope "${scope}"`,
    },
  ),
  'configuration.alreadyRatified': { es: 'estas elecciones ya fueron ratificadas en esta versión', en: 'these contests were already ratified in this version' },

  // Problems found in a configuration manual (parse-manual.ts, validate-manual.ts): the text of each issue.
  /** `expected`: a manual.type.* pair; `found` names a YAML type (map, list, string, …). */
  'manual.wrongType': template(
    { expected: { es: 'una lista', en: 'a list' } as Bilingual, found: 'map' },
    {
      es: ({ expected, found }) => `se esperaba ${expected.es}, se encontró ${found}`,
      en: ({ expected, found }) => `expected ${expected.en}, found ${found}`,
    },
  ),
  'manual.missingField': { es: 'falta este campo obligatorio', en: 'this required field is missing' },
  'manual.unknownField': template(
    { known: 'id, name, timezone' },
    {
      es: ({ known }) => `campo desconocido; se admiten: ${known}`,
      en: ({ known }) => `unknown field; allowed: ${known}`,
    },
  ),
  'manual.type.map': { es: 'un mapa', en: 'a map' },
  'manual.type.string': { es: 'un texto', en: 'a string' },
  'manual.emptyText': { es: 'el texto está vacío', en: 'the text is empty' },
  'manual.invalidEmblem': {
    es: 'el emblema lleva color "#rrggbb" (seis dígitos hexadecimales) y unas siglas de hasta 8 caracteres',
    en: 'the emblem takes a colour "#rrggbb" (six hexadecimal digits) and an acronym of at most 8 characters',
  },
  'manual.type.list': { es: 'una lista', en: 'a list' },
  'manual.duplicateKey': template(
    { message: 'Map keys must be unique at line 3' },
    {
      es: ({ message }) => `clave repetida: ${message}`,
      en: ({ message }) => `repeated key: ${message}`,
    },
  ),
  'manual.yamlSyntax': template(
    { message: 'Map keys must be unique at line 3' },
    {
      es: ({ message }) => `YAML inválido: ${message}`,
      en: ({ message }) => `invalid YAML: ${message}`,
    },
  ),
  'manual.type.integer': { es: 'un número entero', en: 'an integer' },
  'manual.type.instant': { es: 'un instante entre comillas, p. ej. "2024-05-20T20:00:00-06:00"', en: 'a quoted instant, e.g. "2024-05-20T20:00:00-06:00"' },
  'manual.type.coverage': { es: '"national", "all" o una lista de claves de entidad', en: '"national", "all" or a list of entity codes' },
  'manual.bothCommonCandidacyForms': { es: 'use common_candidacy o common_candidacies, no ambos', en: 'use common_candidacy or common_candidacies, not both' },
  'manual.type.candidates': { es: 'un mapa de nombres o una plantilla de texto', en: 'a map of names or a text template' },
  'manual.invalidProcessId': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `"${id}" no es una clave de proceso válida (letras, dígitos, ".", "_", "-"; hasta 64)`,
      en: ({ id }) => `"${id}" is not a valid process id (letters, digits, ".", "_", "-"; up to 64)`,
    },
  ),
  'manual.invalidTimezone': template(
    { timezone: 'America/Mexico_City' },
    {
      es: ({ timezone }) => `"${timezone}" no es una zona horaria IANA conocida (p. ej. America/Mexico_City)`,
      en: ({ timezone }) => `"${timezone}" is not a known IANA time zone (e.g. America/Mexico_City)`,
    },
  ),
  'manual.windowClosesBeforeOpens': template(
    { votingCloses: '2024-06-01T18:00:00-06:00', votingOpens: '2024-06-02T08:00:00-06:00' },
    {
      es: ({ votingCloses, votingOpens }) => `el cierre (${votingCloses}) debe ser posterior a la apertura (${votingOpens})`,
      en: ({ votingCloses, votingOpens }) => `closing (${votingCloses}) must come after opening (${votingOpens})`,
    },
  ),
  'manual.offsetDiffersFromTimezone': template(
    { text: '2024-06-02T08:00:00-05:00', offset: '-05:00', timezone: 'America/Mexico_City', expectedOffset: '-06:00' },
    {
      es: ({ text, offset, timezone, expectedOffset }) => `${text} usa el desfase ${offset}, pero en ${timezone} ese instante es ${expectedOffset}; confirme la hora`,
      en: ({ text, offset, timezone, expectedOffset }) => `${text} uses offset ${offset}, but ${timezone} is at ${expectedOffset} at that instant; check the time`,
    },
  ),
  'manual.maxVotersNotPositive': template(
    { maxVoters: 0 },
    {
      es: ({ maxVoters }) => `el número máximo de votantes debe ser mayor que cero (es ${maxVoters})`,
      en: ({ maxVoters }) => `the maximum number of voters must be greater than zero (it is ${maxVoters})`,
    },
  ),
  'manual.invalidInstant': template(
    { text: '2024-06-02T08:00:00-05:00' },
    {
      es: ({ text }) => `"${text}" no es una fecha y hora RFC 3339 con desfase, p. ej. "2024-05-20T20:00:00-06:00"`,
      en: ({ text }) => `"${text}" is not an RFC 3339 date-time with offset, e.g. "2024-05-20T20:00:00-06:00"`,
    },
  ),
  'manual.invalidEntityCode': template(
    { code: '09' },
    {
      es: ({ code }) => `"${code}" no es una clave INEGI de dos dígitos; escríbala entre comillas, p. ej. "09"`,
      en: ({ code }) => `"${code}" is not a two-digit INEGI code; quote it, e.g. "09"`,
    },
  ),
  'manual.idIsParty': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `"${id}" ya es la clave de un partido`,
      en: ({ id }) => `"${id}" is already a party id`,
    },
  ),
  'manual.reservedId': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `"${id}" está reservada para las opciones "no registrado" y "nulo"`,
      en: ({ id }) => `"${id}" is reserved for the "non-registered" and "null" options`,
    },
  ),
  'manual.invalidId2': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `"${id}" no es una clave válida: mayúsculas, dígitos y "_", empezando con letra`,
      en: ({ id }) => `"${id}" is not a valid id: capitals, digits and "_", starting with a letter`,
    },
  ),
  'manual.unknownParty': template(
    { party: 'PT' },
    {
      es: ({ party }) => `el partido "${party}" no está en la lista de partidos`,
      en: ({ party }) => `party "${party}" is not in the list of parties`,
    },
  ),
  'manual.idTwice': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `"${id}" aparece dos veces`,
      en: ({ id }) => `"${id}" appears twice`,
    },
  ),
  'manual.groupingTooSmall': { es: 'una coalición o candidatura común necesita al menos dos partidos', en: 'a coalition or common candidacy needs at least two parties' },
  'manual.invalidScope': template(
    { scope: 'regional' },
    {
      es: ({ scope }) => `el ámbito "${scope}" no es "federal" ni "local"`,
      en: ({ scope }) => `scope "${scope}" is neither "federal" nor "local"`,
    },
  ),
  'manual.localContestNational': { es: 'una elección local no puede ser nacional: indique las entidades', en: 'a local contest cannot be national: list its entities' },
  'manual.contestWithoutEntities': { es: 'la elección no se aplica a ninguna entidad', en: 'the contest applies to no entity' },
  'manual.unknownEntity': template(
    { code: '09' },
    {
      es: ({ code }) => `la entidad "${code}" no está en la lista de entidades`,
      en: ({ code }) => `entity "${code}" is not in the list of entities`,
    },
  ),
  'manual.variationForUncoveredEntity': template(
    { id: 'DIP_FED', entity: '14' },
    {
      es: ({ id, entity }) => `la elección ${id} no se aplica en la entidad "${entity}"`,
      en: ({ id, entity }) => `contest ${id} does not apply in entity "${entity}"`,
    },
  ),
  'manual.unknownCoalition': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `la coalición "${id}" no está en la lista de coaliciones`,
      en: ({ id }) => `coalition "${id}" is not in the list of coalitions`,
    },
  ),
  'manual.unknownCandidateKey': template(
    { key: 'LPZRAN85010114M300' },
    {
      es: ({ key }) => `"${key}" no es un partido, coalición ni candidatura común de esta elección`,
      en: ({ key }) => `"${key}" is not a party, coalition or common candidacy of this contest`,
    },
  ),
  'manual.unknownTemplatePlaceholder': template(
    { placeholder: '{candidate}', allowed: ['{party-or-coalition}', '{entity}'] as readonly string[] },
    {
      es: ({ placeholder, allowed }) => `marcador desconocido ${placeholder}; se admiten ${allowed.join(' y ')}`,
      en: ({ placeholder, allowed }) => `unknown placeholder ${placeholder}; allowed: ${allowed.join(' and ')}`,
    },
  ),
  'manual.groupingPartyNotInContest': template(
    { where: 'DIP_LOC (14)', id: 'DIP_FED', party: 'PT' },
    {
      es: ({ where, id, party }) => `en ${where}, ${id} incluye a ${party}, que no participa en esa elección`,
      en: ({ where, id, party }) => `in ${where}, ${id} includes ${party}, which does not take part in that contest`,
    },
  ),
  'manual.partyInTwoGroupings': template(
    { where: 'DIP_LOC (14)', party: 'PT', other: 'COAL_2', id: 'DIP_FED' },
    {
      es: ({ where, party, other, id }) => `en ${where}, ${party} está a la vez en ${other} y en ${id}`,
      en: ({ where, party, other, id }) => `in ${where}, ${party} is in both ${other} and ${id}`,
    },
  ),
  'manual.contestWithoutOptions': template(
    { where: 'DIP_LOC (14)' },
    {
      es: ({ where }) => `${where} no tiene partidos ni candidaturas independientes`,
      en: ({ where }) => `${where} has no parties and no independent candidacies`,
    },
  ),
  'manual.noCandidateNames': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `${id}: no se dieron nombres de candidaturas; las opciones mostrarán solo emblemas`,
      en: ({ id }) => `${id}: no candidate names given; options will show emblems only`,
    },
  ),
  'manual.candidateForPartyInGrouping': template(
    { where: 'DIP_LOC (14)', party: 'PT', grouping: 'COAL_1' },
    {
      es: ({ where, party, grouping }) => `en ${where}, ${party} postula con ${grouping}: su candidatura es la de ${grouping}`,
      en: ({ where, party, grouping }) => `in ${where}, ${party} runs within ${grouping}: its candidate is ${grouping}'s`,
    },
  ),
  'manual.candidateNameMissingParty': template(
    { where: 'DIP_LOC (14)', party: 'PT' },
    {
      es: ({ where, party }) => `${where}: falta el nombre de la candidatura de ${party}`,
      en: ({ where, party }) => `${where}: the candidate name for ${party} is missing`,
    },
  ),
  'manual.candidateNameMissingGrouping': template(
    { where: 'DIP_LOC (14)', grouping: 'COAL_1' },
    {
      es: ({ where, grouping }) => `${where}: falta el nombre de la candidatura de ${grouping}`,
      en: ({ where, grouping }) => `${where}: the candidate name for ${grouping} is missing`,
    },
  ),
  'manual.duplicateContestId': template(
    { id: 'DIP_FED' },
    {
      es: ({ id }) => `ya existe una elección con clave "${id}"`,
      en: ({ id }) => `a contest with id "${id}" already exists`,
    },
  ),
  'manual.entityWithoutContests': template(
    { name: 'Ana López' },
    {
      es: ({ name }) => `quien vota desde ${name} no tendría ninguna elección`,
      en: ({ name }) => `a voter from ${name} would have no contest`,
    },
  ),

  // The cryptographic layer (src/domain/crypto): ceremony parameters and secrets, decrypted counts.
  'crypto.ceremonyCannotBeFinalized': template(
    { reason: 't > n' },
    {
      es: () => `la ceremonia no puede concluir`,
      en: ({ reason }) => `the ceremony cannot be finalized: ${reason}`,
    },
  ),
  'crypto.invalidCeremonyParameters': template(
    { reason: 't > n' },
    {
      es: () => `parámetros de ceremonia inválidos`,
      en: ({ reason }) => `invalid ceremony parameters: ${reason}`,
    },
  ),
  'crypto.invalidTrusteeSecrets': template(
    { what: 'expected 3 coefficients' },
    {
      es: () => `secretos del fideicomisario inválidos`,
      en: ({ what }) => `invalid trustee secrets: ${what}`,
    },
  ),
  'crypto.notEnoughTrustees': template(
    { threshold: 3, have: 2 },
    {
      es: ({ threshold, have }) => `se necesitan al menos ${threshold} fideicomisarios con descifrados parciales válidos y hay ${have}`,
      en: ({ threshold, have }) => `at least ${threshold} trustees with valid partial decryptions are needed, ${have} given`,
    },
  ),
  'crypto.countOutOfRange': template(
    { optionId: 'PAN', maxCount: 100 },
    {
      es: ({ optionId, maxCount }) => `la opción ${optionId} no descifra a un total entre 0 y ${maxCount}`,
      en: ({ optionId, maxCount }) => `option ${optionId} does not decrypt to a total in [0, ${maxCount}]`,
    },
  ),

  // Opening and closing the election (src/domain/lifecycle).
  'lifecycle.alreadyOpened': { es: 'La elección ya fue abierta.', en: 'The election has already been opened.' },
  'lifecycle.keyCeremonyHasNotCompleted': { es: 'la ceremonia de llaves no ha concluido', en: 'the key ceremony has not completed' },
  'lifecycle.configurationNotLockedForOpening': { es: 'la configuración no está bloqueada para la apertura', en: 'the configuration is not locked for the opening' },
  'lifecycle.missingRatifications': template(
    { missing: 'local:09' },
    {
      es: ({ missing }) => `faltan ratificaciones: ${missing}`,
      en: () => `missing ratifications`,
    },
  ),
  'lifecycle.voterRollEmpty': { es: 'la lista nominal está vacía', en: 'the voter roll is empty' },
  'lifecycle.notHex': template(
    { name: 'Ana López' },
    {
      es: ({ name }) => `${name} no es un SHA-256 hexadecimal`,
      en: () => `is not a hex SHA-256`,
    },
  ),
  'lifecycle.votingWindowInvalid': { es: 'el periodo de votación es inválido', en: 'the voting window is invalid' },
  'lifecycle.votingWindowAlreadyOver': { es: 'el periodo de votación ya terminó', en: 'the voting window is already over' },
  'lifecycle.cannotOpen': template(
    { problems: 'la lista nominal está vacía / the voter roll is empty' },
    {
      es: () => `No se puede abrir la elección`,
      en: ({ problems }) => `The election cannot be opened: ${problems}`,
    },
  ),
  'lifecycle.notOpened': { es: 'La elección no ha sido abierta.', en: 'The election has not been opened.' },
  'lifecycle.votingStartsAt': template(
    { votingOpensAt: '2024-06-02T08:00:00-06:00' as string | undefined },
    {
      es: ({ votingOpensAt }) => `La votación inicia el ${votingOpensAt}.`,
      en: ({ votingOpensAt }) => `Voting starts at ${votingOpensAt}.`,
    },
  ),
  'lifecycle.notASimulacro': { es: 'Sólo un simulacro puede cerrar antes de la hora configurada.', en: 'Only a simulacro may close before the configured instant.' },
  'lifecycle.notVoting': { es: 'La votación no está en curso.', en: 'Voting is not under way.' },
  'lifecycle.votingClosesAt': template(
    { votingClosesAt: '2024-06-02T18:00:00-06:00' as string | undefined },
    {
      es: ({ votingClosesAt }) => `La votación cierra el ${votingClosesAt}.`,
      en: ({ votingClosesAt }) => `Voting closes at ${votingClosesAt}.`,
    },
  ),
  'lifecycle.notClosed': { es: 'La urna sólo se exporta después del cierre.', en: 'The ballot box is exported only after closing.' },

  // The opening (src/domain/opening).
  'opening.electionNotConfigured': { es: 'La elección aún no está configurada.', en: 'The election is not configured yet.' },

  // The voter roll (src/domain/roll/decide.ts).
  'roll.rollFrozen': { es: 'La elección ya fue abierta: la lista nominal no puede cambiar.', en: 'The election has been opened: the roll can no longer change.' },
  'roll.rollAlreadyImported': {
    es: 'La lista nominal ya fue importada; para cambiarla, enmiéndela antes de la apertura.',
    en: 'The roll was already imported; amend it before opening to change it.',
  },
  'roll.emptyRoll': { es: 'La lista nominal está vacía.', en: 'The roll is empty.' },
  'roll.rollNotImported': { es: 'No hay lista nominal que enmendar; impórtela primero.', en: 'There is no roll to amend; import it first.' },
  'roll.missingReason': { es: 'Una enmienda requiere un motivo.', en: 'An amendment needs a reason.' },
  'roll.emptyAmendment': { es: 'La enmienda no agrega ni quita a nadie.', en: 'The amendment adds or removes no one.' },
  'roll.duplicateInAmendment': { es: 'Un seudónimo aparece dos veces en la enmienda.', en: 'A pseudonym appears twice in the amendment.' },
  'roll.unknownPseudonym': template(
    { pseudonym: 'p-1f3a9c' },
    {
      es: ({ pseudonym }) => `El seudónimo ${pseudonym} no está en la lista.`,
      en: ({ pseudonym }) => `Pseudonym ${pseudonym} is not on the roll.`,
    },
  ),
  'roll.amendmentEmptiesRoll': { es: 'La enmienda dejaría la lista vacía.', en: 'The amendment would leave the roll empty.' },
  'roll.invalidRollEntry': template(
    { entry: '{}' },
    {
      es: ({ entry }) => `Entrada inválida ${entry}.`,
      en: () => `Invalid roll entry.`,
    },
  ),
  'roll.duplicatePseudonym': template(
    { pseudonym: 'p-1f3a9c' },
    {
      es: ({ pseudonym }) => `El seudónimo ${pseudonym} aparece dos veces.`,
      en: () => `Pseudonym appears twice.`,
    },
  ),

  // Problems in a roll CSV, one per row (src/domain/roll/roll-row-validation.ts).
  'rollFile.fileHasNoHeaderRow': { es: 'el archivo no tiene encabezado', en: 'the file has no header row' },
  'rollFile.missingColumns': template(
    { columns: 'email, sex' },
    {
      es: ({ columns }) => `faltan columnas: ${columns}`,
      en: ({ columns }) => `missing columns: ${columns}`,
    },
  ),
  'rollFile.fieldCount': template(
    { expected: 9, found: 8 },
    {
      es: ({ expected, found }) => `se esperaban ${expected} campos y hay ${found}`,
      en: ({ expected, found }) => `expected ${expected} fields, found ${found}`,
    },
  ),
  'rollFile.malformedElectorKey': template(
    { electorKey: 'ABC123' },
    {
      es: ({ electorKey }) => `clave de elector mal formada "${electorKey}"`,
      en: () => `malformed elector key`,
    },
  ),
  'rollFile.electorKeyAlreadyOnRoll': { es: 'la clave de elector ya está en la lista', en: 'the elector key is already on the roll' },
  'rollFile.missingName': { es: 'falta el nombre', en: 'missing name' },
  'rollFile.unknownEntityOrigin': template(
    { entity: '14' },
    {
      es: ({ entity }) => `entidad de origen desconocida "${entity}"`,
      en: () => `unknown entity of origin`,
    },
  ),
  'rollFile.invalidCountryResidence': template(
    { country: 'XYZ' },
    {
      es: ({ country }) => `país de residencia inválido "${country}" (ISO 3166-1 alfa-3, no MEX)`,
      en: () => `invalid country of residence`,
    },
  ),
  'rollFile.malformedEmail': template(
    { email: 'ana@' },
    {
      es: ({ email }) => `correo electrónico mal formado "${email}"`,
      en: () => `malformed e-mail address`,
    },
  ),
  'rollFile.malformedMobilePhone': template(
    { mobilePhone: '5512345678' },
    {
      es: ({ mobilePhone }) => `teléfono móvil mal formado "${mobilePhone}" (E.164, +…)`,
      en: () => `malformed mobile phone`,
    },
  ),
  'rollFile.invalidSex': template(
    { sex: 'Z' },
    {
      es: ({ sex }) => `sexo inválido "${sex}" (H, M o X)`,
      en: () => `invalid sex`,
    },
  ),
  'rollFile.invalidBirthYear': template(
    { birthYearText: '19x0' },
    {
      es: ({ birthYearText }) => `año de nacimiento inválido "${birthYearText}"`,
      en: () => `invalid birth year`,
    },
  ),
  'rollFile.modalityNotInternetVoting': template(
    { modality: 'postal' },
    {
      es: ({ modality }) => `modalidad "${modality}" no es la electrónica por internet`,
      en: () => `modality is not internet voting`,
    },
  ),
  'rollFile.duplicateElectorKey': template(
    { key: 'LPZRAN85010114M300', lines: '12, 40' },
    {
      es: ({ key, lines }) => `clave de elector ${key} repetida (también en la línea ${lines})`,
      en: ({ lines }) => `duplicate elector key (also on line ${lines})`,
    },
  ),

  // The tally (src/domain/tally).
  'tally.tallyNotStarted': { es: 'El cómputo no ha iniciado.', en: 'The tally has not started.' },
  'tally.tallyHalted': {
    es: 'El cómputo se detuvo: la huella de la urna no coincide con la del cierre.',
    en: 'The tally is halted: the ballot box hash does not match the one recorded at closing.',
  },
  'tally.tallyAlreadyStarted': { es: 'El cómputo ya inició.', en: 'The tally has already started.' },
  'tally.ballotBoxNotExported': { es: 'El cómputo sólo inicia después de exportar la urna al cierre.', en: 'The tally starts only after the ballot box was exported at closing.' },
  'tally.tallyAlreadyCompleted': { es: 'El cómputo ya concluyó.', en: 'The tally is already complete.' },
  'tally.notEnoughTrustees': template(
    { threshold: 3, given: 2 },
    {
      es: ({ threshold, given }) => `se necesitan ${threshold} fideicomisarios, hay ${given}`,
      en: ({ threshold, given }) => `${threshold} trustees are needed, ${given} given`,
    },
  ),
  'tally.actaBeforeCompletion': { es: 'El acta se emite al concluir el cómputo.', en: 'The acta is issued once the tally is complete.' },
  'tally.actaAlreadyIssued': { es: 'El acta ya fue emitida.', en: 'The acta has already been issued.' },
  'tally.manifestBeforeCompletion': { es: 'El manifiesto se emite al concluir el cómputo.', en: 'The manifest is issued once the tally is complete.' },
  'tally.manifestAlreadyIssued': { es: 'El manifiesto de preservación ya fue emitido.', en: 'The preservation manifest has already been issued.' },

  // Casting and auditing ballots (src/domain/voting).
  'voting.alreadyVoted': { es: 'Ya se recibió un voto de esta persona; sólo se permite uno.', en: 'A ballot from this voter was already received; only one is allowed.' },
  'voting.votingNotStarted': { es: 'La votación aún no ha iniciado.', en: 'Voting has not started yet.' },
  'voting.votingClosed': { es: 'La votación ya cerró; no se reciben más votos.', en: 'Voting is closed; no more ballots are accepted.' },
  'voting.wrongBallotStyle': { es: 'La boleta no corresponde a su entidad.', en: 'The ballot is not the style for your entity.' },
  'voting.invalidBallot': { es: 'La boleta cifrada no es válida.', en: 'The encrypted ballot is not valid.' },
  'voting.ballotSpoiled': {
    es: 'Esta boleta fue auditada (anulada); no puede emitirse. Cifre una nueva.',
    en: 'This ballot was audited (spoiled); it cannot be cast. Encrypt a new one.',
  },
  'voting.spoiledCiphertextReused': {
    es: 'La boleta reutiliza un cifrado de una boleta auditada, cuyo secreto es público. Cifre una nueva.',
    en: 'The ballot reuses a ciphertext of an audited ballot, whose nonce is public. Encrypt a new one.',
  },
  'voting.castCiphertextDisclosed': {
    es: 'La boleta contiene un cifrado de una boleta ya emitida; auditarla revelaría ese voto. No se auditó. Cifre una nueva.',
    en: 'The ballot holds a ciphertext of a ballot already cast; auditing it would reveal that vote. It was not audited. Encrypt a new one.',
  },
  'voting.notRecordedCast': { es: 'La boleta no quedó registrada como emitida por esta persona.', en: 'The ballot is not recorded as cast by this voter.' },
  'voting.invalidDisclosure': { es: 'Los datos revelados no corresponden a la boleta.', en: 'The disclosed data does not match the ballot.' },
  'voting.castCannotBeAudited': { es: 'Ya emitió su voto; una boleta emitida no puede auditarse.', en: 'You already cast your ballot; a cast ballot cannot be audited.' },
  'voting.auditLimitReached': template(
    { max: 5 },
    {
      es: ({ max }) => `Ya auditó ${max} boletas, el máximo por persona.`,
      en: ({ max }) => `You already audited ${max} ballots, the most one voter may.`,
    },
  ),
  'voting.alreadySpoiled': { es: 'Esta boleta ya fue auditada y publicada.', en: 'This ballot was already audited and published.' },
  'voting.notRecordedSpoiled': { es: 'La boleta no quedó registrada como auditada por una persona votante.', en: 'The ballot is not recorded as audited by a voter.' },
});

export type DomainMessageKey = keyof typeof domainMessages;
