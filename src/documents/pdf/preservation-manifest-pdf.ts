/**
 * The printed preservation manifest handed to the notary (lineamientos numeral 41): every
 * artefact's SHA-256 and size, the log's final checkpoint, the manifest hash, the signer's
 * public key and the signature, with how to check them, and signature lines for the official
 * who delivers and the notary who receives.
 */
import { manifestHash, type ArtefactKind, type SignedPreservationManifest } from '../preservation-manifest';
import { closeFrame, documentTitle, heading, keyValues, openFrame, paragraph, signatureBlock, table, verbatim, type FrameOptions } from './pdf-frame';

const TITLE_ES = 'Constancia de hashes para el resguardo y preservación de la información';
const TITLE_EN = 'Preservation manifest: hashes of the artefacts';

export const ARTEFACT_KIND_LABEL: Record<ArtefactKind, { es: string; en: string }> = {
  'encrypted-ballot-box': { es: 'Base de datos con los votos cifrados', en: 'Encrypted ballot box' },
  'decrypted-results': { es: 'Base de datos con los votos descifrados', en: 'Decrypted results' },
  log: { es: 'Bitácora del Sistema', en: 'System log' },
  'ledger-export': { es: 'Exportación del registro de eventos', en: 'Ledger export' },
  'opening-report': { es: 'Reporte inicial', en: 'Opening report' },
  'tally-record': { es: 'Acta de cómputo', en: 'Tally record' },
  'record-export': { es: 'Registro de la elección para verificación', en: 'Election record for verifiers' },
  configuration: { es: 'Configuración', en: 'Configuration' },
  other: { es: 'Otro documento generado por el Sistema', en: 'Other document produced by the System' },
};

export async function renderPreservationManifestPdf(
  signed: SignedPreservationManifest,
  people: { deliveredBy: { name: string; role: string; roleEn?: string }; notary: { name: string; role: string; roleEn?: string } },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const m = signed.manifest;
  const hash = manifestHash(m);
  const frame: FrameOptions = { titleEs: TITLE_ES, titleEn: TITLE_EN, processName: m.process.name, generatedAt: m.signedAt, documentHash: hash, compress: options.compress };
  const doc = openFrame(frame);
  documentTitle(doc, TITLE_ES, TITLE_EN, 'Lineamientos del Voto Electrónico por Internet, numerales 39 a 41');
  paragraph(
    doc,
    'Se entrega al tercero con fe pública el hash SHA-256 de cada archivo digital generado por el Sistema, incluidos la base de datos con los votos cifrados, la base de datos con los votos descifrados y las bitácoras. Cualquier persona puede recalcular el hash de cada archivo y compararlo con esta constancia; la firma Ed25519 cubre el JSON canónico (RFC 8785) del manifiesto.',
    'The SHA-256 of every digital file the System produced, including the encrypted ballot box, the decrypted results and the logs, is handed to the notary. Anyone can recompute each file’s hash and compare it with this record; the Ed25519 signature covers the manifest’s canonical JSON (RFC 8785).',
  );
  heading(doc, 'Datos generales', 'General information');
  keyValues(doc, [
    ['Proceso', 'Process', `${m.process.name} (${m.process.id})`],
    ['Elección', 'Election', m.electionId],
    ['Firmado', 'Signed', m.signedAt],
    ['Archivos', 'Files', String(m.artefacts.length)],
    ['SHA-256 del manifiesto (bytes firmados)', 'SHA-256 of the manifest (signed bytes)', { text: hash, mono: true }],
    ['Llave pública de firma (Ed25519)', 'Signing public key (Ed25519)', { text: m.signer.publicKey, mono: true }],
    ['Firma', 'Signature', { text: signed.signature, mono: true }],
  ]);
  heading(doc, 'Archivos y sus hash', 'Files and their hashes');
  table(
    doc,
    [
      { header: { text: 'Archivo', en: 'File' }, share: 0.31 },
      { header: { text: 'Bytes', en: 'Bytes' }, share: 0.11, align: 'right' },
      { header: { text: 'SHA-256', en: 'SHA-256' }, share: 0.58 },
    ],
    m.artefacts.map((a) => [
      { text: a.name, en: `${ARTEFACT_KIND_LABEL[a.kind].es} / ${ARTEFACT_KIND_LABEL[a.kind].en}` },
      { text: String(a.bytes) },
      { text: a.sha256, mono: true },
    ]),
  );
  heading(doc, 'Punto de control final de la bitácora', 'Final log checkpoint');
  keyValues(doc, [
    ['Tamaño del árbol', 'Tree size', String(m.finalCheckpoint.size)],
    ['Raíz', 'Root hash', { text: m.finalCheckpoint.rootHash, mono: true }],
  ]);
  verbatim(doc, m.finalCheckpoint.note);
  signatureBlock(doc, [people.deliveredBy, people.notary], 0);
  return closeFrame(doc, frame);
}
