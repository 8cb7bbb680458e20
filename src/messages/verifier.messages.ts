/**
 * Catalog of the verifier: what `urna verify` (src/verifier/urna-verify.ts) and `urna verify
 * --package` (src/verifier/verify-package.ts) print for auditors, and the titles of the checks
 * V1–V18 (src/verifier/check-report.ts) and P1–P7 (verify-package.ts), keyed "check.<id>" by
 * each check's stable id (docs/spec/record.md §6, docs/spec/documents.md §5.5). A check's
 * title reaches the JSON report as its `es` and `en` members.
 *
 * The verifier prints most lines as "es / en" (both()); in the verdicts, the numbers printed in
 * the Spanish half only are parameters the English template leaves out. What each check found
 * (its summary and problems) is English, for developers and auditors alike, and stays in the
 * checks. Tests grep some of these lines (test/verifier, test/record, test/preservation,
 * test/simulacro): a change here is a change of what auditors read.
 */
import { defineCatalog, template } from './catalog';

export const verifierMessages = defineCatalog({
  // The usage line: "uso / usage: urna verify <carpeta-del-registro | record-folder> …"; the
  // placeholders print as "es | en".
  'usage': { es: 'uso', en: 'usage' },
  'usage.recordFolder': { es: 'carpeta-del-registro', en: 'record-folder' },
  'usage.packageFolder': { es: 'carpeta-de-preservación', en: 'preservation-folder' },
  'usage.logKey': { es: 'llave-del-log', en: 'log-vkey' },
  'usage.authorityKey': { es: 'llave-de-la-autoridad-de-credenciales', en: 'credential-authority-key' },

  // What is wrong with the arguments (followed by the usage line).
  'args.unknownOption': { es: 'opción desconocida', en: 'unknown option' },
  'args.missingValue': template(
    { flag: '--vkey' },
    { es: ({ flag }) => `falta el valor de ${flag}`, en: ({ flag }) => `${flag} needs a value` },
  ),
  'args.excess': { es: 'sobran argumentos: una sola carpeta', en: 'too many arguments: one folder only' },
  'args.packageExcess': { es: 'con --package no va otra carpeta', en: 'no other folder with --package' },

  // `urna verify <record-folder>`: progress, summary and verdict.
  'record.groupArithmetic': { es: 'Aritmética del grupo', en: 'group arithmetic' },
  'record.summary': { es: 'Resumen de la verificación', en: 'Verification summary' },
  /** After the first 20 problems of a check: "… 5 más / more". */
  'problems.more': { es: 'más', en: 'more' },
  'record.verified': template(
    { checks: 17, seconds: '12.5' },
    { es: ({ checks, seconds }) => `VERIFICADO: las ${checks} comprobaciones pasan (${seconds} s).`, en: () => 'VERIFIED: every check passes.' },
  ),
  'record.notVerified': template(
    { failed: 2, seconds: '12.5' },
    {
      es: ({ failed, seconds }) => `NO VERIFICADO: ${failed} comprobación(es) fallan (${seconds} s).`,
      en: ({ failed }) => `NOT VERIFIED: ${failed} check(s) fail.`,
    },
  ),
  /** Printed (and put in the JSON report) when no --vkey was given: the key checked is the record's own. */
  'notice.trustedAuthorityKey': template(
    { key: '8a3f…' },
    {
      es: ({ key }) =>
        `AVISO: no se dio --credential-authority, así que la lista de credenciales se comprobó con la llave de la autoridad de credenciales registrada en el propio registro (${key}). `
        + 'Quien opera el servicio pudo registrar una llave suya. La llave verdadera la publica la autoridad de credenciales y está impresa en el reporte inicial: compárela, o verifique de nuevo con --credential-authority <llave>.',
      en: ({ key }) =>
        `NOTICE: no --credential-authority was given, so the credential list was checked with the credential authority key enrolled in the record itself (${key}). `
        + 'Whoever runs the service could have enrolled a key of their own. The real key is published by the credential authority and printed on the opening report: compare it, or verify again with --credential-authority <key>.',
    },
  ),
  'notice.trustedKey': template(
    { key: 'urna.example.mx/log+1a2b3c4d+AQ…' },
    {
      es: ({ key }) =>
        `AVISO: no se dio --vkey, así que los puntos de control se comprobaron con la llave del registro de transparencia que trae el propio registro (log/key.vkey: ${key}). `
        + 'Quien alteró el registro pudo cambiar también esa llave. La llave verdadera está impresa en el reporte inicial de la elección (apertura, JSON y PDF) y en el acta de cómputo: '
        + 'compárela, o verifique de nuevo con --vkey <llave del reporte inicial>.',
      en: ({ key }) =>
        `NOTICE: no --vkey was given, so the checkpoints were checked with the log key the record itself carries (log/key.vkey: ${key}). `
        + "Whoever altered the record could have replaced that key too. The real key is printed in the election's opening report (JSON and PDF) and in the acta: "
        + 'compare them, or verify again with --vkey <key from the opening report>.',
    },
  ),
  /** The key in the notice when log/key.vkey cannot be read. */
  'notice.unreadableKey': { es: 'ilegible', en: 'unreadable' },

  // `urna verify --package <preservation-folder>`: summary and verdict.
  'package.title': { es: 'Paquete de preservación', en: 'Preservation package' },
  'package.verified': template(
    { checks: 7 },
    { es: ({ checks }) => `VERIFICADO: las ${checks} comprobaciones del paquete pasan.`, en: () => 'VERIFIED: every package check passes.' },
  ),
  'package.notVerified': template<{ failed: string[] }>(
    { failed: ['P4', 'P6'] },
    { es: ({ failed }) => `NO VERIFICADO: fallan ${failed.join(', ')}.`, en: ({ failed }) => `NOT VERIFIED: ${failed.join(', ')} fail.` },
  ),

  // The record's checks V1–V18 (check-report.ts), by id.
  'check.record.index': { es: 'Índice del registro y archivos presentes', en: 'Record index and the files present' },
  'check.log.key': { es: 'Llave verificadora del registro de transparencia', en: "The transparency log's verifier key" },
  'check.log.checkpoint-signatures': { es: 'Firmas de los puntos de control', en: 'Checkpoint signatures' },
  'check.log.checkpoint-history': { es: 'Historia completa de puntos de control', en: 'Complete checkpoint history' },
  'check.log.leaf-hashes': { es: 'Entradas del registro y sus hojas', en: 'Log entries and leaf hashes' },
  'check.log.roots': { es: 'Raíces del árbol contra los puntos de control firmados', en: 'Tree roots against the signed checkpoints' },
  'check.log.embedded-checkpoints': { es: 'Puntos de control citados en los artefactos', en: 'Checkpoints embedded in artefacts' },
  'check.manifest.hash': { es: 'Manifiesto de la elección y su huella', en: 'Election manifest and its hash' },
  'check.ceremony.transcript': { es: 'Transcripción de la ceremonia de llaves', en: 'Key ceremony transcript' },
  'check.roll.commitment': { es: 'Lista de seudónimos y su compromiso', en: 'Pseudonym roll and its commitment' },
  'check.ballot-box.hash': { es: 'Urna cifrada: huella y contenido', en: 'Encrypted ballot box: hash and content' },
  'check.ballots.proofs': { es: 'Pruebas de cada boleta', en: "Every ballot's proofs" },
  'check.ballots.eligibility': { es: 'Un voto por seudónimo, todos en la lista', en: 'One ballot per pseudonym, all on the roll' },
  'check.tally.aggregates': { es: 'Totales cifrados recalculados', en: 'Encrypted totals recomputed' },
  'check.tally.partial-decryptions': { es: 'Pruebas de los descifrados parciales', en: 'Partial decryption proofs' },
  'check.tally.results': { es: 'Resultados: descifrado comprobado', en: 'Results: decryption checked' },
  'check.acta.results': { es: 'Acta igual a los resultados', en: 'Acta equals the results' },
  'check.ballots.spoiled': { es: 'Boletas auditadas: cada una abre con su revelación y ninguna se cuenta', en: 'Spoiled ballots: each opens from its disclosure, none is counted' },
  'check.trustees.signatures': {
    es: 'Cada mensaje de fideicomisario firmado con la llave registrada del fideicomisario que nombra',
    en: "Every trustee message signed by the enrolled key of the trustee it names",
  },
  'check.ballots.credentials': {
    es: 'Cada voto firmado por una credencial de la lista firmada por la autoridad de credenciales, una vez, ninguna revocada',
    en: 'Every ballot signed by a credential of the credential authority\'s signed list, once each, none revoked',
  },

  // The package's checks P1–P7 (verify-package.ts), by id.
  'check.package.manifest': { es: 'Manifiesto de preservación: forma y reglas', en: 'Preservation manifest: shape and rules' },
  'check.package.signer': { es: 'Firmante: la llave publicada del registro de transparencia', en: "Signer: the transparency log's published key" },
  'check.package.signature': { es: 'Firma del manifiesto', en: "The manifest's signature" },
  'check.package.artefacts': { es: 'Cada archivo listado: presente, tamaño y SHA-256', en: 'Every listed file: present, size and SHA-256' },
  'check.package.unlisted': { es: 'Todo archivo presente está listado', en: 'Every file present is listed' },
  'check.package.confidential': { es: 'Parte confidencial: cifrada a su destinatario', en: 'Confidential part: sealed to its recipient' },
  'check.package.acta-copies': { es: 'Acta, sus copias y el registro coinciden', en: 'The acta, its copies and the record agree' },
});
