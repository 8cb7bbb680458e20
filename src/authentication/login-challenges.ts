/**
 * The server's sign-in challenges (docs/spec/roll-and-authentication.md §5): 32 bytes a voter's
 * browser signs with the credential key it derives from the password, proving possession without
 * sending the password. A challenge is
 *
 *   random (12 bytes) ‖ u32 expiry (seconds since the epoch) ‖ HMAC-SHA-256(key, random ‖ expiry)[0..16]
 *
 * so recognising an unexpired challenge needs only the key, and issuing one appends nothing (the
 * public log must not show who asks to sign in). Each is accepted once: a used one is remembered
 * until it expires.
 *
 * Where the key and the used ones live is a ChallengeStore. With several instances behind a
 * proxy the browser fetches its challenge from one instance and signs in on another, and a
 * replay may land on a third: the service therefore uses the PostgreSQL store
 * (postgres-challenge-store.ts), one key and one used-set for every instance. The in-memory
 * store is for one process alone (tests, tools).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationPolicy } from '../domain/authentication/policy';

export interface IssuedLoginChallenge {
  /** 64 lowercase hex digits. */
  challenge: string;
  expiresAt: string;
}

/** Shared state of the challenges: the MAC key, and the set of those already used. */
export interface ChallengeStore {
  /** The 32-byte MAC key, the same for every instance that shares the store. */
  key(): Promise<Buffer>;
  /** Records `challenge` as used until `expiry` (seconds since the epoch); true only the first time. */
  markUsed(challenge: Buffer, expiry: number, nowSeconds: number): Promise<boolean>;
}

/** One process's store: a random key and a map of used challenges (a restart forgets both). */
export class MemoryChallengeStore implements ChallengeStore {
  private readonly secret = randomBytes(32);
  private readonly used = new Map<string, number>();

  async key(): Promise<Buffer> {
    return this.secret;
  }

  async markUsed(challenge: Buffer, expiry: number, nowSeconds: number): Promise<boolean> {
    for (const [c, e] of this.used) if (e <= nowSeconds) this.used.delete(c);
    const id = challenge.toString('hex');
    if (this.used.has(id)) return false;
    this.used.set(id, expiry);
    return true;
  }
}

export class LoginChallenges {
  constructor(private readonly store: ChallengeStore = new MemoryChallengeStore()) {}

  async issue(now: string): Promise<IssuedLoginChallenge> {
    const expiry = Math.floor(Date.parse(now) / 1000) + AuthenticationPolicy.codeTtlMinutes * 60;
    const body = Buffer.concat([randomBytes(12), u32(expiry)]);
    return { challenge: Buffer.concat([body, await this.mac(body)]).toString('hex'), expiresAt: new Date(expiry * 1000).toISOString() };
  }

  /** True once for a challenge issued with this store's key and not expired; false afterwards. */
  async consume(challenge: unknown, now: string): Promise<boolean> {
    if (typeof challenge !== 'string' || !/^[0-9a-f]{64}$/.test(challenge)) return false;
    const bytes = Buffer.from(challenge, 'hex');
    const body = bytes.subarray(0, 16);
    if (!timingSafeEqual(bytes.subarray(16), await this.mac(body))) return false;
    const expiry = body.readUInt32BE(12);
    const seconds = Math.floor(Date.parse(now) / 1000);
    if (seconds >= expiry) return false;
    return this.store.markUsed(bytes, expiry, seconds);
  }

  private async mac(body: Buffer): Promise<Buffer> {
    return createHmac('sha256', await this.store.key()).update(body).digest().subarray(0, 16);
  }
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
