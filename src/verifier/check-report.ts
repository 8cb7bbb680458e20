/**
 * The verifier's report: one line per check, pass or fail, with the problems it found. Every
 * check has a stable number (V1, V2, …) and id, the ones docs/spec/record.md §6 lists with the
 * files each reads and the failures it catches; `urna verify` prints both.
 */
import { messagesOf } from '../messages/catalog';
import { verifierMessages } from '../messages/verifier.messages';

const m = messagesOf(verifierMessages);

/** The numbered checks, in the order they run (docs/spec/record.md §6); each one's title is
 * "check.<id>" in the verifier's catalog (src/messages/verifier.messages.ts). */
const CHECKS = [
  { number: 'V1', id: 'record.index' },
  { number: 'V2', id: 'log.key' },
  { number: 'V3', id: 'log.checkpoint-signatures' },
  { number: 'V4', id: 'log.checkpoint-history' },
  { number: 'V5', id: 'log.leaf-hashes' },
  { number: 'V6', id: 'log.roots' },
  { number: 'V7', id: 'log.embedded-checkpoints' },
  { number: 'V8', id: 'manifest.hash' },
  { number: 'V9', id: 'ceremony.transcript' },
  { number: 'V10', id: 'roll.commitment' },
  { number: 'V11', id: 'ballot-box.hash' },
  { number: 'V12', id: 'ballots.proofs' },
  { number: 'V13', id: 'ballots.eligibility' },
  { number: 'V14', id: 'tally.aggregates' },
  { number: 'V15', id: 'tally.partial-decryptions' },
  { number: 'V16', id: 'tally.results' },
  { number: 'V17', id: 'acta.results' },
  { number: 'V18', id: 'ballots.spoiled' },
  { number: 'V19', id: 'ballots.credentials' },
  { number: 'V20', id: 'trustees.signatures' },
] as const;

/** The numbered checks with their titles in both languages. */
export const VERIFICATION_CHECKS = CHECKS.map((c) => ({ ...c, ...m.pair(`check.${c.id}`) }));

export type CheckId = (typeof VERIFICATION_CHECKS)[number]['id'];

export interface CheckResult {
  /** V1, V2, … (docs/spec/record.md §6). */
  number: string;
  /** Stable id, e.g. "ballots.proofs". */
  id: CheckId;
  es: string;
  en: string;
  status: 'pass' | 'fail' | 'skipped';
  /** What was checked, e.g. "1,000 ballots". */
  summary: string;
  problems: string[];
}

const byId = new Map<string, (typeof VERIFICATION_CHECKS)[number]>(VERIFICATION_CHECKS.map((c) => [c.id, c]));

export class CheckRecorder {
  readonly results: CheckResult[] = [];

  constructor(private readonly onResult?: (r: CheckResult) => void) {}

  /** Runs one check; an exception inside it is a failure of that check, never a crash. */
  run(id: CheckId, body: (problems: string[]) => string): CheckResult {
    const problems: string[] = [];
    let summary = '';
    try {
      summary = body(problems);
    } catch (err) {
      problems.push(`error: ${(err as Error).message}`);
    }
    return this.record({ ...byId.get(id)!, status: problems.length ? 'fail' : 'pass', summary, problems });
  }

  skip(id: CheckId, why: string): void {
    this.record({ ...byId.get(id)!, status: 'skipped', summary: why, problems: [] });
  }

  private record(result: CheckResult): CheckResult {
    this.results.push(result);
    this.onResult?.(result);
    return result;
  }

  get ok(): boolean {
    return this.results.every((r) => r.status !== 'fail');
  }
}
