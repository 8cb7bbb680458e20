/**
 * The printed opening report (lineamientos numerals 21–22), for the notary and the officials
 * present to read and sign: what runs (software and configuration hashes, election key,
 * ceremony transcript), proof of an empty ballot box and zeroed counters, the log checkpoint
 * at opening and the voting window.
 */
import type { Bilingual } from '../../messages/catalog';
import { renderCanonical } from '../canonical-json';
import { logKeyFingerprint } from '../../opening/log-key-fingerprint';
import type { OpeningReport } from '../opening-report';
import { spanishNumberWords } from '../spanish-number-words';
import { entityText, labelCell, msg, scopeLabel } from './document-labels';
import { credentialText } from '../../domain/credentials/credential-text';
import { closeFrame, documentTitle, heading, keyValues, openFrame, paragraph, signatureBlock, table, verbatim, type Cell, type FrameOptions } from './pdf-frame';

function witnessQuorumCell(quorum: number, total: number): Cell {
  const p = msg.pair('value.witnessQuorum', { quorum, total });
  return { text: p.es, en: p.en };
}

function zero(n: number): string {
  return `${n} (${spanishNumberWords(n)})`;
}

export async function renderOpeningReportPdf(report: OpeningReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const title = msg.pair('opening.title');
  const frame: FrameOptions = {
    title,
    processName: report.process.name,
    generatedAt: report.generatedAt,
    documentHash: renderCanonical(report).sha256,
    compress: options.compress,
  };
  const doc = openFrame(frame);
  documentTitle(doc, title, msg.text('opening.basis', 'es'));
  paragraph(doc, msg.pair('opening.statement'));

  heading(doc, msg.pair('heading.general'));
  keyValues(doc, [
    [msg.pair('label.process'), `${report.process.name} (${report.process.id})`],
    [msg.pair('label.election'), report.electionId],
    [msg.pair('opening.label.issued'), report.generatedAt],
    [msg.pair('opening.label.opens'), `${report.votingWindow.opens} (${report.votingWindow.timezone})`],
    [msg.pair('opening.label.closes'), `${report.votingWindow.closes} (${report.votingWindow.timezone})`],
  ]);

  heading(doc, msg.pair('opening.heading.version'));
  keyValues(doc, [
    [msg.pair('opening.label.softwareVersion'), report.software.version],
    [msg.pair('opening.label.codeHash'), { text: report.software.codeHash, mono: true }],
    [msg.pair('opening.label.configurationHash'), { text: report.configurationHash, mono: true }],
    [msg.pair('opening.label.publicKey'), { text: report.electionPublicKey, mono: true }],
    [msg.pair('opening.label.ceremonyHash'), { text: report.ceremonyTranscriptHash, mono: true }],
  ]);

  heading(doc, msg.pair('opening.heading.ballotBox'));
  keyValues(doc, [
    [msg.pair('opening.label.ballotBox'), { text: zero(report.ballotBoxCount), bold: true }],
    [msg.pair('opening.label.ballotsCast'), { text: zero(report.counters.ballotsCast), bold: true }],
    [msg.pair('opening.label.votersWhoVoted'), { text: zero(report.counters.votersWhoVoted), bold: true }],
  ]);

  heading(doc, msg.pair('opening.heading.counters'));
  table(
    doc,
    [
      { header: labelCell('column.scope'), share: 0.11 },
      { header: labelCell('column.contest'), share: 0.27 },
      { header: labelCell('column.entity'), share: 0.26 },
      { header: labelCell('opening.column.options'), share: 0.11, align: 'right' },
      { header: labelCell('column.votes'), share: 0.1, align: 'right' },
      { header: labelCell('column.inWords'), share: 0.15 },
    ],
    report.contests.map((c) => {
      const entity = entityText(c.entity);
      return [
        { text: scopeLabel(c.scope).es },
        { text: c.office, en: c.contestId },
        { text: entity.es, en: entity.en },
        { text: String(c.optionCount) },
        { text: String(c.votes), bold: true },
        { text: spanishNumberWords(c.votes) },
      ];
    }),
  );

  heading(doc, msg.pair('opening.heading.checkpoint'));
  keyValues(doc, [
    [msg.pair('label.treeSize'), String(report.openingCheckpoint.size)],
    [msg.pair('label.root'), { text: report.openingCheckpoint.rootHash, mono: true }],
    ...(report.log ? [
      [msg.pair('label.logOrigin'), { text: report.log.origin, mono: true }] as [Bilingual, Cell],
      [msg.pair('label.logKey'), { text: report.log.verifierKey, mono: true }] as [Bilingual, Cell],
      // Derived from the key printed above (docs/spec/log.md §4.3): what people compare by eye.
      [msg.pair('label.logFingerprint'), { text: logKeyFingerprint(report.log.verifierKey), mono: true }] as [Bilingual, Cell],
    ] : []),
    ...(report.witnesses ? [
      [msg.pair('label.witnessQuorum'), witnessQuorumCell(report.witnesses.quorum, report.witnesses.keys.length)] as [Bilingual, Cell],
      ...report.witnesses.keys.map((k) => [msg.pair('label.witnessKey'), { text: `${k.vkey}\n${k.fingerprint}`, mono: true }] as [Bilingual, Cell]),
    ] : []),
  ]);
  verbatim(doc, report.openingCheckpoint.note);

  if (report.trustees && report.trustees.length > 0) {
    heading(doc, msg.pair('opening.heading.trustees'));
    paragraph(doc, msg.pair('opening.trusteesStatement'));
    table(
      doc,
      [
        { header: labelCell('opening.column.trustee'), share: 0.08, align: 'right' },
        { header: labelCell('column.name'), share: 0.32 },
        { header: labelCell('opening.column.fingerprint'), share: 0.6 },
      ],
      // Groups of four hex digits, as the trustee station prints it.
      report.trustees.map((t) => [{ text: String(t.trusteeIndex) }, { text: t.name }, { text: t.signingKeyFingerprint.replace(/(.{4})(?!$)/g, '$1 '), mono: true }]),
    );
  }

  if (report.credentials) {
    const c = report.credentials;
    heading(doc, credentialText.pair('opening.heading'));
    paragraph(doc, credentialText.pair('opening.statement'));
    keyValues(doc, [
      [credentialText.pair('opening.authority'), c.authorityName],
      [credentialText.pair('opening.authorityKey'), { text: c.authorityKey.replace(/(.{4})(?!$)/g, '$1 '), mono: true }],
      [credentialText.pair('opening.count'), String(c.count)],
      [credentialText.pair('opening.fingerprint'), { text: c.fingerprint, mono: true }],
    ]);
  }

  heading(doc, msg.pair('opening.heading.present'));
  table(
    doc,
    [
      { header: labelCell('column.name'), share: 0.45 },
      { header: labelCell('opening.column.role'), share: 0.55 },
    ],
    report.officials.map((o) => [{ text: o.name }, { text: o.role, en: o.roleEn }]),
  );
  signatureBlock(doc, report.officials, 0);
  return closeFrame(doc, frame);
}
