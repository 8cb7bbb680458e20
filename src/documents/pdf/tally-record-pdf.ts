/**
 * The printed acta de cómputo (lineamientos numerals 36–38): one document, a section per
 * contest in acta order, each with its option lines (votes in figures and in words) and its
 * totals; before them, what ties the result to the ceremony (ballot box hash, closing
 * checkpoint, trustees and their decryption events); after them, the signatures.
 * The same renderer prints the full acta and the per-entity copies for each OPL.
 */
import type { Bilingual } from '../../messages/catalog';
import { renderCanonical } from '../canonical-json';
import type { ContestResult, Distribution, TallyRecord } from '../tally-record';
import { entityText, labelCell, msg, scopeLabel } from './document-labels';
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

function recipientText(d: Distribution | undefined): Bilingual {
  if (d === undefined) return msg.pair('acta.copy.original');
  if (d.copy === 'entity') return msg.pair('acta.copy.opl', { entityName: d.entityName });
  return msg.pair(d.recipient === 'authority' ? 'acta.copy.authority' : 'acta.copy.representatives');
}

function contestSection(doc: Pdf, c: ContestResult, index: number): void {
  const entity = entityText(c.entity);
  heading(
    doc,
    msg.pair('acta.contestHeading', { index, scope: scopeLabel(c.scope), office: c.office, entity: { es: entity.es, en: entity.en ?? entity.es }, contestId: c.contestId }),
  );
  table(
    doc,
    [
      { header: labelCell('acta.column.option'), share: 0.19 },
      { header: labelCell('acta.column.emblems'), share: 0.18 },
      { header: labelCell('acta.column.candidate'), share: 0.27 },
      { header: labelCell('column.votes'), share: 0.08, align: 'right' },
      { header: labelCell('acta.column.votesInWords'), share: 0.28 },
    ],
    c.lines.map((l): Cell[] => [
      // The label is the configuration's; the aggregate lines get their English name beneath.
      { text: l.label, en: l.kind === 'null' ? msg.text('acta.votes.null', 'en') : l.kind === 'non-registered' ? msg.text('acta.votes.nonRegistered', 'en') : undefined },
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
      { header: labelCell('acta.column.total'), share: 0.64 },
      { header: labelCell('column.votes'), share: 0.08, align: 'right' },
      { header: labelCell('column.inWords'), share: 0.28 },
    ],
    [
      [labelCell('acta.votes.valid', { bold: true }), { text: String(t.valid.votes), bold: true }, { text: t.valid.votesInWords }],
      [labelCell('acta.votes.nonRegistered', { bold: true }), { text: String(t.nonRegistered.votes), bold: true }, { text: t.nonRegistered.votesInWords }],
      [labelCell('acta.votes.null', { bold: true }), { text: String(t.null.votes), bold: true }, { text: t.null.votesInWords }],
      [labelCell('acta.votes.total', { bold: true }), { text: String(t.total.votes), bold: true }, { text: t.total.votesInWords, bold: true }],
    ],
    { header: false, keepTogether: true },
  );
}

export async function renderTallyRecordPdf(record: TallyRecord, options: { compress?: boolean } = {}): Promise<Buffer> {
  const title = msg.pair('acta.title');
  const frame: FrameOptions = {
    title,
    processName: record.process.name,
    generatedAt: record.generatedAt,
    documentHash: renderCanonical(record).sha256,
    compress: options.compress,
  };
  const doc = openFrame(frame);
  documentTitle(doc, title, msg.text('acta.basis', 'es'));
  const recipient = recipientText(record.distribution);
  keyValues(doc, [[msg.pair('acta.label.copy'), { text: recipient.es, en: recipient.en, bold: true }]]);
  paragraph(doc, msg.pair('acta.statement'));

  heading(doc, msg.pair('heading.general'));
  const general: Array<[Bilingual, string | Cell]> = [
    [msg.pair('label.process'), `${record.process.name} (${record.process.id})`],
    [msg.pair('label.election'), record.electionId],
    [msg.pair('acta.label.issued'), record.generatedAt],
    [msg.pair('acta.label.ballotBoxHash'), { text: record.ballotBoxHash, mono: true }],
    [msg.pair('acta.label.closingSize'), String(record.closingCheckpoint.size)],
    [msg.pair('acta.label.closingRoot'), { text: record.closingCheckpoint.rootHash, mono: true }],
    ...(record.log ? [
      [msg.pair('label.logOrigin'), { text: record.log.origin, mono: true }] as [Bilingual, Cell],
      [msg.pair('label.logKey'), { text: record.log.verifierKey, mono: true }] as [Bilingual, Cell],
    ] : []),
    [msg.pair('acta.label.contests'), msg.text('acta.contestCount', 'es', { count: record.contests.length })],
  ];
  if (record.distribution?.copy === 'entity') {
    general.push([msg.pair('acta.label.fullRecordHash'), { text: record.distribution.fullRecordHash, mono: true }]);
  }
  keyValues(doc, general);

  heading(doc, msg.pair('acta.heading.trustees'));
  table(
    doc,
    [
      { header: labelCell('column.name'), share: 0.4 },
      { header: labelCell('acta.column.trusteeId'), share: 0.2 },
      { header: labelCell('acta.column.decryptionPositions'), share: 0.4 },
    ],
    record.trustees.map((t) => [{ text: t.name }, { text: t.trusteeId, mono: true }, { text: t.decryptionEventPositions.join(', '), mono: true }]),
  );

  ensureSpace(doc, 60 + 26 * Math.min(record.contests.length, 6)); // do not strand the index's first rows
  heading(doc, msg.pair('acta.heading.index'));
  table(
    doc,
    [
      { header: labelCell('acta.column.number'), share: 0.08, align: 'right' },
      { header: labelCell('column.scope'), share: 0.12 },
      { header: labelCell('column.contest'), share: 0.32 },
      { header: labelCell('column.entity'), share: 0.33 },
      { header: labelCell('acta.column.totalVotes'), share: 0.15, align: 'right' },
    ],
    record.contests.map((c, i) => [
      { text: String(i + 1) },
      { text: scopeLabel(c.scope).es },
      { text: c.office, en: c.contestId },
      { text: entityText(c.entity).es },
      { text: String(c.totals.total.votes) },
    ]),
  );

  // Each contest starts a page, so a contest's result reads (and can be photocopied) on its own.
  record.contests.forEach((c, i) => {
    doc.addPage();
    if (i === 0) heading(doc, msg.pair('acta.heading.results'));
    contestSection(doc, c, i + 1);
  });

  heading(doc, msg.pair('acta.heading.closingCheckpoint'));
  verbatim(doc, record.closingCheckpoint.note);

  const trustee = msg.pair('acta.role.trustee');
  const signers = [...record.officials, ...record.trustees.map((t) => ({ name: t.name, role: trustee.es, roleEn: trustee.en }))];
  // Blank lines for accredited representatives who attend (numeral 33).
  signatureBlock(doc, signers, 4, msg.pair('acta.role.representative'));
  return closeFrame(doc, frame);
}
