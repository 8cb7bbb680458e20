/**
 * The server's sign-in challenges (docs/spec/roll-and-authentication.md §5): 32 bytes a voter's
 * browser signs with the credential key it derives from the password, proving possession without
 * sending the password. A challenge is
 *
 *   random (12 bytes) ‖ u32 expiry (seconds since the epoch) ‖ HMAC-SHA-256(key, random ‖ expiry)[0..16]
 *
 * so the service needs no storage to recognise its own unexpired challenges, and issuing one
 * appends nothing (the public log must not show who asks to sign in). Each is accepted once: a
 * used one is remembered until it expires. The key lives in this process only; a restart, or
 * another instance, invalidates outstanding challenges (the browser asks for a fresh one).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationPolicy } from '../domain/authentication/policy';

export interface IssuedLoginChallenge {
  /** 64 lowercase hex digits. */
  challenge: string;
  expiresAt: string;
}

export class LoginChallenges {
  private readonly key = randomBytes(32);
  private readonly used = new Map<string, number>();

  issue(now: string): IssuedLoginChallenge {
    const expiry = Math.floor(Date.parse(now) / 1000) + AuthenticationPolicy.codeTtlMinutes * 60;
    const body = Buffer.concat([randomBytes(12), u32(expiry)]);
    return { challenge: Buffer.concat([body, this.mac(body)]).toString('hex'), expiresAt: new Date(expiry * 1000).toISOString() };
  }

  /** True once for a challenge this service issued and that has not expired; false afterwards. */
  consume(challenge: unknown, now: string): boolean {
    if (typeof challenge !== 'string' || !/^[0-9a-f]{64}$/.test(challenge)) return false;
    const bytes = Buffer.from(challenge, 'hex');
    const body = bytes.subarray(0, 16);
    if (!timingSafeEqual(bytes.subarray(16), this.mac(body))) return false;
    const expiry = body.readUInt32BE(12);
    const seconds = Math.floor(Date.parse(now) / 1000);
    if (seconds >= expiry) return false;
    this.prune(seconds);
    if (this.used.has(challenge)) return false;
    this.used.set(challenge, expiry);
    return true;
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16);
  }

  private prune(seconds: number): void {
    for (const [c, expiry] of this.used) if (expiry <= seconds) this.used.delete(c);
  }
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
