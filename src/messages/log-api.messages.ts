/**
 * Catalog of the transparency log's read API (src/bulletin-board): the `mensaje` and `message`
 * of every {error, message, mensaje} refusal of /log/*, and the OpenAPI summaries. Auditors,
 * monitors and mirrors read these; the `error` codes next to them are what programs match.
 */
import { defineCatalog, template } from './catalog';

export const logApiMessages = defineCatalog({
  // Query parameters (log-query.ts).
  'param.required': template(
    { name: 'size' },
    { es: ({ name }) => `falta el parámetro "${name}"`, en: ({ name }) => `query parameter "${name}" is required` },
  ),
  'param.integer': template(
    { name: 'size', raw: '"-3"' },
    {
      es: ({ name, raw }) => `"${name}" debe ser un entero no negativo (decimal, sin ceros a la izquierda), se recibió ${raw}`,
      en: ({ name, raw }) => `"${name}" must be a non-negative integer (decimal, no leading zeros), got ${raw}`,
    },
  ),
  'param.hash': template(
    { name: 'leafHash' },
    {
      es: ({ name }) => `"${name}" debe ser un hash SHA-256 (64 dígitos hex o base64 de 32 bytes)`,
      en: ({ name }) => `"${name}" must be a SHA-256 hash (64 hex digits or base64 of 32 bytes)`,
    },
  ),

  // Proofs.
  'inclusion.indexOrHash': { es: 'indique exactamente uno de "index" o "leafHash"', en: 'give exactly one of "index" or "leafHash"' },
  'inclusion.indexBelowSize': template(
    { index: 5, size: 5 },
    {
      es: ({ index, size }) => `el índice ${index} debe ser menor que el tamaño ${size}`,
      en: ({ index, size }) => `index ${index} must be below size ${size}`,
    },
  ),
  'consistency.fromAfterTo': template(
    { from: 6, to: 5 },
    {
      es: ({ from, to }) => `"from" (${from}) no debe ser mayor que "to" (${to})`,
      en: ({ from, to }) => `"from" (${from}) must not exceed "to" (${to})`,
    },
  ),
  'consistency.fromZero': {
    es: 'una prueba de consistencia desde el árbol vacío no prueba nada; use from >= 1',
    en: 'a consistency proof from the empty tree proves nothing; use from >= 1',
  },

  // Ranges of entries and of checkpoints.
  'range.endNotAfterStart': template(
    { start: 5, end: 5 },
    {
      es: ({ start, end }) => `"end" (${end}) debe ser mayor que "start" (${start})`,
      en: ({ start, end }) => `"end" (${end}) must be greater than "start" (${start})`,
    },
  ),
  'range.tooLarge': template(
    { max: 1000 },
    { es: ({ max }) => `como máximo ${max} por consulta`, en: ({ max }) => `at most ${max} per call` },
  ),
  'entries.beyondTree': template(
    { start: 9999, size: 21 },
    {
      es: ({ start, size }) => `no hay entradas desde ${start}: el árbol tiene ${size}`,
      en: ({ start, size }) => `no entries at or after ${start}: the tree has ${size}`,
    },
  ),
  'checkpoints.beyondHistory': template(
    { start: 40, count: 12 },
    {
      es: ({ start, count }) => `no hay checkpoint número ${start}: el registro ha firmado ${count} (numerados desde 0)`,
      en: ({ start, count }) => `no checkpoint number ${start}: the log has signed ${count} (numbered from 0)`,
    },
  ),

  // Checkpoints.
  'checkpoint.none': { es: 'aún no se ha firmado ningún checkpoint', en: 'no checkpoint has been signed yet' },
  'checkpoint.notAtSize': template(
    { size: 999 },
    {
      es: ({ size }) => `no se firmó ningún checkpoint con tamaño ${size} (la lista completa está en /log/checkpoints)`,
      en: ({ size }) => `no checkpoint was signed at size ${size} (the whole list is at /log/checkpoints)`,
    },
  ),

  // Tiles (C2SP tlog-tiles).
  'tile.malformed': template(
    { path: 'tile/0/12', reason: 'last index element "12" is not three digits' },
    {
      es: ({ path }) => `ruta de tile mal formada: "${path}" (formato: tile/<L>/<N>[.p/<W>] o tile/entries/<N>[.p/<W>], docs/spec/log.md §5.2)`,
      en: ({ path, reason }) => `malformed tile path "${path}": ${reason} (format: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], docs/spec/log.md §5.2)`,
    },
  ),
  'tile.beyondTree': template(
    { path: 'tile/0/001', needed: 512, size: 300 },
    {
      es: ({ path, needed, size }) => `el tile ${path} no existe todavía: requiere un árbol de ${needed} hojas y el árbol tiene ${size}`,
      en: ({ path, needed, size }) => `tile ${path} does not exist yet: it needs a tree of ${needed} leaves and the tree has ${size}`,
    },
  ),
  'tile.entryTooLarge': template(
    { index: 1234, bytes: 70000 },
    {
      es: ({ index, bytes }) => `la entrada ${index} mide ${bytes} bytes y un paquete de entradas admite a lo más 65535; léala en /log/entries`,
      en: ({ index, bytes }) => `entry ${index} has ${bytes} bytes and an entry bundle carries at most 65535; read it from /log/entries`,
    },
  ),

  // Errors of the log itself (MerkleLog's typed errors, with their English detail).
  'log.notFound': template(
    { detail: 'no leaf with that hash in the tree of size 5' },
    { es: ({ detail }) => `no existe en el registro (${detail})`, en: ({ detail }) => detail },
  ),
  'log.outOfRange': template(
    { detail: 'tree size 12 exceeds the current tree size 10' },
    { es: ({ detail }) => `fuera del rango del registro (${detail})`, en: ({ detail }) => detail },
  ),
  'log.unavailable': { es: 'el registro no está disponible', en: 'the log is unavailable' },
  'log.routeNotFound': { es: 'no existe ese recurso del registro', en: 'no such log resource' },

  // OpenAPI summaries of the endpoints (log.controller.ts).
  'openapi.badRequest': { es: 'Parámetro inválido', en: 'Invalid parameter' },
  'openapi.checkpoint': { es: 'Último checkpoint firmado, o uno pasado por tamaño', en: 'Latest signed checkpoint, or a past one by size' },
  'openapi.checkpoints': { es: 'Historial de checkpoints firmados, con su hora de firma', en: 'History of signed checkpoints, with their signing times' },
  'openapi.key': { es: 'Llave de verificación del registro', en: 'The log’s verifier key' },
  'openapi.inclusion': { es: 'Prueba de inclusión', en: 'Inclusion proof' },
  'openapi.consistency': { es: 'Prueba de consistencia', en: 'Consistency proof' },
  'openapi.entries': { es: 'Entradas públicas del registro (JSON)', en: 'Public log entries (JSON)' },
  'openapi.witnesses': { es: 'Testigos de la elección, sus llaves y el quórum exigido', en: "The election's witnesses, their keys and the quorum required" },
  'openapi.cosignatures': { es: 'Cofirmas de los testigos sobre el checkpoint de un tamaño', en: "Witnesses' cosignatures on the checkpoint of a size" },
  'openapi.tile': {
    es: 'Tile de hashes o paquete de entradas (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>]',
    en: 'Hash tile or entry bundle (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>]',
  },
});
