/**
 * The monitoring sign-in's budgets, like the voter API's: a burst of password guesses at one
 * username gets 429 with Retry-After once the name's budget is spent, and the refused guesses
 * append nothing; another username from elsewhere is not affected.
 */
import request from 'supertest';
import { monitoringAccountStream } from '../../src/domain/monitoring/events';
import { monitoringAccountId } from '../../src/domain/monitoring/secrets';
import { useMonitoringApp } from './support/monitoring-app';

jest.setTimeout(120_000);

describe('monitoring sign-in limits', () => {
  const env = useMonitoringApp('monitoring_limits', {
    signInLimits: { perAddress: { limit: 1000, windowMs: 60_000 }, perUsername: { limit: 3, windowMs: 60_000 } },
  });
  const target = { username: 'auditora.1', password: 'una-contraseña-larga', role: 'auditor' as const, name: 'Auditora', email: 'a@audit.example', mobilePhone: '+525511113333' };

  it('refuses the fourth guess at one username with 429 and Retry-After, appending nothing for it', async () => {
    await env.accounts.createAccount(target, { kind: 'operator' });
    const stream = monitoringAccountStream(env.election.electionId, monitoringAccountId(env.election.electionId, target.username));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(env.server).post('/api/monitoring/login').send({ username: target.username, password: `guess-${i}-xxxxxxx` })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const before = (await env.store.readStream(stream)).length;
    const limited = await request(env.server).post('/api/monitoring/login').send({ username: target.username, password: target.password }).expect(429);
    expect(limited.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await env.store.readStream(stream)).length).toBe(before);
    // Case does not open a fresh budget.
    await request(env.server).post('/api/monitoring/login').send({ username: target.username.toUpperCase(), password: 'x-xxxxxxxxxxxx' }).expect(429);
    // Another name has its own budget.
    await request(env.server).post('/api/monitoring/login').send({ username: 'otra.persona', password: 'x-xxxxxxxxxxxx' }).expect(401);
  });
});
