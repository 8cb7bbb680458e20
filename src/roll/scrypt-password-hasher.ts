import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../domain/authentication/password-hasher';

/**
 * Passwords are stored only as scrypt hashes (RFC 7914) in this self-describing form:
 *
 *   scrypt$ln=15,r=8,p=1$<salt, base64 no padding>$<32-byte key, base64 no padding>
 *
 * Default parameters N = 2^15, r = 8, p = 1 (32 MiB of memory per hash), salt 16 random
 * bytes, key 32 bytes. Verification reads the parameters from the hash, so they can be raised
 * later without invalidating old hashes. Simulacros may choose a lower cost (e.g. ln=10) to
 * issue many credentials quickly; a real election uses the default.
 */
export interface ScryptParameters {
  /** log2 of N. */
  ln: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = { ln: 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const N = 2 ** params.ln;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

const inRange = (params: ScryptParameters) =>
  params.ln >= 10 && params.ln <= 20 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 16;

/** The parameters an encoded hash was made with, if it is one of ours and within range. */
export function scryptParametersOf(encodedHash: string): ScryptParameters | undefined {
  const m = FORMAT.exec(encodedHash);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  return inRange(params) ? params : undefined;
}

export class ScryptPasswordHasher implements PasswordHasher {
  /** One dummy per parameter set ("ln,r,p"): an unknown username costs what the roll's hashes cost. */
  private readonly dummies = new Map<string, Promise<string>>();

  constructor(private readonly params: ScryptParameters = DEFAULT_SCRYPT) {
    if (!inRange(params)) {
      throw new RangeError(`scrypt parameters out of range: ${JSON.stringify(params)}`);
    }
  }

  hash(password: string, like?: string): Promise<string> {
    return this.hashWith(password, (like === undefined ? undefined : scryptParametersOf(like)) ?? this.params);
  }

  private async hashWith(password: string, params: ScryptParameters): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, params);
    return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
  }

  async verify(password: string, encodedHash: string): Promise<boolean> {
    const m = FORMAT.exec(encodedHash);
    if (!m) throw new Error('not an Urna scrypt hash');
    const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    const key = await derive(password, Buffer.from(m[4], 'base64'), params);
    return timingSafeEqual(key, Buffer.from(m[5], 'base64'));
  }

  /** A hash of a random password nobody keeps, with the parameters of `like` (else the hasher's). */
  dummyHash(like?: string): Promise<string> {
    const params = (like === undefined ? undefined : scryptParametersOf(like)) ?? this.params;
    const key = `${params.ln},${params.r},${params.p}`;
    let dummy = this.dummies.get(key);
    if (!dummy) {
      dummy = this.hashWith(randomBytes(16).toString('hex'), params);
      this.dummies.set(key, dummy);
    }
    return dummy;
  }
}
