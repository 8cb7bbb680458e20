import { group } from '../active-group';
import type { GroupElement } from '../group';
import { littleEndianToBigint } from '../scalar';

/**
 * A random linear combination of verification equations, evaluated as ONE multi-scalar
 * multiplication. Each equation is written as "Σ sᵢ·Pᵢ = identity" and multiplied by a fresh
 * random 128-bit weight z; the sum of all weighted equations is the identity for honest
 * proofs, and if any equation fails it is the identity with probability ≤ 2⁻¹²⁸ (the group
 * has prime order, so a failing equation is a non-zero multiple of G and the weighted sum is
 * a non-zero linear polynomial in the weights).
 *
 * The generator G and the election key K appear in almost every equation, so their
 * coefficients are summed apart and enter the MSM once.
 */
export class LinearCombination {
  readonly points: GroupElement[] = [];
  readonly scalars: bigint[] = [];
  g = 0n;
  k = 0n;

  /** Adds s·P as a new term and returns its index (so more coefficients can join it). */
  term(point: GroupElement, s: bigint): number {
    this.points.push(point);
    this.scalars.push(s);
    return this.points.length - 1;
  }

  addAt(index: number, s: bigint): void {
    this.scalars[index] += s;
  }

  append(other: LinearCombination): void {
    for (let i = 0; i < other.points.length; i++) {
      this.points.push(other.points[i]);
      this.scalars.push(other.scalars[i]);
    }
    this.g += other.g;
    this.k += other.k;
  }

  /** True when Σ sᵢ·Pᵢ + g·G + k·K is the identity (variable time: public data only). */
  holds(publicKey: GroupElement): boolean {
    const result = group.msm([...this.points, group.generator, publicKey], [...this.scalars, this.g, this.k]);
    return group.isIdentity(result);
  }
}

/**
 * Weights come from one Web Crypto draw of WEIGHT_POOL_BYTES at a time: each call to
 * getRandomValues costs about as much as a whole 4 KiB draw, and a ballot of 61 options takes
 * about 250 weights (1.4 ms per ballot one call at a time, 0.2 ms pooled). Each 16 bytes are
 * handed out once, then zeroed. The bytes are as secret and as unpredictable to whoever chose
 * the batch as a draw made after it: nobody outside this process ever sees them.
 */
const WEIGHT_POOL_BYTES = 4096;
let weightPool = new Uint8Array(0);
let weightOffset = 0;

/** A uniformly random non-zero 128-bit weight from Web Crypto. */
export function randomWeight(): bigint {
  for (;;) {
    if (weightOffset + 16 > weightPool.length) {
      weightPool = globalThis.crypto.getRandomValues(new Uint8Array(WEIGHT_POOL_BYTES));
      weightOffset = 0;
    }
    const bytes = weightPool.subarray(weightOffset, weightOffset + 16);
    weightOffset += 16;
    const w = littleEndianToBigint(bytes);
    bytes.fill(0);
    if (w !== 0n) return w;
  }
}
