/**
 * Producing an operation report (numeral 28; docs/spec/monitoring.md §6): the facts folded from
 * the whole ledger (turnout, deliveries, incidents, log growth), the checkpoints signed in the
 * period and the components' availability, signed with the log's key, written as
 * `informe-<kind>-<date>.json` (+ `.pdf`) under <data>/documents/informes-operacion, and
 * recorded by its hashes in the ledger (OperationReportIssued), from where the preservation
 * package takes it.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationFactsFolder } from '../domain/monitoring/operation-facts';
import { withoutSmallPlaces } from '../domain/monitoring/small-counts';
import { canonicalDocumentJson, sha256Hex } from '../documents/canonical-json';
import { signOperationReport, type ComponentAvailability, type SignedOperationReport } from '../documents/operation-report';
import { renderOperationReportPdf } from '../documents/pdf/operation-report-pdf';
import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import type { EventStore } from '../ledger/event-store';
import { toBase64 } from '../ledger/merkle/encoding';
import { RecordOperationReportCommand } from '../monitoring-accounts/monitoring.commands';
import type { ComponentsSnapshot } from './component-state';

/** Where reports are written, relative to the data folder, and their folder in the preservation package. */
export const OPERATION_REPORTS_FOLDER = 'informes-operacion';
export const operationReportsDir = (documentsDir: string) => join(documentsDir, OPERATION_REPORTS_FOLDER);

export interface OperationReportPorts {
  store: EventStore;
  commands: CommandBus;
  checkpoints: CheckpointService;
  signer: NoteSigner;
  electionId: string;
  /** <data>/documents/informes-operacion. */
  outDir: string;
  /** Snapshots of the components taken during the period (the last is the state at production). */
  snapshots: ComponentsSnapshot[];
  /** Who asks: `operator` or `account:<id>`. */
  issuedBy: string;
  now?: () => Date;
}

export interface ProducedReport {
  signed: SignedOperationReport;
  jsonPath: string;
  pdfPath: string;
  jsonSha256: string;
  pdfSha256: string;
}

/** The UTC day [day, day + 1) for a daily report; from the ledger's first event to now for the final. */
export function reportPeriod(kind: 'daily' | 'final', now: Date, day?: string, firstEventAt?: string): { start: string; end: string } {
  if (kind === 'daily') {
    const start = day ? new Date(`${day}T00:00:00.000Z`) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    if (Number.isNaN(start.getTime())) throw new RangeError(`not a day: ${day}`);
    return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
  }
  const start = firstEventAt ?? now.toISOString();
  return { start, end: new Date(Math.max(now.getTime(), Date.parse(start) + 1)).toISOString() };
}

export function availability(snapshots: ComponentsSnapshot[]): ComponentAvailability {
  const last = snapshots.at(-1);
  const names = last ? Object.keys(last.components) : [];
  const up = Object.fromEntries(names.map((n) => [n, snapshots.filter((s) => s.components[n as keyof ComponentsSnapshot['components']]?.status === 'up').length / snapshots.length]));
  return { samples: snapshots.length, up, atProduction: Object.fromEntries(names.map((n) => [n, last!.components[n as keyof ComponentsSnapshot['components']].status])) };
}

export async function produceOperationReport(p: OperationReportPorts, kind: 'daily' | 'final', day?: string): Promise<ProducedReport> {
  const now = p.now?.() ?? new Date();
  const first = (await p.store.readAll({ from: 0, limit: 1 }))[0];
  const period = reportPeriod(kind, now, day, first?.metadata.recordedAt);
  const folder = new OperationFactsFolder(p.electionId, period);
  const head = await p.store.head();
  // Pages small enough that one page of ~35 kB ballot events stays far below the heap's size.
  for (let from = 0; from < head; from += 1000) {
    for (const e of await p.store.readAll({ from, limit: 1000 })) {
      folder.add({ stream: e.stream, type: e.type, data: e.data, position: e.position, recordedAt: e.metadata.recordedAt });
    }
  }
  const history = await p.checkpoints.history();
  const inPeriod = history.filter((c) => c.createdAt.getTime() >= Date.parse(period.start) && c.createdAt.getTime() < Date.parse(period.end));
  const latest = inPeriod.at(-1) ?? history.filter((c) => c.createdAt.getTime() < Date.parse(period.end)).at(-1);
  const signed = await signOperationReport({
    // Places with 1–4 voters are merged into "other" (src/domain/monitoring/small-counts.ts).
    ...withoutSmallPlaces(folder.facts()), kind, electionId: p.electionId, producedAt: now.toISOString(),
    components: availability(p.snapshots),
    checkpoints: { signedInPeriod: inPeriod.length, ...(latest ? { latest: { size: latest.size, rootHash: toBase64(latest.rootHash), note: latest.note } } : {}) },
  }, (bytes) => p.signer.sign(bytes), p.signer.publicKey);
  const json = `${canonicalDocumentJson(signed)}\n`;
  const pdf = await renderOperationReportPdf(signed);
  const base = `informe-${kind === 'daily' ? 'diario' : 'final'}-${period.start.slice(0, 10)}`;
  await mkdir(p.outDir, { recursive: true });
  const jsonPath = join(p.outDir, `${base}.json`);
  const pdfPath = join(p.outDir, `${base}.pdf`);
  const jsonSha256 = sha256Hex(json);
  const pdfSha256 = sha256Hex(pdf);
  // Recorded first: a refused report (a second one for the day, any after the final) leaves no file.
  await p.commands.execute(new RecordOperationReportCommand(p.electionId, {
    type: 'RecordOperationReport', kind, periodStart: period.start, periodEnd: period.end, jsonSha256, pdfSha256, issuedBy: p.issuedBy, now: now.toISOString(),
  }, { actor: p.issuedBy === 'operator' ? 'operator:monitoring' : `monitoring:${p.issuedBy.slice('account:'.length)}` }));
  await writeFile(jsonPath, json);
  await writeFile(pdfPath, pdf);
  return { signed, jsonPath, pdfPath, jsonSha256, pdfSha256 };
}
