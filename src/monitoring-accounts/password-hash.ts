/**
 * Monitoring accounts' passwords, hashed with scrypt (node:crypto) in a self-describing string
 * (docs/spec/monitoring.md §3):
 *
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64url, 16 bytes>$<hash, base64url, 32 bytes>
 *
 * Unlike voters (who prove a credential key and never send a password, issue 13), monitoring
 * accounts are few, chosen by an official, and sign in from an ordinary browser: a password
 * hashed at rest plus the one-time code is what the guidelines ask of them.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const DEFAULT_SCRYPT_LOG_N = 15;
const R = 8;
const P = 1;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashMonitoringPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, logN, R, P);
  return ['scrypt', logN, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `password` hashes to `stored`; false for a wrong password or a malformed hash. */
export async function monitoringPasswordMatches(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 4) return false;
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length !== 32) return false;
  const actual = await derive(password, Buffer.from(parts[4], 'base64url'), logN, r, p);
  return timingSafeEqual(actual, expected);
}

/** A hash nobody's password matches: an unknown username is checked against it, at the same cost. */
export const NOBODYS_HASH = `scrypt$${DEFAULT_SCRYPT_LOG_N}$8$1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;
