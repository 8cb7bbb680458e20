import { availableParallelism } from 'node:os';

/**
 * How many worker threads CPU-bound election work (ballot proofs, partial decryptions) uses:
 * URNA_WORKERS when set (0 or 1 = stay in the calling thread), else one per available core.
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.URNA_WORKERS?.trim();
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`URNA_WORKERS must be a whole number ≥ 0, got ${JSON.stringify(raw)}`);
    return n;
  }
  return availableParallelism();
}

/** Worker threads only pay off with two or more: one worker would just move the work elsewhere. */
export const usesWorkers = (size: number): boolean => size >= 2;
