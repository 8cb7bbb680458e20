import { mod, scalarInverse } from '../scalar';

/**
 * Lagrange coefficients at 0 for the trustee indices in `indices`:
 *   λⱼ = Π_{m∈S, m≠j} m / (m − j)   (mod ℓ)
 * so that for any polynomial f of degree < |S|, f(0) = Σⱼ λⱼ·f(j). With the shares xⱼ = F(j)
 * of the ceremony's joint polynomial F (degree t − 1), any t of them recover F(0)·α = s·α
 * "in the exponent", without anyone computing s.
 */
export function lagrangeAtZero(indices: readonly number[]): Map<number, bigint> {
  if (new Set(indices).size !== indices.length) throw new Error('Lagrange: the indices must be distinct');
  for (const j of indices) if (!Number.isInteger(j) || j < 1) throw new Error('Lagrange: indices are positive integers');
  // A tally combines every option of every contest with the same trustees, and each set costs
  // one modular inversion per trustee (a 253-bit exponentiation): computed once per set.
  const key = indices.join(',');
  let known = recent.get(key);
  if (!known) {
    if (recent.size >= RECENT_SETS) recent.clear();
    recent.set(key, (known = computeLagrangeAtZero(indices)));
  }
  return new Map(known); // the caller's own copy
}

/** Coefficients of the sets asked for lately, by their indices in the order given. */
const recent = new Map<string, ReadonlyMap<number, bigint>>();
const RECENT_SETS = 64;

function computeLagrangeAtZero(indices: readonly number[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const j of indices) {
    let num = 1n;
    let den = 1n;
    for (const m of indices) {
      if (m === j) continue;
      num = mod(num * BigInt(m));
      den = mod(den * BigInt(m - j));
    }
    out.set(j, mod(num * scalarInverse(den)));
  }
  return out;
}
