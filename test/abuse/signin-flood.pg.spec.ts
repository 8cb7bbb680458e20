/**
 * Sign-in flooding through HTTP on the real stack (issue 16 §4.1): made-up usernames sent all at
 * once, from one address and then from many, while a real voter signs in. The work budget
 * (src/http/work-budget.ts) must refuse the one address's excess with 429 and Retry-After, shed
 * the unknown names beyond their own budget as ordinary failed sign-ins (no decoy work, nothing
 * appended), never answer 500, and let the real voter through. Each client gets its address
 * from X-Forwarded-For, believed from the loopback proxy as URNA_TRUSTED_PROXIES would allow.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { SIGN_IN_DOOR } from '../../src/http/sign-in-door';
import request from 'supertest';
import { useOpenElectionApp } from '../voting/support/open-election-app';
import { lastSmsCode, loginBody, smsCount } from '../voting/support/voter-client';
import type { TestVoter } from '../support/open-election';

jest.setTimeout(180_000);

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** A well-formed username nobody holds (the directory is asked, and answers no one). */
function madeUpUsername(): string {
  const chars = [...randomBytes(12)].map((b) => CROCKFORD[b % 32]).join('');
  return `v-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

describe('sign-in flooding', () => {
  const env = useOpenElectionApp('abuse_flood', { voters: 3, entities: ['01'] }, {
    trustedProxies: ['loopback'],
    work: { signIn: { concurrency: 2, queue: 16, perKey: 3, unknown: 3, maxWaitMs: 10_000 } },
  });

  /** A real voter's whole sign-in from `address`: login (200), then the SMS code (200). */
  async function realSignIn(voter: TestVoter, address: string): Promise<{ login: request.Response; confirmed: boolean }> {
    const { server, election } = env;
    const before = await smsCount(election.outboxDir, voter.record.mobilePhone);
    const body = await loginBody(server, voter.username, voter.password);
    // As the booth does: after a 503 (the global queue full on a loaded machine), wait and retry.
    let login = await request(server).post('/api/voter/login').set('X-Forwarded-For', address).send(body);
    for (let i = 0; i < 3 && login.status === 503; i++) {
      await new Promise((r) => setTimeout(r, Number(login.headers['retry-after'] ?? 1) * 1000));
      login = await request(server).post('/api/voter/login').set('X-Forwarded-For', address).send(await loginBody(server, voter.username, voter.password));
    }
    if (login.status !== 200) return { login, confirmed: false };
    const code = await lastSmsCode(election.outboxDir, voter.record.mobilePhone, before);
    const confirm = await request(server).post('/api/voter/login/confirm').set('X-Forwarded-For', address).send({ challengeId: login.body.challengeId, code });
    return { login, confirmed: confirm.status === 200 && typeof confirm.body.sessionToken === 'string' };
  }

  /** `n` sign-ins of made-up names, each with a fresh challenge and a well-formed signature, sent at once. */
  async function flood(n: number, addressOf: (i: number) => string): Promise<Promise<request.Response>[]> {
    // Challenges one after another (the front door allows an address a few requests at once).
    const bodies: Awaited<ReturnType<typeof loginBody>>[] = [];
    for (let i = 0; i < n; i++) bodies.push(await loginBody(env.server, madeUpUsername(), 'zzzz-zzzz-zzzz-zzzz'));
    return bodies.map((body, i) => request(env.server).post('/api/voter/login').set('X-Forwarded-For', addressOf(i)).send(body).then((r) => r));
  }

  it('refuses one address flooding with 429 and Retry-After, while a real voter elsewhere signs in', async () => {
    const pending = await flood(60, () => '203.0.113.9');
    const real = realSignIn(env.election.voters[0], '198.51.100.7');
    const answers = await Promise.all(pending);
    const { login, confirmed } = await real;
    expect(login.status).toBe(200);
    expect(confirmed).toBe(true);
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const limited = answers.filter((r) => r.status === 429);
    // At most 3 of the address's attempts run or wait at once: of 60 sent together (the HTTP
    // client spreads them over a few milliseconds), a good share is refused.
    expect(limited.length).toBeGreaterThanOrEqual(15);
    for (const r of limited) {
      expect(r.body).toMatchObject({ error: 'RATE_LIMITED' });
      expect(r.body.mensaje).toMatch(/intente de nuevo/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // The refused names are refused like any wrong sign-in: nothing says a name does not exist.
    for (const r of answers.filter((a) => a.status === 401)) expect(r.body.error).toBe('AUTHENTICATION_FAILED');
  });

  it('sheds made-up names from many addresses as failed sign-ins, appending nothing for them, while a real voter signs in', async () => {
    const before = await env.store.head();
    const pending = await flood(60, (i) => `10.${(i >> 8) & 255}.${i & 255}.1`);
    const real = realSignIn(env.election.voters[1], '198.51.100.8');
    const answers = await Promise.all(pending);
    const { login, confirmed } = await real;
    expect(login.status).toBe(200);
    expect(confirmed).toBe(true);
    // Every made-up name gets the one answer of a failed sign-in, or, when the machine is so slow
    // that the global queue's wait runs out, 503 with Retry-After; never a 500, never 429 (each
    // address sent one).
    for (const r of answers) {
      if (r.status === 503) {
        expect(r.body.error).toBe('SERVICE_BUSY');
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      } else {
        expect(r.status).toBe(401);
        expect(r.body.error).toBe('AUTHENTICATION_FAILED');
      }
    }
    expect(answers.filter((r) => r.status === 401).length).toBeGreaterThan(30);
    // Only the unknown names the budget admitted did the decoy work and left their sealed refusal:
    // the real voter's sign-in appends a few events; the flood must have left fewer than 60.
    const appended = await env.store.readAll({ from: before });
    const unknownRefusals = appended.filter((e) => e.type === 'LoginFailed' && (e.data as { reason?: string }).reason === 'unknown_username');
    expect(unknownRefusals.length).toBeGreaterThan(0);
    expect(unknownRefusals.length).toBeLessThan(60);
  });

  it('still lets a real voter sign in once the flood is over, from an address that flooded', async () => {
    const { login, confirmed } = await realSignIn(env.election.voters[2], '203.0.113.9');
    expect(login.status).toBe(200);
    expect(confirmed).toBe(true);
  });

  it('refuses a flooded address at the door before reading the body: the excess gets 429 even with a body that is not JSON', async () => {
    const server = env.server as unknown as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    // SIGN_IN_DOOR.perKey requests whose bodies never end: each holds its place at the door. Had
    // the body parser come first, they would wait there without holding anything.
    const held: Socket[] = [];
    for (let i = 0; i < SIGN_IN_DOOR.perKey; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('POST /api/voter/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Forwarded-For: 192.0.2.77\r\n\r\n{');
      held.push(socket);
    }
    try {
      await new Promise((r) => setTimeout(r, 500));
      const excess = await request(server).post('/api/voter/login').set('X-Forwarded-For', '192.0.2.77').set('Content-Type', 'application/json').send('not json');
      expect(excess.status).toBe(429);
      expect(excess.headers['retry-after']).toBeDefined();
      expect(excess.body.error).toBe('RATE_LIMITED');
      // Another address is not held up by this one's bodies: its bad body reaches the parser.
      const other = await request(server).post('/api/voter/login').set('X-Forwarded-For', '192.0.2.78').set('Content-Type', 'application/json').send('not json');
      expect(other.status).toBe(400);
    } finally {
      for (const socket of held) socket.destroy();
    }
    // Once those clients are gone, their places are free again.
    await new Promise((r) => setTimeout(r, 200));
    const after = await request(server).post('/api/voter/login').set('X-Forwarded-For', '192.0.2.77').set('Content-Type', 'application/json').send('not json');
    expect(after.status).toBe(400);
  });
});
