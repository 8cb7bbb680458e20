import { hash256, u32, utf8 } from '../hash';
import { CeremonyTags } from './ceremony-tags';
import { domainText } from '../../shared/domain-text';

/**
 * What a ceremony is: its identifier, the number of trustees n and the threshold t (any t of
 * them can decrypt, t − 1 cannot). Trustees are numbered 1…n; the number is also the point at
 * which their share polynomial is evaluated, so 0 (the secret) is never anyone's index.
 *
 *   context = hash256("urna/v1/dkg-context", utf8(ceremonyId), u32(n), u32(t))
 *
 * Every proof and every share key of the ceremony includes `context`, so nothing made for one
 * ceremony (or one choice of n, t) is accepted in another.
 */
export interface CeremonyParams {
  readonly ceremonyId: string;
  readonly n: number;
  readonly t: number;
}

export const MAX_TRUSTEES = 64;
const CEREMONY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export class InvalidCeremonyParamsError extends Error {
  constructor(reason: string) {
    super(domainText.both('crypto.invalidCeremonyParameters', { reason }));
    this.name = 'InvalidCeremonyParamsError';
  }
}

/** The reason the parameters are unusable, or undefined when they are fine. */
export function ceremonyParamsProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null) return 'expected an object {ceremonyId, n, t}';
  const { ceremonyId, n, t } = p as Record<string, unknown>;
  if (typeof ceremonyId !== 'string' || !CEREMONY_ID.test(ceremonyId)) return 'ceremonyId must be 1–128 characters of A–Z a–z 0–9 . _ : -';
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_TRUSTEES) return `n must be an integer in [1, ${MAX_TRUSTEES}]`;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > n) return 't must be an integer in [1, n]';
  return undefined;
}

export function assertCeremonyParams(p: CeremonyParams): void {
  const problem = ceremonyParamsProblem(p);
  if (problem) throw new InvalidCeremonyParamsError(problem);
}

export function ceremonyContext(p: CeremonyParams): Uint8Array {
  return hash256(CeremonyTags.context, utf8(p.ceremonyId), u32(p.n), u32(p.t));
}

export const trusteeIndices = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
