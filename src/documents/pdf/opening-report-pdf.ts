/**
 * The printed opening report (lineamientos numerals 21–22), for the notary and the officials
 * present to read and sign: what runs (software and configuration hashes, election key,
 * ceremony transcript), proof of an empty ballot box and zeroed counters, the log checkpoint
 * at opening and the voting window.
 */
import { renderCanonical } from '../canonical-json';
import type { OpeningReport } from '../opening-report';
import { spanishNumberWords } from '../spanish-number-words';
import { SCOPE_LABEL, entityText } from './document-labels';
import { closeFrame, documentTitle, heading, keyValues, openFrame, paragraph, signatureBlock, table, verbatim, type FrameOptions } from './pdf-frame';

const TITLE_ES = 'Reporte inicial de apertura del Sistema';
const TITLE_EN = 'System opening report';

function zero(n: number): string {
  return `${n} (${spanishNumberWords(n)})`;
}

export async function renderOpeningReportPdf(report: OpeningReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const frame: FrameOptions = {
    titleEs: TITLE_ES,
    titleEn: TITLE_EN,
    processName: report.process.name,
    generatedAt: report.generatedAt,
    documentHash: renderCanonical(report).sha256,
    compress: options.compress,
  };
  const doc = openFrame(frame);
  documentTitle(doc, TITLE_ES, TITLE_EN, 'Lineamientos del Voto Electrónico por Internet, numerales 21 y 22');
  paragraph(
    doc,
    'El Sistema hace constar que, al momento de emitir este reporte, la urna electrónica no contiene votos y que todos los contadores están inicializados en cero; asimismo, identifica la versión exacta del software y de la configuración en operación.',
    'The System attests that, when this report was issued, the electronic ballot box held no votes and every counter was set to zero; it also identifies the exact software and configuration running.',
  );

  heading(doc, 'Datos generales', 'General information');
  keyValues(doc, [
    ['Proceso', 'Process', `${report.process.name} (${report.process.id})`],
    ['Elección', 'Election', report.electionId],
    ['Emitido', 'Issued', report.generatedAt],
    ['Inicio de la votación', 'Voting opens', `${report.votingWindow.opens} (${report.votingWindow.timezone})`],
    ['Cierre de la votación', 'Voting closes', `${report.votingWindow.closes} (${report.votingWindow.timezone})`],
  ]);

  heading(doc, 'Versión del Sistema y configuración', 'System version and configuration');
  keyValues(doc, [
    ['Versión del software', 'Software version', report.software.version],
    ['SHA-256 del código', 'SHA-256 of the code', { text: report.software.codeHash, mono: true }],
    ['SHA-256 de la configuración (manifiesto)', 'SHA-256 of the configuration (manifest)', { text: report.configurationHash, mono: true }],
    ['Llave pública de la elección', 'Election public key', { text: report.electionPublicKey, mono: true }],
    ['SHA-256 de la transcripción de la ceremonia de llaves', 'SHA-256 of the key ceremony transcript', { text: report.ceremonyTranscriptHash, mono: true }],
  ]);

  heading(doc, 'Urna y contadores', 'Ballot box and counters');
  keyValues(doc, [
    ['Boletas en la urna electrónica', 'Ballots in the electronic ballot box', { text: zero(report.ballotBoxCount), bold: true }],
    ['Boletas emitidas', 'Ballots cast', { text: zero(report.counters.ballotsCast), bold: true }],
    ['Personas votantes que ya votaron', 'Voters who have voted', { text: zero(report.counters.votersWhoVoted), bold: true }],
  ]);

  heading(doc, 'Contadores por elección', 'Counters per contest');
  table(
    doc,
    [
      { header: { text: 'Ámbito', en: 'Scope' }, share: 0.11 },
      { header: { text: 'Elección', en: 'Contest' }, share: 0.27 },
      { header: { text: 'Entidad', en: 'Entity' }, share: 0.26 },
      { header: { text: 'Opciones', en: 'Options' }, share: 0.11, align: 'right' },
      { header: { text: 'Votos', en: 'Votes' }, share: 0.1, align: 'right' },
      { header: { text: 'Con letra', en: 'In words' }, share: 0.15 },
    ],
    report.contests.map((c) => {
      const entity = entityText(c.entity);
      return [
        { text: SCOPE_LABEL[c.scope].es },
        { text: c.office, en: c.contestId },
        { text: entity.es, en: entity.en },
        { text: String(c.optionCount) },
        { text: String(c.votes), bold: true },
        { text: spanishNumberWords(c.votes) },
      ];
    }),
  );

  heading(doc, 'Punto de control de la bitácora al abrir', 'Log checkpoint at opening');
  keyValues(doc, [
    ['Tamaño del árbol', 'Tree size', String(report.openingCheckpoint.size)],
    ['Raíz', 'Root hash', { text: report.openingCheckpoint.rootHash, mono: true }],
  ]);
  verbatim(doc, report.openingCheckpoint.note);

  heading(doc, 'Personas presentes', 'People present');
  table(
    doc,
    [
      { header: { text: 'Nombre', en: 'Name' }, share: 0.45 },
      { header: { text: 'Cargo', en: 'Role' }, share: 0.55 },
    ],
    report.officials.map((o) => [{ text: o.name }, { text: o.role, en: o.roleEn }]),
  );
  signatureBlock(doc, report.officials, 0);
  return closeFrame(doc, frame);
}
