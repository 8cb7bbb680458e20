/**
 * Catalog of `urna monitor` (src/monitor): what an observer, party representative or auditor
 * reads while following the log. Anomalies name the leaf (log position) or checkpoint size so
 * that a person can fetch the same bytes and see for themselves; `detail` is the English text
 * of the shared verifier check that failed, kept as evidence.
 */
import { defineCatalog, template } from './catalog';

export const monitorMessages = defineCatalog({
  'monitor.description': {
    es: 'sigue el registro de transparencia por sus teselas, recalcula cada raíz, revisa cada evento público nuevo y avisa de anomalías',
    en: 'follows the transparency log through its tiles, recomputes every root, checks each new public event and reports anomalies',
  },
  'option.url': { es: 'dirección base del servicio (p. ej. https://voto.example.mx)', en: "the service's base URL (e.g. https://voto.example.mx)" },
  'option.vkey': { es: 'clave verificadora del registro, copiada del acta de apertura', en: "the log's verifier key, copied from the opening report" },
  'option.state': { es: 'carpeta donde el monitor guarda lo que ya verificó', en: 'folder where the monitor keeps what it has verified' },
  'option.staleAfter': { es: 'segundos sin punto de control nuevo, con la votación abierta, antes de avisar', en: 'seconds without a new checkpoint, while voting is open, before reporting' },
  'option.once': { es: 'una sola ronda; código de salida 1 si hubo una anomalía', en: 'one round only; exit code 1 on an anomaly' },
  'option.json': { es: 'una línea JSON por aviso', en: 'one JSON line per report' },
  'option.witness': { es: 'clave de un testigo (cosignature/v1), repetible: se informa quién cofirmó', en: "a witness's key (cosignature/v1), repeatable: who cosigned is reported" },
  'option.quorum': { es: 'cofirmas esperadas de los testigos dados (por omisión, todos)', en: 'cosignatures expected from the given witnesses (default: all of them)' },
  'usage.witnessInvalid': template(
    { reason: 'not an Ed25519 cosignature/v1 key' },
    { es: ({ reason }) => `--witness no es una clave de testigo válida: ${reason}`, en: ({ reason }) => `--witness is not a valid witness key: ${reason}` },
  ),
  'option.interval': { es: 'segundos entre rondas', en: 'seconds between rounds' },

  'usage.vkeyMissing': {
    es: 'falta --vkey: el monitor no usa la clave que sirve el propio servidor. Cópiela del acta de apertura (campo log.verifierKey, con su huella) o de la configuración publicada de la elección',
    en: "--vkey is required: the monitor never uses the key the server itself serves. Copy it from the opening report (field log.verifierKey, with its fingerprint) or the election's published configuration",
  },
  'usage.vkeyInvalid': template(
    { reason: 'verifier key ID must be 8 lowercase hex digits' },
    { es: ({ reason }) => `--vkey no es una clave verificadora válida: ${reason}`, en: ({ reason }) => `--vkey is not a valid verifier key: ${reason}` },
  ),
  'usage.stateOtherKey': template(
    { dir: 'monitor-estado' },
    {
      es: ({ dir }) => `el estado en ${dir} se construyó con otra clave del registro; use otra carpeta --state`,
      en: ({ dir }) => `the state in ${dir} was built with another log key; use another --state folder`,
    },
  ),
  'usage.stateUnreadable': template(
    { dir: 'monitor-estado', reason: 'Unexpected token' },
    { es: ({ dir, reason }) => `no se puede leer el estado en ${dir}: ${reason}`, en: ({ dir, reason }) => `cannot read the state in ${dir}: ${reason}` },
  ),

  'label.anomaly': { es: 'ANOMALÍA', en: 'ANOMALY' },

  // The log cannot be read.
  'anomaly.unreachable': template(
    { what: 'checkpoint', reason: 'HTTP 503' },
    { es: ({ what, reason }) => `no se pudo leer ${what} del registro: ${reason}`, en: ({ what, reason }) => `could not read the log's ${what}: ${reason}` },
  ),
  // Checkpoints.
  'anomaly.checkpointSignature': template(
    { reason: 'no signature by the given key' },
    {
      es: ({ reason }) => `el punto de control no está firmado por la clave fijada del registro: ${reason}`,
      en: ({ reason }) => `the checkpoint is not signed by the pinned log key: ${reason}`,
    },
  ),
  'anomaly.cosignature': template(
    { reason: 'cosignature by testigo-a does not verify' },
    {
      es: ({ reason }) => `el punto de control lleva una cofirma de testigo que no es válida: ${reason}`,
      en: ({ reason }) => `the checkpoint carries a witness cosignature that is not valid: ${reason}`,
    },
  ),
  'anomaly.rollback': template(
    { size: 10, seen: 12 },
    {
      es: ({ size, seen }) => `el registro muestra un árbol de ${size} hojas después de haber mostrado uno de ${seen}: un registro no se encoge (bifurcación)`,
      en: ({ size, seen }) => `the log shows a tree of ${size} leaves after it showed one of ${seen}: a log never shrinks (fork)`,
    },
  ),
  'anomaly.fork': template(
    { size: 12, seen: 10 },
    {
      es: ({ size, seen }) => `el punto de control de ${size} hojas no es consistente con el de ${seen} hojas que el monitor ya verificó: el registro muestra otra historia (bifurcación)`,
      en: ({ size, seen }) => `the checkpoint of ${size} leaves is not consistent with the one of ${seen} leaves the monitor verified before: the log shows another history (fork)`,
    },
  ),
  'anomaly.sequence': template(
    { sequence: 3, seen: 5 },
    {
      es: ({ sequence, seen }) => `el punto de control lleva el número ${sequence}, pero ya se vio el número ${seen}`,
      en: ({ sequence, seen }) => `the checkpoint is number ${sequence}, but number ${seen} was already seen`,
    },
  ),
  'anomaly.stale': template(
    { size: 12, seconds: 300, after: 120 },
    {
      es: ({ size, seconds, after }) => `con la votación abierta, el punto de control más nuevo (${size} hojas) tiene ${seconds} s (límite ${after} s) y el registro ya tiene hojas que no cubre`,
      en: ({ size, seconds, after }) => `while voting is open, the newest checkpoint (${size} leaves) is ${seconds} s old (limit ${after} s) and the log already holds leaves it does not cover`,
    },
  ),
  // Tiles and leaves.
  'anomaly.tileMissing': template(
    { path: 'tile/entries/000.p/5', reason: 'HTTP 404' },
    {
      es: ({ path, reason }) => `falta ${path}, que el punto de control cubre: ${reason}`,
      en: ({ path, reason }) => `${path}, which the checkpoint covers, is missing: ${reason}`,
    },
  ),
  'anomaly.entryBytes': template(
    { index: 7 },
    {
      es: ({ index }) => `los bytes de la hoja ${index} no son los del árbol: su hash no es el de la tesela de hashes y la raíz recalculada no es la firmada`,
      en: ({ index }) => `the bytes of leaf ${index} are not the tree's: their hash is not the hash tile's and the recomputed root is not the signed one`,
    },
  ),
  'anomaly.tileHash': template(
    { index: 7 },
    {
      es: ({ index }) => `la tesela de hashes da otro hash para la hoja ${index} que sus bytes, aunque los bytes llevan a la raíz firmada`,
      en: ({ index }) => `the hash tile gives leaf ${index} another hash than its bytes, though the bytes lead to the signed root`,
    },
  ),
  // Public events.
  'anomaly.entryMalformed': template(
    { index: 7, detail: 'entry 7: not canonical (RFC 8785)' },
    { es: ({ index, detail }) => `la hoja ${index} está mal formada: ${detail}`, en: ({ index, detail }) => `leaf ${index} is malformed: ${detail}` },
  ),
  'anomaly.eventUnknown': template(
    { index: 7, type: 'BallotCast', version: 9 },
    {
      es: ({ index, type, version }) => `la hoja ${index} es un evento ${type} v${version}, que el catálogo de eventos no define`,
      en: ({ index, type, version }) => `leaf ${index} is a ${type} v${version} event, which the event catalog does not define`,
    },
  ),
  'anomaly.outOfPhase': template(
    { index: 7, type: 'BallotCast', phase: 'exported' },
    {
      es: ({ index, type, phase }) => `la hoja ${index} es un ${type} en la fase «${phase}» de su elección, que no lo admite`,
      en: ({ index, type, phase }) => `leaf ${index} is a ${type} in its election's "${phase}" phase, which does not allow it`,
    },
  ),
  'anomaly.electionSetup': template(
    { index: 7, detail: 'the manifest does not hash to the recorded hash' },
    {
      es: ({ index, detail }) => `la apertura en la hoja ${index} no corresponde a la configuración registrada: ${detail}`,
      en: ({ index, detail }) => `the opening at leaf ${index} does not match the recorded configuration: ${detail}`,
    },
  ),
  'anomaly.ballotWithoutElection': template(
    { index: 7 },
    {
      es: ({ index }) => `la hoja ${index} es una boleta de una elección que el registro no abrió`,
      en: ({ index }) => `leaf ${index} is a ballot of an election the log never opened`,
    },
  ),
  'anomaly.ballotInvalid': template(
    { index: 7, code: 'a1b2', detail: 'proof (c1): the disjunctive proof does not verify' },
    {
      es: ({ index, code, detail }) => `la boleta ${code} (hoja ${index}) no pasa las verificaciones de urna verify: ${detail}`,
      en: ({ index, code, detail }) => `ballot ${code} (leaf ${index}) fails the checks of urna verify: ${detail}`,
    },
  ),
  'anomaly.secondBallot': template(
    { index: 7, pseudonym: 'p-123' },
    {
      es: ({ index, pseudonym }) => `la hoja ${index} es una segunda boleta del seudónimo ${pseudonym}: cada votante emite una sola`,
      en: ({ index, pseudonym }) => `leaf ${index} is a second ballot of pseudonym ${pseudonym}: each voter casts one`,
    },
  ),
  'anomaly.trackingCodeRepeated': template(
    { index: 7, code: 'a1b2' },
    {
      es: ({ index, code }) => `la hoja ${index} repite el código de seguimiento ${code} de otra boleta`,
      en: ({ index, code }) => `leaf ${index} repeats the tracking code ${code} of another ballot`,
    },
  ),
  'anomaly.notOnRoll': template(
    { index: 7, pseudonym: 'p-123' },
    {
      es: ({ index, pseudonym }) => `la hoja ${index} es una boleta del seudónimo ${pseudonym}, que no está en la lista nominal publicada`,
      en: ({ index, pseudonym }) => `leaf ${index} is a ballot of pseudonym ${pseudonym}, which is not on the published roll`,
    },
  ),
  'anomaly.wrongStyle': template(
    { index: 7, pseudonym: 'p-123', style: '09', entitled: '15' },
    {
      es: ({ index, pseudonym, style, entitled }) => `la boleta de la hoja ${index} es del estilo ${style}, pero al seudónimo ${pseudonym} le corresponde el estilo ${entitled}`,
      en: ({ index, pseudonym, style, entitled }) => `the ballot at leaf ${index} is of style ${style}, but pseudonym ${pseudonym} is entitled to style ${entitled}`,
    },
  ),
  'anomaly.credentialNotListed': template(
    { index: 7, credential: '5a9c' },
    {
      es: ({ index, credential }) => `la boleta de la hoja ${index} está firmada con la credencial ${credential}, que no está en la lista de la autoridad de credenciales`,
      en: ({ index, credential }) => `the ballot at leaf ${index} is signed with credential ${credential}, which is not on the credential authority's list`,
    },
  ),
  'anomaly.credentialRevoked': template(
    { index: 7, credential: '5a9c' },
    {
      es: ({ index, credential }) => `la boleta de la hoja ${index} está firmada con la credencial revocada ${credential}`,
      en: ({ index, credential }) => `the ballot at leaf ${index} is signed with the revoked credential ${credential}`,
    },
  ),
  'anomaly.credentialSecondBallot': template(
    { index: 7, credential: '5a9c' },
    {
      es: ({ index, credential }) => `la hoja ${index} es una segunda boleta de la credencial ${credential}`,
      en: ({ index, credential }) => `leaf ${index} is a second ballot of credential ${credential}`,
    },
  ),
  'anomaly.credentialReplacement': template(
    { index: 7, credential: '5a9c' },
    {
      es: ({ index, credential }) => `el reemplazo de la hoja ${index} revoca ${credential}, que no es una credencial activa de la lista`,
      en: ({ index, credential }) => `the replacement at leaf ${index} revokes ${credential}, which is not an active listed credential`,
    },
  ),
  'anomaly.credentialRelisted': template(
    { index: 7, credential: '5a9c' },
    {
      es: ({ index, credential }) => `el reemplazo de la hoja ${index} lista ${credential}, que ya estaba en la lista`,
      en: ({ index, credential }) => `the replacement at leaf ${index} lists ${credential}, which was already listed`,
    },
  ),
  'anomaly.spoiledInvalid': template(
    { index: 7, code: 'a1b2', detail: 'the disclosure does not open the ballot' },
    {
      es: ({ index, code, detail }) => `la boleta auditada ${code} (hoja ${index}) no se abre con lo que publica: ${detail}`,
      en: ({ index, code, detail }) => `the spoiled ballot ${code} (leaf ${index}) does not open from what it publishes: ${detail}`,
    },
  ),

  // Progress.
  'status.followed': template(
    { from: 10, size: 12, ballots: 1 },
    {
      es: ({ from, size, ballots }) => `árbol de ${from} a ${size} hojas verificado (raíz recalculada de los bytes), ${ballots} boletas nuevas revisadas`,
      en: ({ from, size, ballots }) => `tree verified from ${from} to ${size} leaves (root recomputed from the bytes), ${ballots} new ballots checked`,
    },
  ),
  'status.unchanged': template(
    { size: 12 },
    { es: ({ size }) => `sin cambios: ${size} hojas`, en: ({ size }) => `no change: ${size} leaves` },
  ),
  'status.cosigned': template(
    { witnesses: 'testigo-a, testigo-b', count: 2, quorum: 2 },
    {
      es: ({ witnesses, count, quorum }) => `cofirmado por ${count} testigos (quórum ${quorum}): ${witnesses}`,
      en: ({ witnesses, count, quorum }) => `cosigned by ${count} witnesses (quorum ${quorum}): ${witnesses}`,
    },
  ),
  'status.notCosigned': template(
    { quorum: 2 },
    {
      es: ({ quorum }) => `ningún testigo dado cofirmó aún el punto de control más nuevo (quórum ${quorum})`,
      en: ({ quorum }) => `no given witness has cosigned the newest checkpoint yet (quorum ${quorum})`,
    },
  ),
  'status.summary': template(
    { size: 12, ballots: 3, anomalies: 0 },
    {
      es: ({ size, ballots, anomalies }) => `${size} hojas verificadas, ${ballots} boletas revisadas, ${anomalies} anomalías en total`,
      en: ({ size, ballots, anomalies }) => `${size} leaves verified, ${ballots} ballots checked, ${anomalies} anomalies in all`,
    },
  ),
});
