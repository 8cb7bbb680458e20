/**
 * Official documents of an election (Node side): the opening report (numerals 21–22), the acta
 * de cómputo with its deliverable copies (numerals 32–38) and the signed preservation manifest
 * (numerals 39–41); their canonical JSON and SHA-256, their printable PDFs, and the checks a
 * notary or auditor runs on a preservation folder. Formats: docs/spec/documents.md.
 */
export * from './document-types';
export * from './canonical-json';
export * from './spanish-number-words';
export * from './contest-order';
export * from './opening-report';
export * from './tally-record';
export * from './deliverable-copies';
export * from './preservation-manifest';
export * from './artefact-files';
export { renderOpeningReportPdf } from './pdf/opening-report-pdf';
export { renderTallyRecordPdf } from './pdf/tally-record-pdf';
export { renderPreservationManifestPdf, ARTEFACT_KIND_LABEL } from './pdf/preservation-manifest-pdf';
