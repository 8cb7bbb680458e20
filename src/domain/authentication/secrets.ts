import { frame, toHex, utf8 } from '../crypto/hash';
import { sha256 } from '@noble/hashes/sha2.js';
import { base32, CROCKFORD_LOWER } from '../roll/base32';
import { randomBelow, type RandomSource } from '../roll/random-source';
import { AuthenticationPolicy } from './policy';

/**
 * The secrets of authentication and how they are stored. Only hashes are ever recorded.
 *
 * - Username: "v-" + 12 Crockford base32 characters in groups of four (60 random bits), e.g.
 *   "v-7k2m-q9xd-4hzt": readable and typeable, and not guessable from anything about the voter.
 * - Password: 16 Crockford base32 characters in groups of four (80 random bits), drawn by the
 *   credential authority and sent once by e-mail; the voter's browser derives the credential key
 *   from it (docs/spec/credentials.md §3). The service never sees it and stores nothing of it.
 * - One-time code: 6 decimal digits, uniform. Stored as SHA-256 over (code id, purpose, code):
 *   the random code id salts it and the purpose keeps a login code from serving as a cast code.
 * - Session token: "<pseudonym>.<32 Crockford characters>" (160 random bits); stored as SHA-256.
 */
export const TAG_ONE_TIME_CODE = 'urna/v1/one-time-code';
export const TAG_SESSION_TOKEN = 'urna/v1/session-token';

export type CodePurpose = 'login' | 'cast';

function grouped(s: string): string {
  return s.match(/.{1,4}/g)!.join('-');
}

export function newUsername(random: RandomSource): string {
  return `v-${grouped(base32(random.bytes(8), CROCKFORD_LOWER).slice(0, 12))}`;
}

export function newPassword(random: RandomSource): string {
  return grouped(base32(random.bytes(10), CROCKFORD_LOWER));
}

export function newOneTimeCode(random: RandomSource): string {
  return String(randomBelow(random, 10 ** AuthenticationPolicy.codeDigits)).padStart(AuthenticationPolicy.codeDigits, '0');
}

/** Random identifier for a code or a session (128 bits, RFC 4648 base32). */
export function newOpaqueId(random: RandomSource): string {
  return base32(random.bytes(16));
}

export function newSessionToken(random: RandomSource, pseudonym: string): string {
  return `${pseudonym}.${base32(random.bytes(20), CROCKFORD_LOWER)}`;
}

/** The pseudonym a session token or challenge names (its part before the dot), if well formed. */
export function pseudonymOfHandle(handle: string): string | undefined {
  const m = /^([a-z2-7]{26})\.[0-9a-z]{26,32}$/.exec(handle);
  return m?.[1];
}

export function oneTimeCodeHash(codeId: string, purpose: CodePurpose, code: string): string {
  return toHex(sha256(frame(TAG_ONE_TIME_CODE, [utf8(codeId), utf8(purpose), utf8(code)])));
}

export function sessionTokenHash(token: string): string {
  return toHex(sha256(frame(TAG_SESSION_TOKEN, [utf8(token)])));
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** What a voter typed, as Crockford reads it: case, spaces and dashes do not matter, and the
 * look-alikes i, l → 1 and o → 0 are accepted. */
function crockfordTyped(s: string): string {
  return s.toLowerCase().replace(/[\s\-_]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
}

/** The canonical password (what is hashed): 16 characters, no dashes. */
export function canonicalPassword(typed: string): string {
  return crockfordTyped(typed);
}

/** The canonical username ("v-xxxx-xxxx-xxxx") for what a voter typed, or undefined. */
export function canonicalUsername(typed: string): string | undefined {
  const flat = crockfordTyped(typed);
  // The "v" prefix is optional when typing: 13 characters starting with v carry it.
  const body = flat.length === 13 && flat.startsWith('v') ? flat.slice(1) : flat;
  return /^[0-9a-hjkmnp-tv-z]{12}$/.test(body) ? `v-${grouped(body)}` : undefined;
}
