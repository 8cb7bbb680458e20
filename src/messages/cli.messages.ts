/**
 * Catalog of the officials' console: what `npm run urna` (src/cli/urna.ts) and `npm run
 * simulacro` (src/simulacro) print, and the typed errors of the layers they drive: set-up and
 * key ceremony (src/setup, src/ceremony), roll import (src/roll), tokens (src/hsm), closing,
 * tally and preservation (src/closing, src/tally, src/preservation).
 *
 * The console prints most lines as "es / en" (both()); a few print Spanish only, as they
 * always have (names written to the ledger, the simulacro's summaries), and the English here is
 * for readers of the catalog. Where the numbers of a line are printed once, in the Spanish half,
 * the English template takes the same parameters and leaves them out. Tests grep some of these
 * lines (test/setup, test/hsm, test/tally, test/simulacro): a change here is a change of what
 * officials read.
 */
import { defineCatalog, template, type Bilingual } from './catalog';

export const cliMessages = defineCatalog({
  // Shared by `urna setup` and the simulacro.
  'db.embedded': { es: 'PostgreSQL embebido', en: 'embedded PostgreSQL' },
  'db.connectionLost': { es: 'conexión perdida', en: 'connection lost' },
  'setup.ratifications': { es: 'ratificaciones', en: 'ratifications' },

  'db.embeddedRunning': { es: 'PostgreSQL embebido ya en marcha (el del servicio)', en: "embedded PostgreSQL already running (the service's)" },

  // The data folder's one layout (src/config/data-layout.ts, legacy-layout.ts).
  'layout.moved': { es: 'carpeta de datos: movido a la disposición única', en: 'data folder: moved to the one layout' },
  'layout.conflict': template(
    { from: '.data/postgres/data', to: '.data/postgres/cluster' },
    {
      es: ({ from, to }) => `La carpeta de datos tiene a la vez ${from} (disposición anterior de urna setup) y ${to} (la actual); no se sabe cuál es la de la elección. Deje solo una (mueva la otra fuera de la carpeta) y vuelva a ejecutar.`,
      en: ({ from, to }) => `The data folder holds both ${from} (urna setup's former layout) and ${to} (the current one); which one is the election's cannot be told. Keep only one (move the other out of the folder) and run again.`,
    },
  ),
  // The log's identity (src/route/log-identity.ts, docs/spec/log.md §4.3).
  'logIdentity.mismatch': template(
    { size: 12, signedBy: 'voto.example.mx/log/pef-2027+1a2b3c4d', configured: 'voto.example.mx/log/pef-2027+5e6f7a8b+AQ…', fingerprint: '3f2a 91c0 7be4 0d15' },
    {
      es: ({ size, signedBy, configured, fingerprint }) =>
        `El registro de transparencia de esta base de datos fue firmado por ${signedBy || 'otra llave'} (punto de control de tamaño ${size}), no por la llave configurada ${configured} (huella ${fingerprint}). Un registro conserva su llave toda su vida: use la carpeta de datos de la preparación (URNA_DATA_DIR, con su keys/log-signing.key) o su URNA_LOG_KEY_FILE / token, o inicie otro registro en otra base de datos.`,
      en: ({ size, signedBy, configured, fingerprint }) =>
        `This database's transparency log was signed by ${signedBy || 'another key'} (checkpoint of size ${size}), not by the configured key ${configured} (fingerprint ${fingerprint}). A log keeps its key for life: use the set-up's data folder (URNA_DATA_DIR, with its keys/log-signing.key) or its URNA_LOG_KEY_FILE / token, or start another log in another database.`,
    },
  ),

  // The real-election route (src/route/route-commands.ts): one step per command, each saying what comes next.
  'route.configure.description': { es: 'paso 1: configura la elección desde su manual (o la enmienda), con su periodo de votación real', en: 'step 1: configures the election from its manual (or amends it), with its real voting window' },
  'route.ratify.description': { es: 'paso 2: ratificaciones del INE y de cada OPL', en: 'step 2: ratifications by the INE and each OPL' },
  'route.roll.description': { es: 'paso 3: lista nominal desde CSV y credenciales (autoridad de credenciales)', en: 'step 3: voter roll from CSV and credentials (credential authority)' },
  'route.ceremony.description': { es: 'paso 4: ceremonia de llaves con las estaciones de las personas custodias (urna trustee)', en: "step 4: key ceremony with the trustees' stations (urna trustee)" },
  'route.open.description': { es: 'paso 5: apertura y reporte inicial', en: 'step 5: opening and opening report' },
  'route.serve.description': { es: 'paso 6: el servicio (npm start) sobre esta carpeta; la votación inicia y cierra sola', en: 'step 6: the service (npm start) on this folder; voting starts and closes by itself' },
  'route.tally.description': { es: 'paso 7: cómputo con las personas custodias, tras el cierre', en: 'step 7: tally with the trustees, after closing' },
  'route.acta.description': { es: 'paso 8: acta de cómputo y paquete de preservación firmado', en: 'step 8: tally record (acta) and signed preservation package' },
  'route.option.opens': { es: 'inicio real de la votación (ISO 8601, p. ej. 2027-06-06T08:00:00-06:00)', en: 'when voting really opens (ISO 8601)' },
  'route.option.closes': { es: 'cierre real de la votación (ISO 8601)', en: 'when voting really closes (ISO 8601)' },
  'route.option.instant': { es: 'se espera un instante ISO 8601 con fecha y hora', en: 'an ISO 8601 instant with date and time is expected' },
  'route.option.bothInstants': { es: '--opens y --closes van juntos', en: '--opens and --closes go together' },
  'route.option.noCredentialAuthority': { es: 'no ejecutar aquí la autoridad de credenciales (otra institución lo hace con urna credentials)', en: 'do not run the credential authority here (another institution does, with urna credentials)' },
  'route.option.systemUrl': { es: 'dirección del sistema en los correos de credenciales (por omisión URNA_PUBLIC_URL)', en: 'address of the system in the credential e-mails (default URNA_PUBLIC_URL)' },
  'route.option.enrolment': { es: 'ficha de inscripción de una persona custodia (enrolment.json de urna trustee init), una por persona, en orden', en: "a trustee's enrolment card (enrolment.json from urna trustee init), one per trustee, in order" },
  'route.option.host': { es: 'dirección donde escucha la API de custodios', en: 'address the trustee API listens on' },
  'route.option.port': { es: 'puerto de la API de custodios', en: 'port of the trustee API' },
  'route.option.notary': { es: 'nombre de la notaría que da fe', en: 'name of the notary who witnesses' },
  'route.option.timeout': { es: 'dejar de esperar a las personas custodias tras estos milisegundos', en: 'stop waiting for the trustees after these milliseconds' },
  'route.option.service': { es: 'dirección del servicio para las estaciones (por omisión URNA_PUBLIC_URL)', en: 'address of the service for the stations (default URNA_PUBLIC_URL)' },
  'route.option.present': { es: 'cuántas personas custodias esperar (por omisión el umbral)', en: 'how many trustees to wait for (default the threshold)' },
  /** The notary's name on the ledger and the documents when none is given (Spanish). */
  'route.notaryName': { es: 'Notaría pública', en: 'Notary public' },
  'route.next': { es: 'Siguiente', en: 'Next' },
  'route.next.ratify': { es: 'las ratificaciones', en: 'the ratifications' },
  'route.next.roll': { es: 'la lista nominal', en: 'the voter roll' },
  'route.next.ceremony': { es: 'la ceremonia de llaves; antes, cada persona custodia ejecuta en su equipo urna trustee init y entrega su enrolment.json', en: 'the key ceremony; first each trustee runs urna trustee init on their machine and hands over their enrolment.json' },
  'route.next.open': { es: 'la apertura', en: 'the opening' },
  'route.next.serve': { es: 'el servicio', en: 'the service' },
  'route.next.acta': { es: 'el acta y la preservación', en: 'the acta and preservation' },
  'route.next.verify': { es: 'cualquiera verifica el registro y el paquete', en: 'anyone verifies the record and the package' },
  'route.logOrigin': { es: 'Origen del registro', en: 'log origin' },
  'route.logKey': { es: 'Llave verificadora del registro', en: 'log verifier key' },
  'route.logFingerprint': { es: 'Huella (compárela a simple vista)', en: 'fingerprint (compare it by eye)' },
  'route.witnesses': { es: 'Testigos del registro (quórum/total), con su huella', en: "log witnesses (quorum/total), with each key's fingerprint" },
  'route.noWitnesses': {
    es: 'Sin testigos configurados (URNA_WITNESSES): nadie fuera del operador cofirma el registro',
    en: 'no witnesses configured (URNA_WITNESSES): nobody but the operator cosigns the log',
  },
  'route.election': { es: 'Elección', en: 'election' },
  'route.window': { es: 'Periodo de votación', en: 'voting window' },
  'route.recorded': { es: 'Anotado en', en: 'recorded in' },
  'route.amending': template(
    { version: 1 },
    { es: ({ version }) => `La elección ya está configurada (versión ${version}): se enmienda`, en: ({ version }) => `The election is configured already (version ${version}): amending it` },
  ),
  /** ConfigurationAmended's reason (on the ledger). */
  'route.amendReason': { es: 'urna configure: manual o periodo de votación actualizados', en: 'urna configure: manual or voting window updated' },
  'route.error.window': template<{ problem: 'closed' | 'opened' | 'order'; opens: string; closes: string }>(
    { problem: 'closed', opens: '2024-05-20T20:00:00-06:00', closes: '2024-06-02T18:00:00-06:00' },
    {
      es: ({ problem, opens, closes }) =>
        `El periodo de votación ${opens} — ${closes} ${problem === 'closed' ? 'ya pasó' : problem === 'opened' ? 'ya empezó (el reporte inicial debe emitirse antes)' : 'cierra antes de abrir'}. Indique el periodo real con --opens y --closes (ISO 8601, p. ej. --opens 2027-06-06T08:00:00-06:00 --closes 2027-06-06T18:00:00-06:00).`,
      en: ({ problem, opens, closes }) =>
        `The voting window ${opens} — ${closes} ${problem === 'closed' ? 'is in the past' : problem === 'opened' ? 'has already started (the opening report must come first)' : 'closes before it opens'}. Give the real window with --opens and --closes (ISO 8601).`,
    },
  ),
  'route.error.otherElection': template(
    { data: '.data', recorded: 'pef-2027', manual: 'simulacro-2024' },
    {
      es: ({ data, recorded, manual }) => `La carpeta ${data} ya tiene la elección ${recorded}; el manual es de ${manual}. Use otra carpeta (--data).`,
      en: ({ data, recorded, manual }) => `The folder ${data} already holds election ${recorded}; the manual is for ${manual}. Use another folder (--data).`,
    },
  ),
  'route.error.noElection': template(
    { data: '.data' },
    {
      es: ({ data }) => `La carpeta ${data} no tiene elección: empiece por npm run urna -- configure --manual <manual.yaml> --data ${data}`,
      en: ({ data }) => `The folder ${data} holds no election: start with npm run urna -- configure --manual <manual.yaml> --data ${data}`,
    },
  ),
  'route.error.missing': template(
    { missing: 'local:DUR' },
    { es: ({ missing }) => `Faltan ratificaciones: ${missing}`, en: ({ missing }) => `Ratifications missing: ${missing}` },
  ),
  'route.error.notClosed': template(
    { phase: 'voting' },
    {
      es: ({ phase }) => `La votación no ha cerrado ni exportado la urna (fase ${phase}); el servicio lo hace solo a la hora de cierre.`,
      en: ({ phase }) => `Voting has not closed and exported the ballot box (phase ${phase}); the service does so by itself at the closing instant.`,
    },
  ),
  'route.credentialsElsewhere': {
    es: 'Credenciales: la autoridad de credenciales las genera y entrega con urna credentials (docs/spec/credentials.md); aquí: urna credentials request, enrol e import',
    en: 'Credentials: the credential authority generates and delivers them with urna credentials; here: urna credentials request, enrol and import',
  },
  'route.trusteeApi': { es: 'API de custodios', en: 'trustee API' },
  'route.trusteesRun': { es: 'Cada persona custodia ejecuta en su equipo', en: 'Each trustee runs on their machine' },
  'route.trusteesTally': { es: 'Cada persona custodia presente ejecuta en su equipo', en: 'Each trustee present runs on their machine' },
  'route.ceremonyPhase': template({ phase: 'round1' }, { es: ({ phase }) => `ceremonia: ${phase}`, en: ({ phase }) => `ceremony: ${phase}` }),
  'route.partialsPosted': template(
    { complete: 1, wanted: 3 },
    { es: ({ complete, wanted }) => `descifrados parciales completos: ${complete} de ${wanted}`, en: ({ complete, wanted }) => `complete partial decryptions: ${complete} of ${wanted}` },
  ),
  'route.trusteesTimedOut': template(
    { phase: 'round2' },
    { es: ({ phase }) => `Las personas custodias no terminaron a tiempo (${phase})`, en: ({ phase }) => `The trustees did not finish in time (${phase})` },
  ),
  'route.serving': template(
    { electionId: 'pef-2027' },
    { es: ({ electionId }) => `Servicio de la elección ${electionId}: la votación inicia y cierra sola a las horas configuradas`, en: ({ electionId }) => `Service of election ${electionId}: voting starts and closes by itself at the configured instants` },
  ),
  'route.afterClose': { es: 'Tras el cierre (el servicio sigue publicando el tablero), en otra terminal', en: 'After closing (the service keeps serving the board), in another terminal' },
  'route.tally': { es: 'Cómputo', en: 'Tally' },
  'setup.windowPast': template(
    { opens: '2024-05-20T20:00:00-06:00', closes: '2024-06-02T18:00:00-06:00', now: '2024-05-20T19:00:00-06:00' },
    {
      es: ({ opens, closes, now }) => `Aviso: el periodo de votación del manual (${opens} — ${closes}) ya pasó; la preparación corre con reloj simulado (${now}). Para una elección real indique --opens y --closes.`,
      en: ({ opens, closes, now }) => `Warning: the manual's voting window (${opens} — ${closes}) is in the past; the set-up runs on a simulated clock (${now}). For a real election give --opens and --closes.`,
    },
  ),

  // `urna`: commands and options (commander's help).
  'urna.description': { es: 'Consola de Urna', en: 'Urna console' },
  'urna.version.description': { es: 'versión del software (hash del código)', en: 'software version (hash of the running code)' },
  'urna.version.files': { es: 'archivos', en: 'files' },
  'urna.setup.description': {
    es: 'configura, ratifica, importa la lista nominal, ceremonia de llaves y apertura',
    en: 'configure, ratify, import the roll, key ceremony and opening',
  },
  'urna.setup.option.fixture': { es: 'manual de configuración', en: 'configuration manual' },
  'urna.setup.option.voters': { es: 'lista nominal sintética de n votantes', en: 'synthetic roll of n voters' },
  'urna.setup.option.roll': { es: 'lista nominal desde CSV (docs/spec/roll-and-authentication.md)', en: 'voter roll from CSV' },
  'urna.setup.option.trustees': { es: 'personas custodias', en: 'trustees' },
  'urna.setup.option.threshold': { es: 'umbral para descifrar', en: 'threshold to decrypt' },
  'urna.setup.option.data': { es: 'carpeta de datos', en: 'data folder' },
  'urna.setup.option.now': { es: 'reloj del simulacro', en: 'simulacro clock' },
  // urna check-audited (src/verifier/check-audited-cli.ts).
  'checkAudited.description': {
    es: 'verifica una boleta auditada (reto de Benaloh): la vuelve a cifrar con sus datos revelados y muestra lo que contenía',
    en: 'checks an audited (Benaloh) ballot: re-encrypts it from its disclosure and shows what it held',
  },
  'checkAudited.argument': { es: 'el código de auditoría que mostró la casilla (p. ej. 7K3Q-9XDF-2M8R-0AWZ)', en: 'the audit code the booth showed (e.g. 7K3Q-9XDF-2M8R-0AWZ)' },
  'checkAudited.option.url': { es: 'dirección del servicio (p. ej. https://voto.example)', en: 'the service address (e.g. https://voto.example)' },
  'checkAudited.option.json': { es: 'resultado en JSON', en: 'result as JSON' },
  'checkAudited.notFound': template({ code: '7K3Q-9XDF-2M8R-0AWZ' }, {
    es: ({ code }) => `No hay una boleta auditada publicada con el código ${code}.`,
    en: ({ code }) => `No audited ballot is published with code ${code}.`,
  }),
  'checkAudited.failed': {
    es: 'La boleta publicada NO corresponde a sus datos revelados: no vote con ese dispositivo y avise a la autoridad.',
    en: 'The published ballot does NOT match its disclosure: do not vote with that device, and alert the authority.',
  },
  'checkAudited.ok': template({ position: 12 }, {
    es: ({ position }) => `Verificada: la boleta publicada en la posición ${position} se vuelve a cifrar exactamente; contenía:`,
    en: ({ position }) => `Verified: the ballot published at position ${position} re-encrypts exactly; it held:`,
  }),
  'urna.verify.description': {
    es: 'verifica un registro electoral exportado',
    en: 'verifies an exported election record (docs/spec/record.md)',
  },
  'urna.option.wholeNumber': { es: 'se espera un entero positivo', en: 'a positive whole number is expected' },

  // `urna preservation-keygen` and `urna preservation-open`: the preservation package's
  // confidential part (docs/spec/documents.md §5.3).
  'urna.preservationKeygen.description': {
    es: 'par de llaves X25519 para la parte confidencial del paquete de preservación',
    en: "X25519 key pair for the preservation package's confidential part",
  },
  'urna.preservationKeygen.option.out': { es: 'carpeta', en: 'folder' },
  'urna.preservationKeygen.option.name': { es: 'nombre de los archivos', en: 'file name' },
  'urna.preservationOpen.description': {
    es: 'descifra la parte confidencial del paquete de preservación',
    en: "decrypts the preservation package's confidential part",
  },
  /** Before an example path of a sealed file. */
  'urna.preservationOpen.argument.example': { es: 'p. ej.', en: 'e.g.' },
  'urna.preservationOpen.option.key': { es: 'llave privada X25519 del destinatario', en: "the recipient's X25519 private key" },
  'urna.preservationOpen.option.out': { es: 'archivo en claro a crear (0600)', en: 'clear file to create (0600)' },
  'urna.preservationOpen.done': template({ bytes: 1024 }, { es: ({ bytes }) => `${bytes} bytes en claro`, en: () => 'clear bytes' }),

  // `urna setup`: its six steps and what each prints.
  'urna.step.configure': { es: 'Configuración desde el manual', en: 'Configuration from the manual' },
  'urna.step.ratify': { es: 'Ratificaciones (INE y cada OPL)', en: 'Ratifications (INE and each OPL)' },
  'urna.step.rollCsv': template(
    { path: '/data/lista.csv', ln: 15 },
    { es: ({ path, ln }) => `Lista nominal desde ${path} (scrypt N=2^${ln})`, en: ({ path, ln }) => `Voter roll from ${path} (scrypt N=2^${ln})` },
  ),
  'urna.step.rollSynthetic': template(
    { voters: 10000 },
    { es: ({ voters }) => `Lista nominal sintética de ${voters} votantes (scrypt N=2^10, simulacro)`, en: ({ voters }) => `Synthetic roll of ${voters} voters (scrypt N=2^10, simulacro)` },
  ),
  'urna.step.tokens': template(
    { n: 5 },
    { es: ({ n }) => `Tokens SoftHSM y registro de ${n} fideicomisarios`, en: ({ n }) => `SoftHSM tokens and enrolment of ${n} trustees` },
  ),
  'urna.step.ceremony': template(
    { t: 3, n: 5 },
    { es: ({ t, n }) => `Ceremonia de llaves (t = ${t} de n = ${n})`, en: ({ t, n }) => `Key ceremony (t = ${t} of n = ${n})` },
  ),
  'urna.step.opening': { es: 'Apertura y reporte inicial', en: 'Opening and opening report' },
  'urna.moreProblems': { es: 'problemas más', en: 'more problems' },
  'urna.rowsRefused': { es: 'filas rechazadas, no importadas', en: 'rows refused, not imported' },
  'urna.rollImported': template(
    { imported: 9, sent: 9 },
    { es: ({ imported, sent }) => `${imported} importados, ${sent} credenciales enviadas`, en: () => 'imported, credentials sent' },
  ),
  /** Printed in Spanish before the roll commitment. */
  'urna.rollCommitment': { es: 'compromiso', en: 'commitment' },
  /** A trustee's name on the ledger (Spanish). */
  'urna.trusteeName': template({ k: 1 }, { es: ({ k }) => `Fideicomisario ${k}`, en: ({ k }) => `Trustee ${k}` }),
  'urna.pins': { es: 'PINs del simulacro', en: 'simulacro PINs' },
  /** The notary's name on the ledger and the opening report (Spanish). */
  'urna.notaryName': { es: 'Notario público (simulacro)', en: 'Notary public (simulacro)' },
  'urna.notaryRole': { es: 'Notario público', en: 'Notary public' },
  'urna.electionKey': { es: 'Llave de la elección', en: 'election key' },
  'urna.transcriptHash': { es: 'Hash de la transcripción', en: 'transcript hash' },
  'urna.openingReport': { es: 'Reporte inicial', en: 'opening report' },
  'urna.softwareVersion': { es: 'Versión del software', en: 'software version' },
  'urna.done': template({ seconds: '12.5' }, { es: ({ seconds }) => `Listo en ${seconds} s`, en: () => 'done' }),
  'urna.votingOpens': template(
    { opens: '2024-05-18T20:00:00-06:00' },
    { es: ({ opens }) => `La votación abre sola el ${opens}`, en: () => 'voting opens by itself then' },
  ),

  // Set-up service (src/setup) and its errors.
  'roll.line': { es: 'línea', en: 'line' },
  'setup.rollRead': template(
    { rowsRead: 12, valid: 10, problems: 2 },
    { es: ({ rowsRead, valid, problems }) => `${rowsRead} filas leídas, ${valid} válidas, ${problems} problemas`, en: () => 'rows read, valid, problems' },
  ),
  'setup.error.notConfigured': { es: 'La elección aún no está configurada.', en: 'The election is not configured yet.' },
  'setup.error.noValidRow': template(
    { problems: 2, first: 'línea/line 2: correo inválido' },
    {
      es: ({ problems, first }) => `El archivo no tiene filas válidas (${problems} problemas: ${first}).`,
      en: ({ problems }) => `The file has no valid row (${problems} problems).`,
    },
  ),
  'setup.notaryWitnessed': template(
    { notary: 'Notario público (simulacro)', hash: 'ab12…' },
    { es: ({ notary, hash }) => `Notario ${notary} atestiguó la transcripción ${hash}`, en: () => 'notary witnessed the transcript' },
  ),
  'setup.error.ceremonyIncomplete': { es: 'La ceremonia no concluyó.', en: 'The ceremony did not complete.' },
  'setup.error.alreadyOpened': { es: 'La elección ya fue abierta.', en: 'The election has already been opened.' },
  'setup.error.notEnrolledToken': template(
    { trusteeName: 'Fideicomisario 1', enrolledSerial: '1a2b', presentedSerial: '3c4d' },
    {
      es: ({ trusteeName, enrolledSerial, presentedSerial }) => `El token presentado (serie ${presentedSerial}) no es el registrado para ${trusteeName} (serie ${enrolledSerial}).`,
      en: ({ trusteeName, enrolledSerial, presentedSerial }) => `The token presented (serial ${presentedSerial}) is not the one enrolled for ${trusteeName} (serial ${enrolledSerial}).`,
    },
  ),

  // Key ceremony (src/ceremony).
  'ceremony.error.trusteeNotEnrolled': template(
    { trusteeIndex: 2 },
    { es: ({ trusteeIndex }) => `El fideicomisario ${trusteeIndex} no está registrado.`, en: ({ trusteeIndex }) => `Trustee ${trusteeIndex} is not enrolled.` },
  ),
  'ceremony.error.notOpened': { es: 'La ceremonia no ha sido abierta.', en: 'The ceremony has not been opened.' },
  'ceremony.error.noSealedSecrets': template(
    { trusteeIndex: 2 },
    { es: ({ trusteeIndex }) => `El fideicomisario ${trusteeIndex} no ha publicado su ronda 1.`, en: ({ trusteeIndex }) => `Trustee ${trusteeIndex} has not published round 1.` },
  ),

  // Roll CSV reading (src/roll).
  'roll.csv.quoteInUnquotedField': { es: 'comillas dentro de un campo sin comillas', en: 'quote inside an unquoted field' },
  'roll.csv.textAfterClosingQuote': { es: 'texto después de las comillas de cierre', en: 'text after a closing quote' },
  'roll.csv.unterminatedQuote': { es: 'comillas sin cerrar', en: 'unterminated quoted field' },
  'roll.csv.malformed': { es: 'CSV mal formado', en: 'malformed CSV' },

  // Closing, tally and preservation.
  'closing.error.notClosed': {
    es: 'La urna sólo se exporta después del cierre (y una sola vez).',
    en: 'The ballot box is exported only after closing (and once).',
  },
  'closing.recoveredCasts': template(
    { published: 2 },
    {
      es: ({ published }) => `Se publicaron ${published} votos registrados cuya publicación interrumpió una falla; ya están en la urna.`,
      en: ({ published }) => `${published} recorded votes whose publication a failure had interrupted were published; they are in the ballot box.`,
    },
  ),
  'closing.unpublishableCasts': template(
    { count: 1 },
    {
      es: ({ count }) => `${count} votos registrados no pudieron publicarse: su registro (versión 1) no guarda la boleta. Avise a la autoridad y al notario.`,
      en: ({ count }) => `${count} recorded votes could not be published: their record (version 1) does not keep the ballot. Tell the authority and the notary.`,
    },
  ),
  'tally.error.ballotBoxMismatch': template(
    { recomputed: 'aa11…', atClosing: 'bb22…' },
    {
      es: ({ recomputed, atClosing }) => `La huella de la urna recalculada (${recomputed}) no coincide con la del cierre (${atClosing}); el cómputo no continúa.`,
      en: ({ recomputed, atClosing }) => `The recomputed ballot box hash (${recomputed}) differs from the one recorded at closing (${atClosing}); the tally does not go on.`,
    },
  ),
  'tally.error.invalidCastBallot': template(
    { position: 42 },
    { es: ({ position }) => `La boleta en la posición ${position} no verifica`, en: ({ position }) => `the ballot at position ${position} does not verify` },
  ),
  'tally.error.notEnoughTrustees': template<{ threshold: number; valid: number[] }>(
    { threshold: 3, valid: [1, 4] },
    {
      es: ({ threshold, valid }) => `Se necesitan ${threshold} fideicomisarios con descifrados válidos y hay ${valid.length} (${valid.join(', ') || 'ninguno'}); no se publican resultados.`,
      en: ({ threshold, valid }) => `${threshold} trustees with valid partial decryptions are needed, ${valid.length} present; no results are published.`,
    },
  ),
  'tally.trustee': { es: 'fideicomisario', en: 'trustee' },
  'tally.error.halted': { es: 'El cómputo está detenido: la urna no coincide con el cierre.', en: 'The tally is halted: the ballot box does not match closing.' },
  'tally.error.electionNotReady': { es: 'La elección no tiene manifiesto, llave o ceremonia.', en: 'The election has no manifest, key or ceremony.' },
  // A trustee's check before it decrypts (src/tally/trustee-totals-check.ts): it recomputes the
  // totals from the exported ballot box and refuses anything else (issue 12 §3).
  'tally.trusteeCheck.notExported': {
    es: 'El fideicomisario no descifra: el registro no tiene la exportación de la urna (BallotBoxExported).',
    en: 'The trustee does not decrypt: the log has no ballot box export (BallotBoxExported).',
  },
  'tally.trusteeCheck.boxHash': template(
    { got: 'aa11…', expected: 'bb22…' },
    {
      es: ({ got, expected }) => `El fideicomisario no descifra: la urna exportada que leyó tiene huella ${got} y el cierre registró ${expected}.`,
      en: ({ got, expected }) => `The trustee does not decrypt: the exported ballot box it read hashes to ${got}, closing recorded ${expected}.`,
    },
  ),
  'tally.trusteeCheck.boxCount': template(
    { lines: 9, expected: 10 },
    {
      es: ({ lines, expected }) => `El fideicomisario no descifra: la urna exportada tiene ${lines} boletas y el cierre registró ${expected}.`,
      en: ({ lines, expected }) => `The trustee does not decrypt: the exported ballot box holds ${lines} ballots, closing recorded ${expected}.`,
    },
  ),
  'tally.trusteeCheck.boxNotUtf8': {
    es: 'El fideicomisario no descifra: la urna exportada no es texto UTF-8.',
    en: 'The trustee does not decrypt: the exported ballot box is not UTF-8 text.',
  },
  'tally.trusteeCheck.boxFinalNewline': template(
    { line: 3 },
    {
      es: ({ line }) => `El fideicomisario no descifra: la línea ${line} de la urna exportada no termina en salto de línea.`,
      en: ({ line }) => `The trustee does not decrypt: line ${line} of the exported ballot box does not end with a line feed.`,
    },
  ),
  'tally.trusteeCheck.boxNotJson': template(
    { line: 3 },
    {
      es: ({ line }) => `El fideicomisario no descifra: la línea ${line} de la urna exportada no es JSON.`,
      en: ({ line }) => `The trustee does not decrypt: line ${line} of the exported ballot box is not JSON.`,
    },
  ),
  'tally.trusteeCheck.boxNotCanonical': template(
    { line: 3 },
    {
      es: ({ line }) => `El fideicomisario no descifra: la línea ${line} de la urna exportada no está en JSON canónico (RFC 8785).`,
      en: ({ line }) => `The trustee does not decrypt: line ${line} of the exported ballot box is not canonical JSON (RFC 8785).`,
    },
  ),
  'tally.trusteeCheck.boxOrder': template(
    { line: 3 },
    {
      es: ({ line }) => `El fideicomisario no descifra: la línea ${line} de la urna exportada no sigue en orden estricto de código de seguimiento (fuera de orden o repetida).`,
      en: ({ line }) => `The trustee does not decrypt: line ${line} of the exported ballot box is not in strictly ascending tracking-code order (out of order or repeated).`,
    },
  ),
  'tally.trusteeCheck.ballot': template(
    { line: 3, trackingCode: 'cc33…' },
    {
      es: ({ line, trackingCode }) => `El fideicomisario no descifra: la boleta ${trackingCode} (línea ${line} de la urna exportada) no verifica`,
      en: ({ line, trackingCode }) => `The trustee does not decrypt: ballot ${trackingCode} (line ${line} of the exported ballot box) does not verify`,
    },
  ),
  'tally.trusteeCheck.contest': template(
    { contestId: 'PRES' },
    {
      es: ({ contestId }) => `El fideicomisario no descifra: la contienda ${contestId} no está en las boletas de la elección.`,
      en: ({ contestId }) => `The trustee does not decrypt: contest ${contestId} is not on the election's ballots.`,
    },
  ),
  'tally.trusteeCheck.ballots': template<{ contestId: string; requested: unknown; recomputed: number }>(
    { contestId: 'PRES', requested: 11, recomputed: 12 },
    {
      es: ({ contestId, requested, recomputed }) => `El fideicomisario no descifra: los totales de ${contestId} dicen ${String(requested)} boletas y la urna exportada tiene ${recomputed}.`,
      en: ({ contestId, requested, recomputed }) => `The trustee does not decrypt: the totals of ${contestId} say ${String(requested)} ballots, the exported ballot box holds ${recomputed}.`,
    },
  ),
  'tally.trusteeCheck.options': template(
    { contestId: 'PRES' },
    {
      es: ({ contestId }) => `El fideicomisario no descifra: los totales de ${contestId} no nombran las opciones de la boleta en su orden.`,
      en: ({ contestId }) => `The trustee does not decrypt: the totals of ${contestId} do not name the ballot's options in their order.`,
    },
  ),
  'tally.trusteeCheck.ciphertext': template(
    { contestId: 'PRES', optionId: 'PAN' },
    {
      es: ({ contestId, optionId }) => `El fideicomisario no descifra: el total cifrado de ${contestId}/${optionId} no es la suma de las boletas de la urna exportada.`,
      en: ({ contestId, optionId }) => `The trustee does not decrypt: the encrypted total of ${contestId}/${optionId} is not the sum of the exported ballot box's ballots.`,
    },
  ),
  'preservation.error.tallyNotCompleted': { es: 'El acta se emite al concluir el cómputo.', en: 'The acta is issued once the tally is complete.' },
  // The recipient key of the preservation package's confidential part (`urna
  // preservation-keygen`, the simulacro's preservation step).
  'preservation.privateKey': { es: 'llave privada', en: 'private key' },
  'preservation.publicKey': { es: 'llave pública', en: 'public key' },
  'preservation.fingerprint': { es: 'huella', en: 'fingerprint' },
  'preservation.sealedTo': { es: 'parte confidencial cifrada a', en: 'confidential part sealed to' },
  'preservation.notaryPrivateKey': { es: 'llave privada de la notaría', en: "notary's private key" },
  /** "pública / public", after the notary's private key. */
  'preservation.public': { es: 'pública', en: 'public' },

  // Tokens (src/hsm): HsmError messages.
  'hsm.error.tokenNotFound': template(
    { tokenLabel: 'pef-2024-trustee-1' },
    {
      es: ({ tokenLabel }) => `No se encontró ningún token con la etiqueta "${tokenLabel}". Verifique que la tarjeta esté insertada.`,
      en: ({ tokenLabel }) => `No token labelled "${tokenLabel}" was found. Check that the card is inserted.`,
    },
  ),
  'hsm.error.tokenLabelAmbiguous': template(
    { tokenLabel: 'pef-2024-trustee-1', serials: ['1a2b', '3c4d'] },
    {
      es: ({ tokenLabel, serials }) => `Hay ${serials.length} tokens con la etiqueta "${tokenLabel}" (series ${serials.join(', ')}); retire los que no correspondan.`,
      en: ({ tokenLabel, serials }) => `${serials.length} tokens are labelled "${tokenLabel}" (serials ${serials.join(', ')}); remove the ones that do not belong.`,
    },
  ),
  'hsm.error.tokenNotPresent': template(
    { tokenLabel: 'pef-2024-trustee-1' },
    {
      es: ({ tokenLabel }) => `El token "${tokenLabel}" fue retirado o dejó de responder. Insértelo de nuevo y repita la operación.`,
      en: ({ tokenLabel }) => `Token "${tokenLabel}" was removed or stopped responding. Insert it again and retry.`,
    },
  ),
  'hsm.error.tokenInUse': template(
    { tokenLabel: 'pef-2024-trustee-1' },
    {
      es: ({ tokenLabel }) => `El token "${tokenLabel}" ya tiene una sesión abierta en este proceso; ciérrela antes de volver a ingresar el PIN.`,
      en: ({ tokenLabel }) => `Token "${tokenLabel}" already has a logged-in session in this process; close it before entering the PIN again.`,
    },
  ),
  'hsm.error.pinIncorrect': template(
    { tokenLabel: 'pef-2024-trustee-1' },
    { es: ({ tokenLabel }) => `El PIN del token "${tokenLabel}" es incorrecto.`, en: ({ tokenLabel }) => `The PIN for token "${tokenLabel}" is incorrect.` },
  ),
  'hsm.error.pinLocked': template(
    { tokenLabel: 'pef-2024-trustee-1' },
    {
      es: ({ tokenLabel }) => `El PIN del token "${tokenLabel}" está bloqueado por demasiados intentos fallidos; el oficial de seguridad debe desbloquearlo.`,
      en: ({ tokenLabel }) => `The PIN for token "${tokenLabel}" is locked after too many failed attempts; the security officer must unlock it.`,
    },
  ),
  'hsm.error.keyNotFound': template(
    { tokenLabel: 'urna-log', keyLabel: 'log-signing' },
    { es: ({ tokenLabel, keyLabel }) => `El token "${tokenLabel}" no contiene la llave "${keyLabel}".`, en: ({ tokenLabel, keyLabel }) => `Token "${tokenLabel}" holds no key "${keyLabel}".` },
  ),
  'hsm.error.keyInvalid': template<{ tokenLabel: string; keyLabel: string; reason: Bilingual }>(
    { tokenLabel: 'urna-log', keyLabel: 'log-signing', reason: { es: 'no es una llave AES de 256 bits.', en: 'not a 256-bit AES key.' } },
    {
      es: ({ tokenLabel, keyLabel, reason }) => `La llave "${keyLabel}" del token "${tokenLabel}" no es utilizable: ${reason.es}`,
      en: ({ tokenLabel, keyLabel, reason }) => `Key "${keyLabel}" in token "${tokenLabel}" is not usable: ${reason.en}`,
    },
  ),
  'hsm.error.wrongToken': template(
    { expectedSerial: '1a2b', presentedSerial: '3c4d' },
    {
      es: ({ expectedSerial, presentedSerial }) => `Token equivocado: la parte sellada pertenece al token con número de serie ${expectedSerial}, pero se presentó el token ${presentedSerial}.`,
      en: ({ expectedSerial, presentedSerial }) => `Wrong token: the sealed share belongs to the token with serial number ${expectedSerial}, but token ${presentedSerial} was presented.`,
    },
  ),
  'hsm.error.sealedShareTampered': {
    es: 'La parte sellada no pasó la verificación de integridad (texto cifrado, vector inicial o datos asociados alterados).',
    en: 'The sealed share failed its integrity check (ciphertext, IV or associated data was altered).',
  },
  'hsm.error.sealedShareMalformed': template<{ reason: Bilingual }>(
    { reason: { es: 'no es un objeto.', en: 'not an object.' } },
    { es: ({ reason }) => `Registro de parte sellada mal formado: ${reason.es}`, en: ({ reason }) => `Malformed sealed-share record: ${reason.en}` },
  ),
  /** The bindings are written the same way in both languages ("election … / trustee …"). */
  'hsm.error.sealedShareBindingMismatch': template<{ expected: { electionId: string; trusteeId: string }; found: { electionId: string; trusteeId: string } }>(
    { expected: { electionId: 'pef-2024', trusteeId: 'trustee-1' }, found: { electionId: 'pef-2024', trusteeId: 'trustee-2' } },
    {
      es: ({ expected, found }) => `La parte sellada corresponde a election "${found.electionId}" / trustee "${found.trusteeId}", no a election "${expected.electionId}" / trustee "${expected.trusteeId}".`,
      en: ({ expected, found }) => `The sealed share belongs to election "${found.electionId}" / trustee "${found.trusteeId}", not to election "${expected.electionId}" / trustee "${expected.trusteeId}".`,
    },
  ),
  'hsm.error.moduleBusy': template<{ action: Bilingual; sessions: number }>(
    { action: { es: 'releer los tokens', en: 're-read the tokens' }, sessions: 2 },
    {
      es: ({ action, sessions }) => `No se puede ${action.es}: hay ${sessions} sesiones de token abiertas en este proceso.`,
      en: ({ action, sessions }) => `Cannot ${action.en}: ${sessions} token sessions are open in this process.`,
    },
  ),
  'hsm.action.switchModule': { es: 'cambiar de módulo PKCS#11 o de configuración de SoftHSM', en: 'switch PKCS#11 module or SoftHSM configuration' },
  'hsm.action.rereadTokens': { es: 'releer los tokens', en: 're-read the tokens' },
  'hsm.action.closeModule': { es: 'cerrar el módulo PKCS#11', en: 'close the PKCS#11 module' },
  'hsm.error.moduleLoad': template(
    { modulePath: '/usr/lib/softhsm/libsofthsm2.so', cause: 'CKR_GENERAL_ERROR' },
    {
      es: ({ modulePath, cause }) => `No se pudo cargar el módulo PKCS#11 "${modulePath}": ${cause}`,
      en: ({ modulePath, cause }) => `Could not load the PKCS#11 module "${modulePath}": ${cause}`,
    },
  ),
  'hsm.error.operation': template(
    { operation: 'C_Sign (CKM_EDDSA)', cause: 'CKR_DEVICE_ERROR' },
    { es: ({ operation, cause }) => `Falló la operación del token (${operation}): ${cause}`, en: ({ operation, cause }) => `Token operation failed (${operation}): ${cause}` },
  ),
  /** Printed English first (the cause of an HsmOperationError). */
  'hsm.signerClosed': { es: 'el firmante está cerrado; ábralo de nuevo', en: 'signer is closed; open it again' },

  // Why a token key is not usable (KeyInvalidError's reason).
  'hsm.keyInvalid.notOnePair': template(
    { privateKeys: 2, publicKeys: 1 },
    {
      es: ({ privateKeys, publicKeys }) => `se esperaba un par (1 privada, 1 pública) y hay ${privateKeys} privadas y ${publicKeys} públicas.`,
      en: ({ privateKeys, publicKeys }) => `expected one pair (1 private, 1 public), found ${privateKeys} private and ${publicKeys} public.`,
    },
  ),
  'hsm.keyInvalid.privateKeyCouldLeave': {
    es: 'la llave privada podría salir del token (no es sensible o es extraíble).',
    en: 'the private key could leave the token (not sensitive, or extractable).',
  },
  'hsm.keyInvalid.notEd25519': { es: 'no es una llave Ed25519 (CKA_EC_PARAMS distinto de 1.3.101.112).', en: 'not an Ed25519 key (CKA_EC_PARAMS is not 1.3.101.112).' },
  'hsm.keyInvalid.sameId': template(
    { count: 2 },
    { es: ({ count }) => `hay ${count} llaves con el mismo identificador.`, en: ({ count }) => `${count} keys share the same id.` },
  ),
  'hsm.keyInvalid.keyCouldLeave': {
    es: 'la llave podría salir del token (no es sensible o es extraíble).',
    en: 'the key could leave the token (not sensitive, or extractable).',
  },
  'hsm.keyInvalid.notAes256': { es: 'no es una llave AES de 256 bits.', en: 'not a 256-bit AES key.' },

  // Why a sealed-share record is malformed (SealedShareMalformedError's reason).
  'hsm.malformed.empty': template({ name: 'electionId' }, { es: ({ name }) => `${name} está vacío.`, en: ({ name }) => `${name} is empty.` }),
  'hsm.malformed.tooLong': template(
    { name: 'electionId', max: 256 },
    { es: ({ name, max }) => `${name} excede ${max} bytes.`, en: ({ name, max }) => `${name} exceeds ${max} bytes.` },
  ),
  'hsm.malformed.noDomainTag': { es: 'los datos asociados no empiezan con la etiqueta de dominio.', en: 'associated data does not start with the domain tag.' },
  'hsm.malformed.truncated': template(
    { name: 'trusteeId' },
    { es: ({ name }) => `datos asociados truncados en ${name}.`, en: ({ name }) => `associated data truncated at ${name}.` },
  ),
  'hsm.malformed.badLength': template({ name: 'trusteeId' }, { es: ({ name }) => `longitud inválida de ${name}.`, en: ({ name }) => `invalid length of ${name}.` }),
  'hsm.malformed.notUtf8': template({ name: 'trusteeId' }, { es: ({ name }) => `${name} no es UTF-8 válido.`, en: ({ name }) => `${name} is not valid UTF-8.` }),
  'hsm.malformed.trailingBytes': { es: 'bytes sobrantes en los datos asociados.', en: 'trailing bytes in associated data.' },
  'hsm.malformed.notObject': { es: 'no es un objeto.', en: 'not an object.' },
  'hsm.malformed.notHex': template({ name: 'iv' }, { es: ({ name }) => `${name} debe ser hexadecimal en minúsculas.`, en: ({ name }) => `${name} must be lowercase hex.` }),
  'hsm.malformed.version': template({ version: '2' }, { es: ({ version }) => `versión ${version} no soportada.`, en: ({ version }) => `unsupported version ${version}.` }),
  'hsm.malformed.algorithm': template(
    { algorithm: 'AES-128-CBC' },
    { es: ({ algorithm }) => `algoritmo ${algorithm} no soportado.`, en: ({ algorithm }) => `unsupported algorithm ${algorithm}.` },
  ),
  'hsm.malformed.notStrings': { es: 'tokenSerial y keyLabel deben ser texto.', en: 'tokenSerial and keyLabel must be strings.' },
  'hsm.malformed.versionOrAlgorithm': { es: 'versión o algoritmo no soportados.', en: 'unsupported version or algorithm.' },
  'hsm.malformed.ivLength': template({ bytes: 12 }, { es: ({ bytes }) => `el vector inicial debe medir ${bytes} bytes.`, en: ({ bytes }) => `the IV must be ${bytes} bytes.` }),
  'hsm.malformed.ciphertextLength': { es: 'longitud del texto cifrado fuera de rango.', en: 'ciphertext length out of range.' },
  'hsm.malformed.shareLength': template(
    { max: 4096 },
    { es: ({ max }) => `la parte debe medir entre 1 y ${max} bytes.`, en: ({ max }) => `the share must be 1 to ${max} bytes long.` },
  ),

  // The simulacro's options (src/simulacro/simulacro-options.ts).
  'simulacro.usage': { es: 'uso', en: 'usage' },
  'simulacro.option.unknown': { es: 'opción desconocida', en: 'unknown option' },
  'simulacro.option.invalidArgument': { es: 'argumento inválido', en: 'invalid argument' },
  'simulacro.option.integer': template(
    { name: 'voters', min: 1 },
    { es: ({ name, min }) => `--${name} debe ser un entero ≥ ${min}`, en: ({ min }) => `must be an integer ≥ ${min}` },
  ),
  'simulacro.option.spoil': { es: '--spoil debe estar entre 0 y 1', en: 'must be between 0 and 1' },
  'simulacro.option.threshold': { es: '--threshold no puede exceder --trustees', en: 'cannot exceed --trustees' },

  // The simulacro (src/simulacro): steps, progress and result.
  'simulacro.title': { es: 'Simulacro de Urna', en: 'Urna simulacro' },
  /** Printed in Spanish after the title. */
  'simulacro.summary': template(
    { voters: 1000, trustees: 5, threshold: 3 },
    {
      es: ({ voters, trustees, threshold }) => `${voters} votantes, ${trustees} custodios (umbral ${threshold})`,
      en: ({ voters, trustees, threshold }) => `${voters} voters, ${trustees} trustees (threshold ${threshold})`,
    },
  ),
  'simulacro.data': { es: 'datos', en: 'data' },
  'simulacro.step.database': { es: 'Base de datos', en: 'Database' },
  'simulacro.step.configuration': { es: 'Configuración y ratificaciones', en: 'Configuration and ratifications' },
  'simulacro.step.roll': { es: 'Lista nominal sintética', en: 'Synthetic roll' },
  'simulacro.rollImported': template(
    { imported: 1000, sent: 1000 },
    { es: ({ imported, sent }) => `${imported} votantes, ${sent} credenciales enviadas`, en: () => 'voters, credentials sent' },
  ),
  'simulacro.step.ceremony': template(
    { trustees: 5 },
    { es: ({ trustees }) => `Ceremonia de llaves en ${trustees} tokens SoftHSM`, en: ({ trustees }) => `Key ceremony on ${trustees} SoftHSM tokens` },
  ),
  /** A trustee's name on the ledger (Spanish). */
  'simulacro.trusteeName': template({ k: 1 }, { es: ({ k }) => `Persona custodia ${k}`, en: ({ k }) => `Trustee ${k}` }),
  /** The notary's name on the ledger and the documents (Spanish). */
  'simulacro.notaryName': { es: 'Notaría pública (simulacro)', en: 'Notary public (simulacro)' },
  'simulacro.notaryRole': { es: 'Notaría pública', en: 'Notary public' },
  'simulacro.electionKey': { es: 'llave de la elección', en: 'election key' },
  'simulacro.step.opening': { es: 'Apertura con reporte en ceros', en: 'Opening with the zero report' },
  /** The reason of the amendment that moves the voting window (on the ledger). */
  'simulacro.amendReason': { es: 'Simulacro: el periodo de votación inicia al terminar la preparación', en: 'voting starts once set-up is done' },
  'simulacro.openingReport': { es: 'reporte inicial', en: 'opening report' },
  'simulacro.step.service': { es: 'Servicio en línea', en: 'Service online' },
  'simulacro.votingStarted': { es: 'la votación inició sola a la hora configurada', en: 'voting started by itself at the configured instant' },
  'simulacro.step.voting': { es: 'Votación', en: 'Voting' },
  'simulacro.step.closing': { es: 'Cierre', en: 'Closing' },
  /** VotingClosed's early-close reason (on the ledger). */
  'simulacro.earlyCloseReason': template(
    { voters: 1000 },
    { es: ({ voters }) => `simulacro: los ${voters} votantes sintéticos votaron`, en: () => 'every synthetic voter cast' },
  ),
  'simulacro.ballotBoxExported': { es: 'urna cifrada exportada', en: 'ballot box exported' },
  'simulacro.complete': template({ seconds: '95.2' }, { es: ({ seconds }) => `Simulacro completo en ${seconds} s`, en: () => 'simulacro complete' }),
  'simulacro.differences': template({ seconds: '95.2' }, { es: ({ seconds }) => `Simulacro con diferencias en ${seconds} s`, en: () => 'simulacro found differences' }),
  'simulacro.step.tally': template(
    { atTally: 3, trustees: 5 },
    {
      es: ({ atTally, trustees }) => `Cómputo con ${atTally} de ${trustees} personas custodias`,
      en: ({ atTally, trustees }) => `Tally with ${atTally} of ${trustees} trustees`,
    },
  ),
  'simulacro.ballotsVerified': { es: 'boletas verificadas y sumadas', en: 'ballots verified and added' },
  /** Printed in Spanish before a trustee's number. */
  'simulacro.trustee': { es: 'custodio', en: 'trustee' },
  'simulacro.partialPosted': { es: 'descifrado parcial publicado con su prueba', en: 'partial decryption posted with its proof' },
  /** Printed in Spanish. */
  'simulacro.tallySummary': template(
    { ballots: 1000, ballotBoxHash: 'ab12…', trustees: '1, 2, 3' },
    {
      es: ({ ballots, ballotBoxHash, trustees }) => `${ballots} boletas; urna ${ballotBoxHash}; custodios ${trustees}`,
      en: ({ ballots, ballotBoxHash, trustees }) => `${ballots} ballots; ballot box ${ballotBoxHash}; trustees ${trustees}`,
    },
  ),
  'simulacro.step.preservation': {
    es: 'Acta de cómputo, manifiesto de preservación y registro electoral',
    en: 'Tally record, preservation manifest and election record',
  },
  /** Printed in Spanish before the acta's path. */
  'simulacro.acta': { es: 'acta', en: 'tally record' },
  'simulacro.signedManifest': { es: 'manifiesto firmado', en: 'signed manifest' },
  'simulacro.step.verification': { es: 'Verificación independiente del registro (urna verify)', en: 'Independent verification of the record' },
  'simulacro.step.results': {
    es: 'Resultados: descifrados frente a las elecciones en claro de los votantes sintéticos',
    en: "Results: decrypted vs the synthetic voters' plain choices",
  },
  /** Column headings of the results table, one line per language (aligned with the rows). */
  'simulacro.results.columns': { es: 'contienda  opción            en claro  descifrado', en: 'option             plain   decrypted' },
  /** The verifier's verdict in the JSON summary (Spanish). */
  'simulacro.verified': { es: 'VERIFICADO', en: 'VERIFIED' },
  'simulacro.notVerified': { es: 'NO VERIFICADO', en: 'NOT VERIFIED' },
  'simulacro.mismatches': template(
    { count: 2 },
    { es: ({ count }) => `${count} diferencias entre el cómputo y las elecciones en claro`, en: () => 'differences between the tally and the plain choices' },
  ),
  'simulacro.verifierRejected': { es: 'el verificador rechazó el registro', en: 'the verifier rejected the record' },
  'simulacro.logBehind': { es: 'el registro de transparencia no alcanzó al ledger', en: 'the transparency log did not catch up with the ledger' },
  'simulacro.voters': { es: 'votantes', en: 'voters' },
  'simulacro.votesCast': template(
    { cast: 1000, audited: 98 },
    { es: ({ cast, audited }) => `${cast} votos, ${audited} boletas auditadas (Benaloh)`, en: () => 'ballots cast, audited' },
  ),
  'simulacro.votersFailed': template({ count: 2 }, { es: ({ count }) => `${count} votantes fallaron`, en: () => 'voters failed' }),
  'simulacro.phaseNotReached': template(
    { phases: 'voting', phase: 'not-opened' },
    {
      es: ({ phases, phase }) => `la elección no llegó a ${phases} (está en ${phase})`,
      en: ({ phases, phase }) => `the election did not reach ${phases} (it is ${phase})`,
    },
  ),
  /** A long step's closing line (Spanish). */
  'simulacro.progressDone': template(
    { label: 'votantes / voters', total: 1000, seconds: '41.0' },
    { es: ({ label, total, seconds }) => `${label}: ${total} en ${seconds} s`, en: ({ label, total, seconds }) => `${label}: ${total} in ${seconds} s` },
  ),
  /** The comment the simulacro writes atop the moved manual: Spanish (two lines), then English. */
  'simulacro.manualComment': template(
    { ranAt: '2024-05-18T19:00:00.000Z', original: '2024-05-18T20:00:00-06:00 — 2024-06-02T18:00:00-06:00' },
    {
      es: ({ ranAt, original }) =>
        `Simulacro ejecutado el ${ranAt}: el periodo de votación (${original}) se movió para iniciar ahora;\n` +
        'la votación se cierra cuando todos los votantes sintéticos han votado (VotingClosed.earlyCloseReason).',
      en: ({ ranAt }) => `Simulacro run at ${ranAt}: the voting window was moved to start now and closes once every synthetic voter has cast.`,
    },
  ),
});
