import { group } from '../active-group';
import type { GroupElement } from '../group';
import { mod } from '../scalar';

/**
 * Shamir sharing over the scalar field, with Feldman commitments to the coefficients.
 * A dealer's polynomial is f(x) = a₀ + a₁x + … + a_{t−1}x^{t−1}; trustee j's share is f(j);
 * the commitments are Cₖ = aₖ·G, so anyone can compute f(j)·G = Σₖ jᵏ·Cₖ without learning f.
 */
export function evaluatePolynomial(coefficients: readonly bigint[], x: number): bigint {
  const xs = BigInt(x);
  let acc = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--) acc = mod(acc * xs + coefficients[k]);
  return acc;
}

/** The powers j⁰, j¹, …, j^{count−1} mod ℓ. */
export function powersOf(j: number, count: number): bigint[] {
  const out: bigint[] = [];
  let p = 1n;
  for (let k = 0; k < count; k++) {
    out.push(p);
    p = mod(p * BigInt(j));
  }
  return out;
}

/** Σₖ jᵏ·Cₖ: the public image f(j)·G of trustee j's share under the committed polynomial. */
export function committedShareImage(commitments: readonly GroupElement[], j: number): GroupElement {
  // Horner: (…(C_{t−1}·j + C_{t−2})·j + …)·j + C₀; multiplying by a small j is cheap.
  let acc = group.identity;
  for (let k = commitments.length - 1; k >= 0; k--) acc = group.add(group.mulPublic(acc, BigInt(j)), commitments[k]);
  return acc;
}
