/** The verifier's report: one line per check, pass or fail, with the problems it found. */
export interface CheckResult {
  /** Stable id, e.g. "ballots.proofs" (docs/spec/record.md §6). */
  id: string;
  es: string;
  en: string;
  status: 'pass' | 'fail' | 'skipped';
  /** What was checked, e.g. "1,000 ballots". */
  summary: string;
  problems: string[];
}

export class CheckRecorder {
  readonly results: CheckResult[] = [];

  constructor(private readonly onResult?: (r: CheckResult) => void) {}

  /** Runs one check; an exception inside it is a failure of that check, never a crash. */
  run(id: string, es: string, en: string, body: (problems: string[]) => string): CheckResult {
    const problems: string[] = [];
    let summary = '';
    try {
      summary = body(problems);
    } catch (err) {
      problems.push(`error: ${(err as Error).message}`);
    }
    const result: CheckResult = { id, es, en, status: problems.length ? 'fail' : 'pass', summary, problems };
    this.results.push(result);
    this.onResult?.(result);
    return result;
  }

  skip(id: string, es: string, en: string, why: string): void {
    const result: CheckResult = { id, es, en, status: 'skipped', summary: why, problems: [] };
    this.results.push(result);
    this.onResult?.(result);
  }

  get ok(): boolean {
    return this.results.every((r) => r.status !== 'fail');
  }
}
