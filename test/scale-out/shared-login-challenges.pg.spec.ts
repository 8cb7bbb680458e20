/**
 * Sign-in challenges shared by every instance (src/authentication/postgres-challenge-store.ts):
 * two LoginChallenges on one PostgreSQL stand for two service processes behind the proxy. A
 * challenge fetched from one is accepted by the other, once; a replay on either, or two
 * sign-ins racing with one challenge, get it accepted exactly once; an expired or forged one
 * nowhere. Two in-memory stores show why the shared one is needed: they refuse each other's.
 */
import { Pool } from 'pg';
import { LoginChallenges } from '../../src/authentication/login-challenges';
import { PostgresChallengeStore } from '../../src/authentication/postgres-challenge-store';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

const T0 = '2026-06-07T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('sign-in challenges shared through PostgreSQL', () => {
  let pool: Pool;
  let schema: string;
  let a: LoginChallenges;
  let b: LoginChallenges;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
    schema = freshSchemaName('challenges');
    // Each "instance" has its own store object (its own key cache), as two processes would.
    [a, b] = [new LoginChallenges(new PostgresChallengeStore(pool, schema)), new LoginChallenges(new PostgresChallengeStore(pool, schema))];
  });

  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('a challenge from instance A is accepted once on instance B, and never again on either', async () => {
    const { challenge } = await a.issue(T0);
    expect(await b.consume(challenge, later(1))).toBe(true);
    expect(await b.consume(challenge, later(1))).toBe(false);
    expect(await a.consume(challenge, later(1))).toBe(false);
  });

  it('two sign-ins racing with one challenge on both instances: exactly one is accepted', async () => {
    for (let round = 0; round < 5; round++) {
      const { challenge } = await b.issue(T0);
      const outcomes = await Promise.all([a.consume(challenge, T0), b.consume(challenge, T0), a.consume(challenge, T0), b.consume(challenge, T0)]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    }
  });

  it('refuses an expired challenge and one under another key', async () => {
    const { challenge } = await a.issue(T0);
    expect(await b.consume(challenge, later(5))).toBe(false);
    const foreign = (await new LoginChallenges().issue(T0)).challenge;
    expect(await a.consume(foreign, T0)).toBe(false);
    expect(await b.consume(foreign, T0)).toBe(false);
  });

  it('with one process\'s memory each, instance B would refuse what A issued (why the store is shared)', async () => {
    const [memA, memB] = [new LoginChallenges(), new LoginChallenges()];
    expect(await memB.consume((await memA.issue(T0)).challenge, T0)).toBe(false);
  });
});
