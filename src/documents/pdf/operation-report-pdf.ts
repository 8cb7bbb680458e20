/**
 * The printed operation report (numeral 28): the same facts as its signed JSON, with the
 * report's hash on every page and the signer's key and signature at the end, so a reader can
 * check the paper against the file.
 */
import { canonicalBytes, sha256Hex } from '../canonical-json';
import { joinBoth, messagesOf } from '../../messages/catalog';
import { monitoringMessages } from '../../messages/monitoring.messages';
import type { SignedOperationReport } from '../operation-report';
import { closeFrame, documentTitle, heading, keyValues, openFrame, paragraph, table, type Cell, type FrameOptions, type Pdf } from './pdf-frame';

const t = messagesOf(monitoringMessages);
const header = (p: { es: string; en: string }): Cell => ({ text: p.es, en: p.en });

function counts(doc: Pdf, rows: Record<string, number>): void {
  const entries = Object.entries(rows);
  if (entries.length === 0) {
    paragraph(doc, t.pair('report.none'));
    return;
  }
  table(doc, [{ header: header(t.pair('report.column.key')), share: 0.6 }, { header: header(t.pair('report.column.count')), share: 0.4, align: 'right' }],
    entries.map(([k, n]) => [{ text: k }, { text: String(n) }]));
}

export async function renderOperationReportPdf(signed: SignedOperationReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const r = signed.report;
  const title = t.pair(r.kind === 'final' ? 'report.title.final' : 'report.title.daily');
  const frame: FrameOptions = { title, processName: r.electionId, generatedAt: r.producedAt, documentHash: sha256Hex(canonicalBytes(r)), compress: options.compress };
  const doc = openFrame(frame);
  documentTitle(doc, title, t.text('report.basis', 'es'));
  heading(doc, t.pair('report.heading.general'));
  keyValues(doc, [
    [t.pair('report.label.election'), r.electionId],
    [t.pair('report.label.period'), `${r.period.start} — ${r.period.end}`],
    [t.pair('report.label.produced'), r.producedAt],
  ]);
  heading(doc, t.pair('report.heading.turnout'));
  keyValues(doc, [[t.pair('report.label.total'), String(r.turnout.total)]]);
  heading(doc, t.pair('report.heading.byHour'));
  counts(doc, r.turnout.byHour);
  heading(doc, t.pair('report.heading.byEntity'));
  counts(doc, r.turnout.byEntity);
  heading(doc, t.pair('report.heading.byCountry'));
  counts(doc, r.turnout.byCountry);
  heading(doc, t.pair('report.heading.deliveries'));
  const d = r.deliveries;
  keyValues(doc, [
    [t.pair('report.label.credentials'), joinBoth(t.pair('report.sentFailed', d.credentials))],
    [t.pair('report.label.codes'), joinBoth(t.pair('report.sentFailed', d.codes))],
    [t.pair('report.label.resends'), String(d.resendsRequested)],
  ]);
  heading(doc, t.pair('report.heading.incidents'));
  if (r.incidents.length === 0) paragraph(doc, t.pair('report.none'));
  else {
    table(doc, [
      { header: header(t.pair('report.label.produced')), share: 0.28 },
      { header: header(t.pair('report.column.severity')), share: 0.14 },
      { header: header(t.pair('report.column.component')), share: 0.18 },
      { header: header(t.pair('report.column.summary')), share: 0.4 },
    ], r.incidents.map((i) => [{ text: i.occurredAt }, { text: i.severity }, { text: i.component }, { text: i.summary }]));
  }
  heading(doc, t.pair('report.heading.components'));
  table(doc, [
    { header: header(t.pair('report.column.component')), share: 0.4 },
    { header: header(t.pair('report.column.upShare')), share: 0.3, align: 'right' },
    { header: header(t.pair('report.column.now')), share: 0.3 },
  ], Object.keys(r.components.atProduction).map((name) => [
    { text: name }, { text: `${Math.round((r.components.up[name] ?? 0) * 1000) / 10} %` }, { text: r.components.atProduction[name] },
  ]));
  heading(doc, t.pair('report.heading.log'));
  keyValues(doc, [
    [t.pair('report.label.logStart'), String(r.log.sizeAtStart)],
    [t.pair('report.label.logEnd'), String(r.log.sizeAtEnd)],
    [t.pair('report.label.checkpoints'), String(r.checkpoints.signedInPeriod)],
    ...(r.checkpoints.latest ? [[t.pair('report.label.latestCheckpoint'), { text: `${r.checkpoints.latest.size} ${r.checkpoints.latest.rootHash}`, mono: true }] as [ReturnType<typeof t.pair>, Cell]] : []),
    [t.pair('report.label.publicKey'), { text: r.signer.publicKey, mono: true }],
    [t.pair('report.label.signature'), { text: signed.signature, mono: true }],
  ]);
  return closeFrame(doc, frame);
}
