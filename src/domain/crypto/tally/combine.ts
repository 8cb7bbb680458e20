import { group } from '../active-group';
import type { Ciphertext } from '../elgamal';
import type { GroupElement } from '../group';
import { lagrangeAtZero } from './lagrange';
import { domainText } from '../../shared/domain-text';

export class NotEnoughTrusteesError extends Error {
  constructor(readonly have: number, readonly threshold: number, readonly optionId?: string) {
    super(domainText.both('crypto.notEnoughTrustees', { threshold, have }) + (optionId === undefined ? '' : ` (option ${optionId})`));
    this.name = 'NotEnoughTrusteesError';
  }
}

/**
 * M = β − Σ_{j∈S} λⱼ·Dⱼ = m·G, from the partial decryptions of any set S of at least t
 * trustees (already verified). Refuses fewer than t: with t − 1 shares the Lagrange sum is
 * the value at 0 of a different polynomial, so the "result" would be a wrong group element.
 */
export function combinePartialDecryptions(
  ciphertext: Ciphertext,
  shares: readonly { readonly trustee: number; readonly share: GroupElement }[],
  threshold: number,
  optionId?: string,
): GroupElement {
  const trustees = shares.map((s) => s.trustee);
  if (new Set(trustees).size !== trustees.length) throw new Error('each trustee may contribute only one partial decryption');
  if (trustees.length < threshold) throw new NotEnoughTrusteesError(trustees.length, threshold, optionId);
  const lambdas = lagrangeAtZero(trustees);
  // A handful of terms: separate variable-time multiplies are faster than an MSM (public data).
  const sDotAlpha = shares.reduce((acc, s) => group.add(acc, group.mulPublic(s.share, lambdas.get(s.trustee)!)), group.identity);
  return group.sub(ciphertext.beta, sDotAlpha);
}
