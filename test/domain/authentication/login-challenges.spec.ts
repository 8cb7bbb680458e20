/**
 * The server's sign-in challenges (src/authentication/login-challenges.ts), tried as an attacker
 * would: one the service did not issue, a tampered one, an expired one, one used before — each is
 * refused, and issuing one records nothing anywhere.
 */
import { LoginChallenges } from '../../../src/authentication/login-challenges';

const T0 = '2024-05-21T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('sign-in challenges', () => {
  it('are accepted once, within five minutes, by the service that issued them', async () => {
    const service = new LoginChallenges();
    const { challenge, expiresAt } = await service.issue(T0);
    expect(challenge).toMatch(/^[0-9a-f]{64}$/);
    expect(expiresAt).toBe(later(5));
    expect(await service.consume(challenge, later(4))).toBe(true);
    // Replayed: refused, however good the signature over it is.
    expect(await service.consume(challenge, later(4))).toBe(false);
  });

  it('refuse an expired challenge, a tampered one, another service\'s, and garbage', async () => {
    const service = new LoginChallenges();
    const expired = (await service.issue(T0)).challenge;
    expect(await service.consume(expired, later(5))).toBe(false);
    const c = (await service.issue(T0)).challenge;
    // Each byte of random part, expiry (pushing it later) and tag is covered by the MAC.
    for (const at of [0, 24, 30, 40, 63]) {
      const tampered = c.slice(0, at) + (c[at] === 'f' ? '0' : 'f') + c.slice(at + 1);
      expect(await service.consume(tampered, T0)).toBe(false);
    }
    expect(await service.consume((await new LoginChallenges().issue(T0)).challenge, T0)).toBe(false);
    for (const bad of ['', 'zz'.repeat(32), c.toUpperCase(), c.slice(2), 42, undefined]) expect(await service.consume(bad, T0)).toBe(false);
    // The untampered one still works.
    expect(await service.consume(c, T0)).toBe(true);
  });

  it('are all different', async () => {
    const service = new LoginChallenges();
    const issued = await Promise.all(Array.from({ length: 200 }, async () => (await service.issue(T0)).challenge));
    expect(new Set(issued).size).toBe(200);
  });
});
