/**
 * The air-gapped station: it reads what the service shows from a file carried to it (`urna
 * trustee view … --out`, on a machine that reaches the service) and writes what it would have
 * sent to a file (`--out`), one signed submission per line, which is carried back and handed to
 * the service (`urna trustee submit <file>`). The same bytes are judged as if sent over HTTP.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import type { CeremonyView } from '../domain/ceremony/ceremony-view';
import type { CeremonySubmission, TallySubmission, TrusteeSubmission } from '../domain/ceremony/trustee-submission';
import { fileChunks, type BallotBoxBytes } from '../tally/ballot-box-bytes';
import type { TallyView } from '../tally/trustee-tally-view';
import type { CeremonyPort } from './ceremony-station';
import type { TallyPort } from './tally-station';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const writeLine = (path: string, submission: TrusteeSubmission) => appendFileSync(path, `${JSON.stringify(submission)}\n`, { mode: 0o600 });

export class FileCeremonyPort implements CeremonyPort {
  constructor(private readonly viewFile: string, private readonly outFile: string) {}
  async view(): Promise<CeremonyView> {
    return readJson<CeremonyView>(this.viewFile);
  }
  async submit(submission: CeremonySubmission): Promise<void> {
    writeLine(this.outFile, submission);
  }
}

export class FileTallyPort implements TallyPort {
  constructor(private readonly viewFile: string, private readonly ballotBoxFile: string, private readonly outFile: string) {}
  async view(): Promise<TallyView> {
    return readJson<TallyView>(this.viewFile);
  }
  async ballotBox(): Promise<BallotBoxBytes> {
    return fileChunks(this.ballotBoxFile);
  }
  async submit(submission: TallySubmission): Promise<void> {
    writeLine(this.outFile, submission);
  }
}

/** The submissions of a file written by `--out`, in order. */
export function readSubmissionFile(path: string): unknown[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
}
