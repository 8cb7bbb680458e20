import { base32 } from './base32';
import type { RandomSource } from './random-source';

/**
 * A voter's pseudonym: 128 bits from the injected CSPRNG, written as 26 characters of
 * lower-case RFC 4648 base32 without padding. It is NOT derived from the elector key or any
 * other personal datum, so nothing public links it to a person; the only link is the voter's
 * sealed VoterRegistered event. Public ballots carry it, and the published roll lists it, so
 * "one ballot per eligible pseudonym" is checkable by anyone.
 */
export const PSEUDONYM_BYTES = 16;
export const PSEUDONYM_PATTERN = /^[a-z2-7]{26}$/;

export function newPseudonym(random: RandomSource): string {
  return base32(random.bytes(PSEUDONYM_BYTES));
}

export function isPseudonym(value: unknown): value is string {
  return typeof value === 'string' && PSEUDONYM_PATTERN.test(value);
}
