/**
 * The printed acta de cómputo (lineamientos numerals 36–38): one document, a section per
 * contest in acta order, each with its option lines (votes in figures and in words) and its
 * totals; before them, what ties the result to the ceremony (ballot box hash, closing
 * checkpoint, trustees and their decryption events); after them, the signatures.
 * The same renderer prints the full acta and the per-entity copies for each OPL.
 */
import { renderCanonical } from '../canonical-json';
import type { ContestResult, Distribution, TallyRecord } from '../tally-record';
import { SCOPE_LABEL, contestTitle, entityText, plural } from './document-labels';
import {
  closeFrame,
  documentTitle,
  ensureSpace,
  heading,
  keyValues,
  openFrame,
  paragraph,
  signatureBlock,
  table,
  verbatim,
  type Cell,
  type FrameOptions,
  type Pdf,
} from './pdf-frame';

const TITLE_ES = 'Acta de cómputo de la votación electrónica por Internet desde el extranjero';
const TITLE_EN = 'Tally record of the internet vote from abroad';

function recipientText(d: Distribution | undefined): { es: string; en: string } {
  if (d === undefined) return { es: 'Original', en: 'Original' };
  if (d.copy === 'entity') {
    return {
      es: `Copia para el Organismo Público Local de ${d.entityName} (elecciones locales, numeral 38-II)`,
      en: `Copy for the local electoral body (OPL) of ${d.entityName} (local contests, numeral 38-II)`,
    };
  }
  return d.recipient === 'authority'
    ? { es: 'Copia para el personal designado del Instituto (numeral 38-I)', en: "Copy for the Institute's designated staff (numeral 38-I)" }
    : { es: 'Copia para las representaciones de partidos políticos y candidaturas independientes (numeral 38-III)', en: 'Copy for party and independent candidacy representatives (numeral 38-III)' };
}

function contestSection(doc: Pdf, c: ContestResult, index: number): void {
  const entity = entityText(c.entity);
  heading(doc, `${index}. ${contestTitle(c)}`, `${SCOPE_LABEL[c.scope].en} · ${c.office} · ${entity.en ?? entity.es} — contest ${c.contestId}`);
  table(
    doc,
    [
      { header: { text: 'Opción', en: 'Option' }, share: 0.19 },
      { header: { text: 'Emblemas', en: 'Emblems' }, share: 0.18 },
      { header: { text: 'Candidatura', en: 'Candidate' }, share: 0.27 },
      { header: { text: 'Votos', en: 'Votes' }, share: 0.08, align: 'right' },
      { header: { text: 'Votos con letra', en: 'Votes in words' }, share: 0.28 },
    ],
    c.lines.map((l): Cell[] => [
      { text: l.label, en: l.kind === 'null' ? 'Null votes' : l.kind === 'non-registered' ? 'Non-registered candidates' : undefined },
      { text: l.emblems.join(' · ') || '—' },
      { text: l.candidate ?? '—' },
      { text: String(l.votes) },
      { text: l.votesInWords },
    ]),
  );
  const t = c.totals;
  table(
    doc,
    [
      { header: { text: 'Total', en: 'Total' }, share: 0.64 },
      { header: { text: 'Votos', en: 'Votes' }, share: 0.08, align: 'right' },
      { header: { text: 'Con letra', en: 'In words' }, share: 0.28 },
    ],
    [
      [{ text: 'Votos válidos', en: 'Valid votes', bold: true }, { text: String(t.valid.votes), bold: true }, { text: t.valid.votesInWords }],
      [{ text: 'Candidaturas no registradas', en: 'Non-registered candidates', bold: true }, { text: String(t.nonRegistered.votes), bold: true }, { text: t.nonRegistered.votesInWords }],
      [{ text: 'Votos nulos', en: 'Null votes', bold: true }, { text: String(t.null.votes), bold: true }, { text: t.null.votesInWords }],
      [{ text: 'Votación total', en: 'Total votes cast', bold: true }, { text: String(t.total.votes), bold: true }, { text: t.total.votesInWords, bold: true }],
    ],
    { header: false, keepTogether: true },
  );
}

export async function renderTallyRecordPdf(record: TallyRecord, options: { compress?: boolean } = {}): Promise<Buffer> {
  const frame: FrameOptions = {
    titleEs: TITLE_ES,
    titleEn: TITLE_EN,
    processName: record.process.name,
    generatedAt: record.generatedAt,
    documentHash: renderCanonical(record).sha256,
    compress: options.compress,
  };
  const doc = openFrame(frame);
  documentTitle(doc, TITLE_ES, TITLE_EN, 'Lineamientos del Voto Electrónico por Internet, numerales 32 a 38');
  const recipient = recipientText(record.distribution);
  keyValues(doc, [['Ejemplar', 'Copy', { text: recipient.es, en: recipient.en, bold: true }]]);
  paragraph(
    doc,
    'Concluido el cómputo, el Sistema emite la presente acta con los resultados de cada elección, ordenados por ámbito, tipo de elección y entidad federativa. Antes del descifrado se calculó y comparó el hash de la base de datos con los votos cifrados; cada descifrado parcial consta en la bitácora con su prueba.',
    'Once the count ended, the System issued this record with the result of each contest, ordered by scope, type of election and federal entity. Before decryption the hash of the encrypted ballot database was computed and compared; each partial decryption is in the log with its proof.',
  );

  heading(doc, 'Datos generales', 'General information');
  const general: Array<[string, string, string | Cell]> = [
    ['Proceso', 'Process', `${record.process.name} (${record.process.id})`],
    ['Elección', 'Election', record.electionId],
    ['Emitida', 'Issued', record.generatedAt],
    ['SHA-256 de la urna cifrada (comparado antes del descifrado)', 'SHA-256 of the encrypted ballot box (compared before decryption)', { text: record.ballotBoxHash, mono: true }],
    ['Punto de control de cierre: tamaño', 'Closing checkpoint: tree size', String(record.closingCheckpoint.size)],
    ['Punto de control de cierre: raíz', 'Closing checkpoint: root hash', { text: record.closingCheckpoint.rootHash, mono: true }],
    ['Elecciones en esta acta', 'Contests in this record', plural(record.contests.length, 'elección', 'elecciones')],
  ];
  if (record.distribution?.copy === 'entity') {
    general.push(['SHA-256 del acta completa de la que se extrae', 'SHA-256 of the full record this copy comes from', { text: record.distribution.fullRecordHash, mono: true }]);
  }
  keyValues(doc, general);

  heading(doc, 'Personas custodias de la Llave de apertura que participaron', 'Opening-key trustees who took part');
  table(
    doc,
    [
      { header: { text: 'Nombre', en: 'Name' }, share: 0.4 },
      { header: { text: 'Identificador', en: 'Id' }, share: 0.2 },
      { header: { text: 'Posiciones de los eventos de descifrado parcial', en: 'Ledger positions of partial decryption events' }, share: 0.4 },
    ],
    record.trustees.map((t) => [{ text: t.name }, { text: t.trusteeId, mono: true }, { text: t.decryptionEventPositions.join(', '), mono: true }]),
  );

  ensureSpace(doc, 60 + 26 * Math.min(record.contests.length, 6)); // do not strand the index's first rows
  heading(doc, 'Índice de elecciones', 'Contest index');
  table(
    doc,
    [
      { header: { text: 'Núm.', en: 'No.' }, share: 0.08, align: 'right' },
      { header: { text: 'Ámbito', en: 'Scope' }, share: 0.12 },
      { header: { text: 'Elección', en: 'Contest' }, share: 0.32 },
      { header: { text: 'Entidad', en: 'Entity' }, share: 0.33 },
      { header: { text: 'Votación total', en: 'Total votes' }, share: 0.15, align: 'right' },
    ],
    record.contests.map((c, i) => [
      { text: String(i + 1) },
      { text: SCOPE_LABEL[c.scope].es },
      { text: c.office, en: c.contestId },
      { text: entityText(c.entity).es },
      { text: String(c.totals.total.votes) },
    ]),
  );

  // Each contest starts a page, so a contest's result reads (and can be photocopied) on its own.
  record.contests.forEach((c, i) => {
    doc.addPage();
    if (i === 0) heading(doc, 'Resultados por elección', 'Results per contest');
    contestSection(doc, c, i + 1);
  });

  heading(doc, 'Punto de control de la bitácora al cierre', 'Log checkpoint at closing');
  verbatim(doc, record.closingCheckpoint.note);

  const signers = [
    ...record.officials,
    ...record.trustees.map((t) => ({ name: t.name, role: 'Persona custodia de la Llave de apertura', roleEn: 'Opening-key trustee' })),
  ];
  // Blank lines for accredited representatives who attend (numeral 33).
  signatureBlock(doc, signers, 4, {
    role: 'Representación de partido político o candidatura independiente',
    roleEn: 'Party or independent candidacy representative',
  });
  return closeFrame(doc, frame);
}
