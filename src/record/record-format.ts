/**
 * The election record's layout (docs/spec/record.md, format `urna.election-record/1`).
 * One folder; every file is UTF-8 text; JSON files are RFC 8785 canonical JSON followed by
 * one 0x0A; JSON Lines files have one canonical JSON value per line, each ending in 0x0A.
 */
export const RECORD_FORMAT = 'urna.election-record/1';

export const RecordFiles = {
  index: 'record.json',
  manifest: 'manifest.json',
  logEntries: 'log/entries.jsonl',
  logCheckpoints: 'log/checkpoints.jsonl',
  logKey: 'log/key.vkey',
  roll: 'roll.json',
  transcript: 'ceremony/transcript.json',
  ballotBox: 'ballot-box.jsonl',
  results: 'tally/results.json',
  acta: 'acta/acta.json',
  /** The opening report (documents.md §3) as issued, when the exporter was given it. */
  openingReport: 'opening/opening-report.json',
  preservation: 'preservation-manifest.json',
} as const;

export interface RecordIndex {
  format: typeof RECORD_FORMAT;
  electionId: string;
  exportedAt: string;
  /** The log's origin line and verifier key (also in log/key.vkey). */
  logOrigin: string;
  logVerifierKey: string;
  /** Leaves in log/entries.jsonl and the size of the last checkpoint (equal). */
  logSize: number;
  /** Relative paths of the files present, sorted. */
  files: string[];
}

/** tally/results.json: per contest, a `urna.tally.result` (crypto-ceremony-tally.md §4.6) whose
 * option ids are `<contestId>/<optionId>`, plus the contest id and the ballots that held it. */
export interface RecordResults {
  format: 'urna.record-results/1';
  electionId: string;
  threshold: number;
  ballots: number;
  contests: {
    contestId: string;
    ballots: number;
    trustees: number[];
    result: import('../domain/crypto/tally/decrypt-tally').TallyResult;
  }[];
}
