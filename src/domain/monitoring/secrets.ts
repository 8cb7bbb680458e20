/**
 * The monitoring accounts' identifiers and the hashes kept of their secrets
 * (docs/spec/monitoring.md §3). Only hashes are recorded; codes travel once by SMS, tokens once
 * in the sign-in answer.
 *
 *   accountId  = hex(hash256("urna/v1/monitoring-account", electionId, username))[0..32]
 *   codeHash   = hex(hash256("urna/v1/monitoring-code", codeId, code))
 *   tokenHash  = hex(hash256("urna/v1/monitoring-session", token))
 *
 * The account id follows from the username, so the account's stream is found without a
 * directory and a username can be created only once per election.
 */
import { hash256, toHex, utf8 } from '../crypto/hash';
import { base32, CROCKFORD_LOWER } from '../roll/base32';
import type { RandomSource } from '../roll/random-source';

export const TAG_MONITORING_ACCOUNT = 'urna/v1/monitoring-account';
export const TAG_MONITORING_CODE = 'urna/v1/monitoring-code';
export const TAG_MONITORING_SESSION = 'urna/v1/monitoring-session';

/** A username: 3–64 of a–z, 0–9, '.', '_', '-', starting with a letter or digit. */
export const MONITORING_USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** An account id: 32 lowercase hex digits. */
export const ACCOUNT_ID = /^[0-9a-f]{32}$/;

export const canonicalMonitoringUsername = (typed: unknown): string | undefined => {
  if (typeof typed !== 'string') return undefined;
  const u = typed.trim().toLowerCase();
  return MONITORING_USERNAME.test(u) ? u : undefined;
};

export function monitoringAccountId(electionId: string, username: string): string {
  return toHex(hash256(TAG_MONITORING_ACCOUNT, utf8(electionId), utf8(username))).slice(0, 32);
}

export function monitoringCodeHash(codeId: string, code: string): string {
  return toHex(hash256(TAG_MONITORING_CODE, utf8(codeId), utf8(code)));
}

export function monitoringSessionHash(token: string): string {
  return toHex(hash256(TAG_MONITORING_SESSION, utf8(token)));
}

/** "<accountId>.<32 Crockford characters>" (160 random bits). */
export function newMonitoringToken(random: RandomSource, accountId: string): string {
  return `${accountId}.${base32(random.bytes(20), CROCKFORD_LOWER)}`;
}

/** The account a session token or a challenge id names, if well formed. */
export function accountOfHandle(handle: unknown): string | undefined {
  if (typeof handle !== 'string') return undefined;
  const m = /^([0-9a-f]{32})\.[0-9a-z]{26,32}$/.exec(handle);
  return m?.[1];
}
