/**
 * Catalog of the trustee station (`urna trustee …`, src/trustee-station): what a trustee reads
 * on their own machine while taking part in the key ceremony and the tally, and the station's
 * refusals. The ceremony's standing and "what to do next" come from the domain catalog
 * (ceremony.standing.*, ceremony.next.*), computed from the ceremony's state.
 */
import { defineCatalog, template } from './catalog';

export const trusteeStationMessages = defineCatalog({
  'station.description': {
    es: 'estación del fideicomisario: su token, su máquina; la ceremonia de llaves y el cómputo',
    en: "trustee station: the trustee's own token and machine; the key ceremony and the tally",
  },
  'station.error.wrongToken': template(
    { tokenLabel: 'custodio-1' },
    {
      es: ({ tokenLabel }) => `el token ${tokenLabel} no tiene la llave de firma registrada para esta estación: ¿es el token correcto?`,
      en: ({ tokenLabel }) => `token ${tokenLabel} does not hold the signing key enrolled for this station: is it the right token?`,
    },
  ),
  'station.error.folderInUse': template(
    { dir: '/home/ana/urna-custodio', electionId: 'simulacro-2024' },
    {
      es: ({ dir, electionId }) => `la carpeta ${dir} ya es la estación de otra llave o de la elección ${electionId}`,
      en: ({ dir, electionId }) => `folder ${dir} is already the station of another key or of election ${electionId}`,
    },
  ),
  'station.error.notInitialised': template(
    { dir: '/home/ana/urna-custodio' },
    {
      es: ({ dir }) => `${dir} no es una carpeta de estación: ejecute primero urna trustee init`,
      en: ({ dir }) => `${dir} is not a station folder: run urna trustee init first`,
    },
  ),
  'station.error.otherElection': template(
    { electionId: 'simulacro-2024', other: 'otra-2024' },
    {
      es: ({ electionId, other }) => `esta estación es de la elección ${electionId}, el servicio muestra ${other}`,
      en: ({ electionId, other }) => `this station is for election ${electionId}, the service shows ${other}`,
    },
  ),
  'station.error.notEnrolled': template(
    { electionId: 'simulacro-2024' },
    {
      es: ({ electionId }) => `la llave de firma de este token no está registrada en la ceremonia de ${electionId}: entregue enrolment.json a los funcionarios`,
      en: ({ electionId }) => `this token's signing key is not enrolled in the ceremony of ${electionId}: hand enrolment.json to the officials`,
    },
  ),
  'station.error.notOpened': { es: 'la ceremonia no ha sido abierta', en: 'the ceremony has not been opened' },
  'station.error.unsignedMessage': template(
    { round: 1, trustee: 3 },
    {
      es: ({ round, trustee }) => `el mensaje de ronda ${round} del fideicomisario ${trustee} no está firmado con su llave registrada: no se continúa`,
      en: ({ round, trustee }) => `trustee ${trustee}'s round-${round} message is not signed with its enrolled key: stopping`,
    },
  ),
  'station.error.noSecrets': template(
    { ceremonyId: 'simulacro-2024.dkg.1' },
    {
      es: ({ ceremonyId }) => `esta carpeta no tiene los secretos de la ronda 1 de la ceremonia ${ceremonyId}: use la carpeta con la que publicó la ronda 1`,
      en: ({ ceremonyId }) => `this folder holds no round-1 secrets of ceremony ${ceremonyId}: use the folder round 1 was published from`,
    },
  ),
  'station.error.boxNotExported': { es: 'la urna cifrada aún no se exporta: no hay nada que descifrar', en: 'the encrypted ballot box is not exported yet: there is nothing to decrypt' },
  'station.error.otherBallotBox': template(
    { expected: 'ab12…', shown: 'cd34…' },
    {
      es: ({ expected, shown }) => `el servicio muestra la urna ${shown}, pero usted indicó ${expected}: no se descifra nada`,
      en: ({ expected, shown }) => `the service shows ballot box ${shown}, but you gave ${expected}: nothing is decrypted`,
    },
  ),
  'station.error.boxCheckAltered': template(
    { file: '/home/ana/urna-custodio/box-checks/ab12….json' },
    {
      es: ({ file }) => `la comprobación guardada de la urna (${file}) fue alterada o no la selló este token: no se descifra nada; bórrela y vuelva a comprobar la urna (urna trustee check-box)`,
      en: ({ file }) => `the saved check of the ballot box (${file}) was altered or was not sealed by this token: nothing is decrypted; delete it and check the box again (urna trustee check-box)`,
    },
  ),
  'station.error.boxCheckOtherContext': template(
    { file: '/home/ana/urna-custodio/box-checks/ab12….json', checkedAt: '2024-06-02T18:05:00Z' },
    {
      es: ({ file, checkedAt }) => `el servicio muestra ahora una huella del manifiesto, una llave de la elección o unos estilos de boleta distintos de aquellos con los que se comprobó la urna el ${checkedAt} (${file}): no se descifra nada`,
      en: ({ file, checkedAt }) => `the service now shows a manifest hash, election key or ballot styles other than those the box was checked under on ${checkedAt} (${file}): nothing is decrypted`,
    },
  ),
  'station.error.noShare': template(
    { trusteeIndex: 2 },
    {
      es: ({ trusteeIndex }) => `esta estación no tiene la parte sellada del fideicomisario ${trusteeIndex} (share.json): use la carpeta de la ceremonia o indique --sealed-share`,
      en: ({ trusteeIndex }) => `this station holds no sealed share of trustee ${trusteeIndex} (share.json): use the ceremony's folder or give --sealed-share`,
    },
  ),
  'station.error.shareMismatch': template(
    { trusteeIndex: 2 },
    {
      es: ({ trusteeIndex }) => `la parte abierta del token no corresponde a la llave de verificación publicada del fideicomisario ${trusteeIndex}: no se descifra nada`,
      en: ({ trusteeIndex }) => `the share opened from the token does not match trustee ${trusteeIndex}'s published verification key: nothing is decrypted`,
    },
  ),

  // The service's trustee API (src/ceremony/trustee-ceremony.controller.ts, src/tally/trustee-tally.controller.ts):
  // its OpenAPI summaries and the refusals a station prints.
  'trusteeApi.doc.ceremonyView': { es: 'La ceremonia de llaves como la ve una estación de fideicomisario', en: 'The key ceremony as a trustee station sees it' },
  'trusteeApi.doc.ceremonySubmit': { es: 'Un mensaje firmado de un fideicomisario para la ceremonia', en: "A trustee's signed message for the ceremony" },
  'trusteeApi.doc.tallyView': { es: 'El cómputo como lo ve una estación de fideicomisario', en: 'The tally as a trustee station sees it' },
  'trusteeApi.doc.tallySubmit': { es: 'Los descifrados parciales firmados de un fideicomisario para una elección', en: "A trustee's signed partial decryptions of one contest" },
  'trusteeApi.noElection': { es: 'falta la elección (?election=)', en: 'the election is missing (?election=)' },
  'trusteeApi.wrongEndpoint': { es: 'este tipo de mensaje va a la otra dirección (ceremonia o cómputo)', en: 'this kind of message goes to the other endpoint (ceremony or tally)' },
  'trusteeApi.malformed': template(
    { reason: 'signature is missing' },
    { es: ({ reason }) => `no es un envío de fideicomisario: ${reason}`, en: ({ reason }) => `not a trustee submission: ${reason}` },
  ),
  'trusteeApi.concurrent': { es: 'otro mensaje se registró al mismo tiempo: vuelva a intentar', en: 'another message was recorded at the same time: try again' },
  'trusteeApi.internalError': { es: 'error interno del servicio', en: 'internal service error' },
  'station.error.unreachable': template(
    { url: 'https://voto.example/api/trustee/ceremony', reason: 'ECONNREFUSED' },
    { es: ({ url, reason }) => `no se pudo llegar al servicio (${url}): ${reason}`, en: ({ url, reason }) => `could not reach the service (${url}): ${reason}` },
  ),

  // `urna trustee …` (src/trustee-station/station-cli.ts): what the trustee reads at the station.
  'cli.init.description': { es: 'genera en el token la llave de firma de la elección y escribe enrolment.json', en: "generates the election's signing key in the token and writes enrolment.json" },
  'cli.status.description': { es: 'dónde está la ceremonia, qué sigue y la huella de la llave de cada fideicomisario', en: "where the ceremony stands, what comes next and every trustee's key fingerprint" },
  'cli.next.description': { es: 'hace el siguiente paso de este fideicomisario, si le toca', en: "does this trustee's next step, if it is its turn" },
  'cli.ceremony.description': { es: 'hace cada paso cuando le toca, hasta sellar la parte de este fideicomisario', en: "does every step as its turn comes, until this trustee's share is sealed" },
  'cli.tally.description': { es: 'comprueba los totales contra la urna exportada (o contra la comprobación guardada con check-box); después descifra y envía', en: 'checks the totals against the exported ballot box (or against the check kept by check-box), then decrypts and sends' },
  'cli.checkBox.description': { es: 'comprueba la urna exportada (cada boleta) en cuanto se publica y guarda en esta carpeta, sellado por su token, lo que recalculó: el cómputo ya no la vuelve a verificar', en: 'checks the exported ballot box (every ballot) as soon as it is published and keeps what it recomputed in this folder, sealed by your token: the tally need not verify it again' },
  'cli.view.description': { es: 'guarda lo que muestra el servicio, para una estación sin red', en: 'saves what the service shows, for an air-gapped station' },
  'cli.submit.description': { es: 'entrega al servicio un archivo de mensajes firmados de una estación sin red', en: 'hands the service a file of signed messages from an air-gapped station' },
  'cli.option.data': { es: 'carpeta de la estación', en: 'station folder' },
  'cli.option.pinFile': { es: 'archivo con el PIN (si no, URNA_TRUSTEE_PIN o se pregunta)', en: 'file holding the PIN (else URNA_TRUSTEE_PIN, or asked)' },
  'cli.option.service': { es: 'dirección del servicio', en: "the service's address" },
  'cli.option.view': { es: 'lo que muestra el servicio, guardado con "urna trustee view" (sin red)', en: 'what the service shows, saved with "urna trustee view" (air-gapped)' },
  'cli.option.out': { es: 'archivo donde se escriben los mensajes firmados (sin red)', en: 'file the signed messages are written to (air-gapped)' },
  'cli.option.election': { es: 'identificador de la elección', en: 'election id' },
  'cli.option.token': { es: 'etiqueta del token del fideicomisario', en: "label of the trustee's token" },
  'cli.option.pollMs': { es: 'cada cuántos milisegundos consultar al servicio', en: 'how often to ask the service, in milliseconds' },
  'cli.option.timeout': { es: 'segundos que se espera a los demás antes de rendirse', en: 'seconds to wait for the others before giving up' },
  'cli.option.ballotBox': { es: 'el archivo de la urna cifrada que escribió el cierre (si no, la descarga del tablero)', en: "the encrypted ballot box file the closing wrote (else the board's download)" },
  'cli.option.expectBoxHash': { es: 'SHA-256 de la urna según el acta de cierre: el servicio debe mostrar la misma', en: 'SHA-256 of the ballot box as the closing act prints it: the service must show the same' },
  'cli.option.sealedShare': { es: 'la parte sellada, si no está en la carpeta (share.json)', en: 'the sealed share, when it is not in the folder (share.json)' },
  'cli.option.workers': { es: 'hilos para verificar las boletas', en: 'threads to verify the ballots' },
  'cli.noPin': { es: 'falta el PIN: URNA_TRUSTEE_PIN, --pin-file o una terminal donde escribirlo', en: 'the PIN is missing: URNA_TRUSTEE_PIN, --pin-file or a terminal to type it' },
  'cli.pinPrompt': { es: 'PIN del token', en: 'token PIN' },
  'cli.viewNeedsOut': { es: 'con --view va --out: el archivo donde se escriben los mensajes firmados', en: '--view needs --out: the file the signed messages are written to' },
  'cli.viewNeedsOutAndBox': { es: 'con --view van --out y --ballot-box', en: '--view needs --out and --ballot-box' },
  'cli.noService': { es: 'falta --service (o --view y --out, sin red)', en: '--service is missing (or --view and --out, air-gapped)' },
  'cli.wholeNumber': { es: 'debe ser un entero no negativo', en: 'must be a non-negative whole number' },
  'cli.timeout': template(
    { seconds: 3600 },
    { es: ({ seconds }) => `la ceremonia no avanzó en ${seconds} s: se deja de esperar (vuelva a ejecutar para continuar)`, en: ({ seconds }) => `the ceremony did not move on in ${seconds} s: stopped waiting (run again to continue)` },
  ),
  'cli.trustee': template(
    { trusteeIndex: 2, name: 'Ana López' },
    { es: ({ trusteeIndex, name }) => `Fideicomisario ${trusteeIndex} (${name})`, en: ({ trusteeIndex, name }) => `Trustee ${trusteeIndex} (${name})` },
  ),
  'cli.keyGenerated': template(
    { tokenLabel: 'custodio-1', tokenSerial: '3a1f…' },
    { es: ({ tokenLabel, tokenSerial }) => `llave de firma generada dentro del token ${tokenLabel} (serie ${tokenSerial})`, en: ({ tokenLabel, tokenSerial }) => `signing key generated inside token ${tokenLabel} (serial ${tokenSerial})` },
  ),
  'cli.keyFound': template(
    { tokenLabel: 'custodio-1', tokenSerial: '3a1f…' },
    { es: ({ tokenLabel, tokenSerial }) => `el token ${tokenLabel} (serie ${tokenSerial}) ya tiene la llave de firma de esta elección`, en: ({ tokenLabel, tokenSerial }) => `token ${tokenLabel} (serial ${tokenSerial}) already holds this election's signing key` },
  ),
  'cli.fingerprint': {
    es: 'Huella de su llave (compárela con la del reporte inicial, junto a su nombre)',
    en: 'Your key fingerprint (compare it with the opening report, beside your name)',
  },
  'cli.enrolmentWritten': { es: 'Entregue a los funcionarios, para su registro', en: 'Hand to the officials, to be enrolled' },
  'cli.roster': { es: 'Fideicomisarios y huellas de sus llaves registradas:', en: 'Trustees and the fingerprints of their enrolled keys:' },
  'cli.you': { es: 'usted', en: 'you' },
  'cli.sent.round1': { es: 'Enviada su ronda 1, firmada (sus secretos quedan sellados por su token en esta carpeta).', en: 'Your round 1 was sent, signed (your secrets stay in this folder, sealed by your token).' },
  'cli.sent.deal': { es: 'Enviado su reparto de partes cifradas, firmado.', en: 'Your encrypted shares were sent, signed.' },
  'cli.sent.check': { es: 'Enviado su informe de revisión de partes, firmado.', en: 'Your share-check report was sent, signed.' },
  'cli.sent.seal': { es: 'Su parte final quedó sellada por su token (share.json en esta carpeta); enviado el aviso, firmado.', en: 'Your final share is sealed by your token (share.json in this folder); the notice was sent, signed.' },
  'cli.carryOut': { es: 'Lleve este archivo al servicio (urna trustee submit)', en: 'Carry this file to the service (urna trustee submit)' },
  'cli.checkingTotals': { es: 'Comprobando los totales contra la urna exportada (cada boleta)…', en: 'Checking the totals against the exported ballot box (every ballot)…' },
  'cli.checkingBox': { es: 'Comprobando la urna exportada (cada boleta)…', en: 'Checking the exported ballot box (every ballot)…' },
  'cli.boxChecked': template(
    { ballots: 1000, sha256: 'ab12…', file: '/home/ana/urna-custodio/box-checks/ab12….json' },
    {
      es: ({ ballots, sha256, file }) => `Urna comprobada: ${ballots} boletas, SHA-256 ${sha256}. Guardado, sellado por su token: ${file}`,
      en: ({ ballots, sha256, file }) => `Ballot box checked: ${ballots} ballots, SHA-256 ${sha256}. Kept, sealed by your token: ${file}`,
    },
  ),
  'cli.usingSavedCheck': template(
    { checkedAt: '2024-06-02T18:05:00Z', file: '/home/ana/urna-custodio/box-checks/ab12….json' },
    {
      es: ({ checkedAt, file }) => `Se usa la comprobación de la urna que esta estación hizo el ${checkedAt} (${file}, sellada por su token); se comparan los totales con ella`,
      en: ({ checkedAt, file }) => `Using the check of the ballot box this station made on ${checkedAt} (${file}, sealed by your token); the totals are compared with it`,
    },
  ),
  'cli.tallyPosted': template(
    { trusteeIndex: 2, contests: 6 },
    { es: ({ trusteeIndex, contests }) => `Fideicomisario ${trusteeIndex}: descifrados parciales de ${contests} elecciones enviados, firmados`, en: ({ trusteeIndex, contests }) => `Trustee ${trusteeIndex}: partial decryptions of ${contests} contests sent, signed` },
  ),
  'cli.viewWritten': { es: 'Guardado', en: 'Saved' },
  'cli.submitted': template(
    { count: 1 },
    { es: ({ count }) => `${count} mensajes firmados entregados al servicio`, en: ({ count }) => `${count} signed messages handed to the service` },
  ),
  'station.error.download': template(
    { url: 'https://voto.example/api/board/ballot-box.jsonl', status: 404 },
    { es: ({ url, status }) => `no se pudo descargar ${url} (HTTP ${status})`, en: ({ url, status }) => `could not download ${url} (HTTP ${status})` },
  ),
  'cli.retrying': template(
    { reason: 'fetch failed' },
    { es: ({ reason }) => `No se confirmó el envío (${reason}): se vuelve a leer la ceremonia.`, en: ({ reason }) => `The message was not confirmed (${reason}): reading the ceremony again.` },
  ),
});
