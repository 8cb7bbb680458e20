/**
 * The verifier's report: one line per check, pass or fail, with the problems it found. Every
 * check has a stable number (V1, V2, …) and id, the ones docs/spec/record.md §6 lists with the
 * files each reads and the failures it catches; `urna verify` prints both.
 */

/** The numbered checks, in the order they run (docs/spec/record.md §6). */
export const VERIFICATION_CHECKS = [
  { number: 'V1', id: 'record.index', es: 'Índice del registro y archivos presentes', en: 'Record index and the files present' },
  { number: 'V2', id: 'log.key', es: 'Llave verificadora del registro de transparencia', en: "The transparency log's verifier key" },
  { number: 'V3', id: 'log.checkpoint-signatures', es: 'Firmas de los puntos de control', en: 'Checkpoint signatures' },
  { number: 'V4', id: 'log.checkpoint-history', es: 'Historia completa de puntos de control', en: 'Complete checkpoint history' },
  { number: 'V5', id: 'log.leaf-hashes', es: 'Entradas del registro y sus hojas', en: 'Log entries and leaf hashes' },
  { number: 'V6', id: 'log.roots', es: 'Raíces del árbol contra los puntos de control firmados', en: 'Tree roots against the signed checkpoints' },
  { number: 'V7', id: 'log.embedded-checkpoints', es: 'Puntos de control citados en los artefactos', en: 'Checkpoints embedded in artefacts' },
  { number: 'V8', id: 'manifest.hash', es: 'Manifiesto de la elección y su huella', en: 'Election manifest and its hash' },
  { number: 'V9', id: 'ceremony.transcript', es: 'Transcripción de la ceremonia de llaves', en: 'Key ceremony transcript' },
  { number: 'V10', id: 'roll.commitment', es: 'Lista de seudónimos y su compromiso', en: 'Pseudonym roll and its commitment' },
  { number: 'V11', id: 'ballot-box.hash', es: 'Urna cifrada: huella y contenido', en: 'Encrypted ballot box: hash and content' },
  { number: 'V12', id: 'ballots.proofs', es: 'Pruebas de cada boleta', en: "Every ballot's proofs" },
  { number: 'V13', id: 'ballots.eligibility', es: 'Un voto por seudónimo, todos en la lista', en: 'One ballot per pseudonym, all on the roll' },
  { number: 'V14', id: 'tally.aggregates', es: 'Totales cifrados recalculados', en: 'Encrypted totals recomputed' },
  { number: 'V15', id: 'tally.partial-decryptions', es: 'Pruebas de los descifrados parciales', en: 'Partial decryption proofs' },
  { number: 'V16', id: 'tally.results', es: 'Resultados: descifrado comprobado', en: 'Results: decryption checked' },
  { number: 'V17', id: 'acta.results', es: 'Acta igual a los resultados', en: 'Acta equals the results' },
] as const;

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
