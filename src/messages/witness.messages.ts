/**
 * Catalog of the transparency log's witness (`urna witness …`, src/witness): what the party
 * representative, observer or auditor running it reads on their console, and the text of every
 * refusal its add-checkpoint endpoint sends back to the log (C2SP tlog-witness status codes).
 */
import { defineCatalog, template } from './catalog';

export const witnessMessages = defineCatalog({
  'cli.description': {
    es: 'testigo de la bitácora de transparencia: cofirma puntos de control consistentes con lo que ya vio',
    en: 'transparency log witness: cosigns checkpoints consistent with what it saw before',
  },
  'cli.init.description': { es: 'crea la llave del testigo (privada 0600) e imprime su llave pública', en: "creates the witness's key (private 0600) and prints its public key" },
  'cli.serve.description': { es: 'atiende add-checkpoint (C2SP tlog-witness) para las bitácoras dadas', en: 'serves add-checkpoint (C2SP tlog-witness) for the logs given' },
  'cli.option.name': { es: 'nombre del testigo (sin espacios), p. ej. testigo.partido-a.mx', en: "the witness's name (no spaces), e.g. witness.party-a.mx" },
  'cli.option.out': { es: 'carpeta del testigo (llave y estado)', en: "the witness's folder (key and state)" },
  'cli.option.dir': { es: 'carpeta creada con init', en: 'folder made by init' },
  'cli.option.port': { es: 'puerto TCP (0: uno libre)', en: 'TCP port (0: any free one)' },
  'cli.option.host': { es: 'dirección donde escuchar', en: 'address to listen on' },
  'cli.option.log': { es: 'bitácora a testificar: <origen>=<llave verificadora>; repetible', en: 'a log to witness: <origin>=<verifier key>; repeatable' },
  'cli.vkey': { es: 'Llave pública del testigo (entréguela a la autoridad electoral)', en: "Witness public key (give it to the electoral authority)" },
  'cli.fingerprint': { es: 'Huella (compárela en voz alta o en papel)', en: 'Fingerprint (compare it aloud or on paper)' },
  'cli.keyFile': { es: 'Llave privada', en: 'Private key' },
  'cli.listening': template(
    { url: 'http://127.0.0.1:7380', name: 'witness.example', logs: 1 },
    {
      es: ({ url, name, logs }) => `testigo ${name} escuchando en ${url}, ${logs} bitácora(s)`,
      en: ({ url, name, logs }) => `witness ${name} listening on ${url}, ${logs} log(s)`,
    },
  ),
  'cli.forkDetected': template(
    { origin: 'voto.example.mx/log/e1', file: 'evidence/…json' },
    {
      es: ({ origin, file }) => `¡ALERTA! la bitácora ${origin} mostró una historia inconsistente; evidencia guardada en ${file}`,
      en: ({ origin, file }) => `ALERT! log ${origin} showed an inconsistent history; evidence saved in ${file}`,
    },
  ),
  'error.keyExists': template(
    { path: '/home/ana/testigo/witness.key' },
    { es: ({ path }) => `ya existe una llave en ${path}; no se sobrescribe`, en: ({ path }) => `a key already exists at ${path}; it is not overwritten` },
  ),
  'error.noKey': template(
    { dir: '/home/ana/testigo' },
    { es: ({ dir }) => `${dir} no tiene llave de testigo: ejecute "urna witness init" primero`, en: ({ dir }) => `${dir} has no witness key: run "urna witness init" first` },
  ),
  'error.keyReadable': template(
    { path: '/home/ana/testigo/witness.key' },
    { es: ({ path }) => `la llave ${path} es legible por otros: chmod 600`, en: ({ path }) => `key ${path} is readable by others: chmod 600 it` },
  ),
  'error.badKeyFile': template(
    { path: '/home/ana/testigo/witness.key' },
    { es: ({ path }) => `${path} no es una llave de testigo (cosignature/v1)`, en: ({ path }) => `${path} is not a witness key (cosignature/v1)` },
  ),
  'error.badLogOption': template(
    { value: 'voto.example.mx/log' },
    {
      es: ({ value }) => `--log "${value}": se espera <origen>=<llave verificadora Ed25519 de la bitácora>`,
      en: ({ value }) => `--log "${value}": expected <origin>=<the log's Ed25519 verifier key>`,
    },
  ),
  // add-checkpoint refusals (C2SP tlog-witness), sent to the log as the response body.
  'add.malformed': template(
    { detail: 'missing "old" line' },
    { es: ({ detail }) => `solicitud mal formada: ${detail}`, en: ({ detail }) => `malformed request: ${detail}` },
  ),
  'add.unknownOrigin': template(
    { origin: 'otra.example/log' },
    { es: ({ origin }) => `este testigo no sigue la bitácora "${origin}"`, en: ({ origin }) => `this witness does not follow log "${origin}"` },
  ),
  'add.badSignature': template(
    { origin: 'voto.example.mx/log/e1' },
    {
      es: ({ origin }) => `el punto de control no trae una firma válida de la llave de ${origin}`,
      en: ({ origin }) => `the checkpoint carries no valid signature by the key of ${origin}`,
    },
  ),
  'add.oldSizeTooLarge': template(
    { old: 10, size: 7 },
    { es: ({ old, size }) => `el tamaño anterior ${old} excede el del punto de control, ${size}`, en: ({ old, size }) => `old size ${old} exceeds the checkpoint's size ${size}` },
  ),
  'add.emptyRoot': { es: 'un árbol de tamaño 0 debe tener la raíz SHA-256("")', en: 'a tree of size 0 must have the root SHA-256("")' },
  'add.proofSameSize': { es: 'entre tamaños iguales la prueba de consistencia debe ir vacía', en: 'between equal sizes the consistency proof must be empty' },
  'add.proofFromZero': { es: 'desde el tamaño 0 la prueba de consistencia debe ir vacía', en: 'from size 0 the consistency proof must be empty' },
  'add.sameSizeOtherRoot': template(
    { size: 7 },
    {
      es: ({ size }) => `ya cofirmé otra raíz para el tamaño ${size}: la bitácora muestra dos historias (evidencia guardada)`,
      en: ({ size }) => `I already cosigned another root for size ${size}: the log shows two histories (evidence saved)`,
    },
  ),
  'add.inconsistent': template(
    { old: 5, size: 7 },
    {
      es: ({ old, size }) => `la prueba de consistencia de ${old} a ${size} no verifica contra lo que cofirmé (evidencia guardada)`,
      en: ({ old, size }) => `the consistency proof from ${old} to ${size} does not verify against what I cosigned (evidence saved)`,
    },
  ),
  'add.conflict': template(
    { size: 5 },
    { es: ({ size }) => `mi último tamaño cofirmado es ${size}`, en: ({ size }) => `my latest cosigned size is ${size}` },
  ),
  'simulacro.witnesses': template(
    { count: 3, quorum: 2 },
    {
      es: ({ count, quorum }) => `${count} testigos en procesos propios; quórum ${quorum}`,
      en: ({ count, quorum }) => `${count} witnesses in processes of their own; quorum ${quorum}`,
    },
  ),
  'simulacro.receiptsCosigned': template(
    { cosigned: 40, receipts: 40, quorum: 2 },
    {
      es: ({ cosigned, receipts, quorum }) => `${cosigned} de ${receipts} comprobantes con punto de control cofirmado por al menos ${quorum} testigos`,
      en: ({ cosigned, receipts, quorum }) => `${cosigned} of ${receipts} receipts with a checkpoint cosigned by at least ${quorum} witnesses`,
    },
  ),
  'add.notFound': { es: 'solo existe POST /add-checkpoint', en: 'only POST /add-checkpoint exists' },
});
