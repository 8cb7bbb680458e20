import { group } from '../active-group';
import { generatorBase } from '../elgamal';
import type { GroupElement } from '../group';

/**
 * Baby-step giant-step discrete logarithm of M = m·G for 0 ≤ m ≤ maxValue (a tally total
 * can never exceed the number of voters, so maxValue is the election's maximum voters).
 *
 *   baby steps: a table fingerprint(j·G) → j for j = 0 … B − 1           (B = babySteps)
 *   giant steps: Yₖ = M − k·(B·G) for k = 0 … ⌈(maxValue + 1)/B⌉ − 1; a hit j gives m = k·B + j
 *
 * The table is keyed by `group.fingerprints` (a 48-bit value computed for a whole batch with one
 * field inversion) instead of by encodings, which cost ~80 µs each. A fingerprint hit is only a
 * candidate: m is returned after checking m·G = M, so a collision can cost time, never a wrong
 * count. Worst case ⌈(maxValue + 1)/B⌉ giant steps, done GIANT_BATCH at a time.
 */
export const DEFAULT_BABY_STEPS = 32768;
const BUILD_BATCH = 1024;
const GIANT_BATCH = 64;

export class DiscreteLogTable {
  readonly babySteps: number;
  private readonly table = new Map<number, number>();
  /** Baby steps whose fingerprint another already took (astronomically rare; kept for correctness). */
  private readonly collisions = new Map<number, number[]>();
  private readonly giantStride: GroupElement;

  constructor(readonly maxValue: number, babySteps: number = Math.min(DEFAULT_BABY_STEPS, maxValue + 1)) {
    if (!Number.isSafeInteger(maxValue) || maxValue < 0) throw new RangeError('maxValue must be a non-negative integer');
    if (!Number.isSafeInteger(babySteps) || babySteps < 1) throw new RangeError('babySteps must be a positive integer');
    this.babySteps = babySteps;
    let point = group.identity;
    for (let start = 0; start < babySteps; start += BUILD_BATCH) {
      const batch: GroupElement[] = [];
      for (let j = start; j < Math.min(start + BUILD_BATCH, babySteps); j++) {
        batch.push(point);
        point = group.add(point, group.generator);
      }
      group.fingerprints(batch).forEach((f, k) => this.remember(f, start + k));
    }
    this.giantStride = point; // B·G
  }

  private remember(fingerprint: number, j: number): void {
    if (!this.table.has(fingerprint)) this.table.set(fingerprint, j);
    else this.collisions.set(fingerprint, [...(this.collisions.get(fingerprint) ?? []), j]);
  }

  get giantSteps(): number {
    return Math.ceil((this.maxValue + 1) / this.babySteps);
  }

  /** m with m·G = target and 0 ≤ m ≤ maxValue, or undefined when there is none. */
  solve(target: GroupElement): number | undefined {
    const generator = generatorBase();
    const total = this.giantSteps;
    let y = target;
    for (let start = 0; start < total; start += GIANT_BATCH) {
      const batch: GroupElement[] = [];
      for (let k = start; k < Math.min(start + GIANT_BATCH, total); k++) {
        batch.push(y);
        y = group.sub(y, this.giantStride);
      }
      const prints = group.fingerprints(batch);
      for (let k = 0; k < batch.length; k++) {
        const hit = this.table.get(prints[k]);
        if (hit === undefined) continue;
        for (const j of [hit, ...(this.collisions.get(prints[k]) ?? [])]) {
          const m = (start + k) * this.babySteps + j;
          if (m <= this.maxValue && group.equals(generator.mul(BigInt(m)), target)) return m;
        }
      }
    }
    return undefined;
  }
}
