import { join, resolve } from 'node:path';

export interface SimulacroOptions {
  voters: number;
  /** Share of voters who challenge (Benaloh) one ballot before casting. */
  spoilShare: number;
  concurrency: number;
  trustees: number;
  threshold: number;
  /** How many trustees present their cards at the tally. */
  trusteesAtTally: number;
  fixture: string;
  /** Folder for everything the simulacro writes; a fresh temporary one by default. */
  dataDir?: string;
  seed: string;
}

const USAGE = 'uso / usage: npm run simulacro -- [--voters N] [--spoil 0.1] [--concurrency 4] [--trustees 5] [--threshold 3] [--data DIR] [--seed S] [--fixture manual.yaml]';

export function parseSimulacroOptions(argv: string[], repoRoot: string): SimulacroOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    if (!arg.startsWith('--') || i + 1 >= argv.length) throw new Error(`argumento inválido / invalid argument "${arg}"\n${USAGE}`);
    values.set(arg.slice(2), argv[++i]);
  }
  const int = (name: string, fallback: number, min: number) => {
    const v = values.has(name) ? Number(values.get(name)) : fallback;
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} debe ser un entero ≥ ${min} / must be an integer ≥ ${min}\n${USAGE}`);
    return v;
  };
  const spoilShare = values.has('spoil') ? Number(values.get('spoil')) : 0.1;
  if (!(spoilShare >= 0 && spoilShare <= 1)) throw new Error(`--spoil debe estar entre 0 y 1 / must be between 0 and 1\n${USAGE}`);
  const trustees = int('trustees', 5, 2);
  const threshold = int('threshold', 3, 2);
  if (threshold > trustees) throw new Error('--threshold no puede exceder --trustees / cannot exceed --trustees');
  for (const k of values.keys()) {
    if (!['voters', 'spoil', 'concurrency', 'trustees', 'threshold', 'data', 'seed', 'fixture', 'at-tally'].includes(k)) throw new Error(`opción desconocida / unknown option --${k}\n${USAGE}`);
  }
  return {
    voters: int('voters', 1000, 1),
    spoilShare,
    concurrency: int('concurrency', 4, 1),
    trustees,
    threshold,
    trusteesAtTally: int('at-tally', threshold, threshold),
    fixture: resolve(values.get('fixture') ?? join(repoRoot, 'fixtures', 'simulacro-2024.yaml')),
    dataDir: values.get('data') ? resolve(values.get('data')!) : undefined,
    seed: values.get('seed') ?? 'simulacro',
  };
}
