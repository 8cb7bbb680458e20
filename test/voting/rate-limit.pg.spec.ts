/**
 * Rate limiting and browser headers of the voter API, through HTTP on the real stack: a burst
 * past the per-IP or per-username budget gets 429 with Retry-After in the API's error shape,
 * and nothing is appended for the refused requests; CORS answers only the booth's origin.
 */
import request from 'supertest';
import { type OpenElection } from '../support/open-election';
import { BOOTH_ORIGIN } from './support/voting-app';
import { useOpenElectionApp, type OpenElectionApp } from './support/open-election-app';
import { loginBody } from './support/voter-client';

jest.setTimeout(120_000);

describe('voter API limits', () => {
  const env = useOpenElectionApp('voting_limits', { voters: 2, entities: ['01'] }, {
    perIp: { capacity: 1000, refillPerSecond: 1000 },
    perVoter: { capacity: 3, refillPerSecond: 0.001 },
  }, 6);
  let store: OpenElectionApp['store'];
  let app: OpenElectionApp['app'];
  let election: OpenElection;
  beforeAll(() => {
    ({ store, app, election } = env);
  });

  it('refuses a burst of logins for one username with 429 and Retry-After, appending nothing for the refused ones', async () => {
    const v = election.voters[0];
    const server = app.getHttpServer();
    const before = await store.head();
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, 'wrong-password-123'));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 3).every((s) => s === 401 || s === 400 || s === 403)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    expect(limited!.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(typeof limited!.body.mensaje).toBe('string');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Only the three answered attempts left events (sealed login failures); the refused ones none.
    const appended = (await store.readAll({ from: before })).length;
    expect(appended).toBeLessThanOrEqual(3 * 2);
    const afterBurst = await store.head();
    await request(server).post('/api/voter/login').send(await loginBody(server, v.username, 'x')).expect(429);
    expect(await store.head()).toBe(afterBurst);
    // Another voter is not affected.
    const other = await request(server).post('/api/voter/login').send(await loginBody(server, election.voters[1].username, election.voters[1].password));
    expect(other.status).toBe(200);
  });

  it('answers CORS only for the booth origin and sets security headers', async () => {
    const server = app.getHttpServer();
    const allowed = await request(server).options('/api/voter/login').set('Origin', BOOTH_ORIGIN).set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe(BOOTH_ORIGIN);
    const foreign = await request(server).options('/api/voter/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(server).get('/api/voter/ballot');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
