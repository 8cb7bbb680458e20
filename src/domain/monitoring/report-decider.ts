/**
 * The operation reports' stream (`monitoring-reports-<electionId>`, numeral 28): one daily report
 * per UTC day and one final report, each recorded by the hashes of its signed JSON and its PDF.
 * After the final report no other is issued: it closes the operation.
 */
import { DomainError, type Decider } from '../shared/decider';
import { monitoringText } from './account-decider';
import type { OperationReportIssued } from './events';

export interface RecordOperationReport {
  type: 'RecordOperationReport';
  kind: 'daily' | 'final';
  periodStart: string;
  periodEnd: string;
  jsonSha256: string;
  pdfSha256: string;
  issuedBy: string;
  now: string;
}

export interface ReportsState {
  reports: readonly OperationReportIssued['data'][];
}

const isoOk = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const HEX64 = /^[0-9a-f]{64}$/;
const bad = (field: string) => new DomainError('INVALID_REPORT', monitoringText.pair('error.badRequest', { field }), { field });

export function decideReport(c: RecordOperationReport, s: ReportsState): OperationReportIssued[] {
  if (!isoOk(c.now)) throw new DomainError('INVALID_TIME', monitoringText.pair('error.invalidTime'));
  if (c.kind !== 'daily' && c.kind !== 'final') throw bad('kind');
  if (!isoOk(c.periodStart) || !isoOk(c.periodEnd) || Date.parse(c.periodStart) >= Date.parse(c.periodEnd)) throw bad('period');
  if (typeof c.jsonSha256 !== 'string' || !HEX64.test(c.jsonSha256)) throw bad('jsonSha256');
  if (typeof c.pdfSha256 !== 'string' || !HEX64.test(c.pdfSha256)) throw bad('pdfSha256');
  if (s.reports.some((r) => r.kind === 'final')) throw new DomainError('FINAL_REPORT_ISSUED', monitoringText.pair('error.finalIssued'));
  if (c.kind === 'daily' && s.reports.some((r) => r.kind === 'daily' && r.periodStart === c.periodStart)) {
    throw new DomainError('REPORT_EXISTS', monitoringText.pair('error.reportExists'));
  }
  return [{
    type: 'OperationReportIssued',
    data: { kind: c.kind, periodStart: c.periodStart, periodEnd: c.periodEnd, jsonSha256: c.jsonSha256, pdfSha256: c.pdfSha256, issuedBy: c.issuedBy, at: c.now },
  }];
}

export const reportDecider: Decider<RecordOperationReport, OperationReportIssued, ReportsState> = {
  decide: decideReport,
  evolve: (s, e) => ({ reports: [...s.reports, e.data] }),
  initialState: () => ({ reports: [] }),
};
