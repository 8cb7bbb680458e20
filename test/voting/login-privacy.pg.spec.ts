/**
 * Issue 11 §1.3 over HTTP, on the real stack (PostgreSQL ledger, Merkle log, voting API): what a
 * prober sees — the answer and the public log's entries (GET /log/entries) — is the same for a
 * wrong password of an existing username and for a username that does not exist, a lock adds
 * no entry of its own, and the login challenge id says nothing about the pseudonym.
 */
import request from 'supertest';
import type { App } from 'supertest/types';
import { type OpenElection, type TestVoter } from '../support/open-election';
import { useOpenElectionApp, type OpenElectionApp } from './support/open-election-app';
import { lastSmsCode, loginBody, smsCount } from './support/voter-client';

jest.setTimeout(120_000);

const WRONG = 'aaaa-bbbb-cccc-dddd';

describe('login privacy over HTTP', () => {
  const env = useOpenElectionApp('login_http', { voters: 6, entities: ['09', '14'] });
  let store: OpenElectionApp['store'];
  let app: OpenElectionApp['app'];
  let server: App;
  let election: OpenElection;
  let next = 0;
  const voter = (): TestVoter => election.voters[next++];

  beforeAll(() => {
    ({ store, app, server, election } = env);
  });

  /** The public log entries [start, end), as GET /log/entries serves them once the log has them. */
  async function logEntries(start: number, end: number): Promise<Array<Record<string, unknown>>> {
    for (let i = 0; i < 200; i++) {
      const res = await request(server).get(`/log/entries?start=${start}&end=${end}`);
      if (res.status === 200 && res.body.entries.length === end - start) return res.body.entries.map((e: { entry: Record<string, unknown> }) => e.entry);
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`log never reached ${end}`);
  }
  /** What a login adds to the public log (everything but positions, instants and commitment values), and its answer. */
  async function probe(username: string, password: string) {
    const body = await loginBody(server, username, password); // the challenge request appends nothing
    const head = await store.head();
    const res = await request(server).post('/api/voter/login').send(body);
    const entries = await logEntries(head, await store.head());
    const seen = entries.map(({ position: _p, recordedAt: _r, data, ...rest }) => ({ ...rest, commitment: /^[0-9a-f]{64}$/.test((data as { commitment?: string }).commitment ?? '') }));
    return { status: res.status, body: res.body, seen };
  }

  it('a wrong password for an existing username and an unknown username: same answer, same public entries', async () => {
    const v = voter();
    const known = await probe(v.username, WRONG);
    const unknown = await probe('v-zzzz-zzzz-zzzz', WRONG);
    const malformed = await probe('nadie', WRONG);
    expect(known.status).toBe(401);
    expect(known.seen).toEqual([{ format: 'urna-leaf/1', type: 'LoginFailed', version: 2, visibility: 'sealed', commitment: true }]);
    for (const other of [unknown, malformed]) {
      expect(other.status).toBe(known.status);
      expect(other.body).toEqual(known.body);
      expect(other.seen).toEqual(known.seen);
    }
  });

  it('locking an account adds no entry of its own: five wrong passwords and a refusal while locked look like unknown usernames to anyone without the password', async () => {
    const v = voter();
    const baseline = await probe('v-yyyy-yyyy-yyyy', WRONG);
    for (let i = 0; i < 5; i++) expect((await probe(v.username, WRONG)).seen).toEqual(baseline.seen);
    // A wrong password while locked: the answer of an unknown username.
    const guessWhileLocked = await probe(v.username, WRONG);
    expect(guessWhileLocked.status).toBe(401);
    expect(guessWhileLocked.body).toEqual(baseline.body);
    expect(guessWhileLocked.seen).toEqual(baseline.seen);
    // The voter's own proof while locked: told until when (issue 15), and the log still sees what it sees for anyone.
    const whileLocked = await probe(v.username, v.password);
    expect([whileLocked.status, whileLocked.body.error]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(Date.parse(whileLocked.body.details.lockedUntil)).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(whileLocked.body.mensaje).toContain('bloqueado');
    expect(whileLocked.seen).toEqual(baseline.seen);
    expect((await logEntries(0, await store.head())).filter((e) => e.type === 'AccountLocked')).toEqual([]);
  });

  it('the login challenge id holds no pseudonym, a pseudonym-bearing handle is refused, and the opaque id leads to a session', async () => {
    const v = voter();
    const before = await smsCount(election.outboxDir, v.record.mobilePhone);
    const login = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, v.password)).expect(200);
    const { challengeId } = login.body as { challengeId: string };
    expect(challengeId).toMatch(/^[a-z2-7]{26}$/);
    for (const o of election.voters) expect(challengeId).not.toContain(o.pseudonym);
    expect(JSON.stringify(login.body)).not.toContain(v.pseudonym);
    const code = await lastSmsCode(election.outboxDir, v.record.mobilePhone, before);
    const handle = await request(server).post('/api/voter/login/confirm').send({ challengeId: `${v.pseudonym}.${challengeId}`, code });
    expect([handle.status, handle.body.error, handle.body.details]).toEqual([401, 'ONE_TIME_CODE_REJECTED', { reason: 'unknown_code' }]);
    const confirmed = await request(server).post('/api/voter/login/confirm').send({ challengeId, code }).expect(200);
    const token = confirmed.body.sessionToken as string;
    // After the SMS code, the voter may learn their pseudonym (the ballot binds it).
    expect((await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body.pseudonym).toBe(v.pseudonym);
    const cast = await request(server).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`).expect(200);
    expect(cast.body.challengeId).toMatch(/^[a-z2-7]{26}$/);
    expect(cast.body.challengeId).not.toContain(v.pseudonym);
  });

  it('one voter\'s challenge id cannot confirm another voter\'s login, and a guessed id finds nobody', async () => {
    const [a, b] = [voter(), voter()];
    const beforeB = await smsCount(election.outboxDir, b.record.mobilePhone);
    const loginA = await request(server).post('/api/voter/login').send(await loginBody(server, a.username, a.password)).expect(200);
    await request(server).post('/api/voter/login').send(await loginBody(server, b.username, b.password)).expect(200);
    const codeB = await lastSmsCode(election.outboxDir, b.record.mobilePhone, beforeB);
    const crossed = await request(server).post('/api/voter/login/confirm').send({ challengeId: loginA.body.challengeId, code: codeB });
    expect([crossed.status, crossed.body.error]).toEqual([401, 'ONE_TIME_CODE_REJECTED']);
    const guessed = await request(server).post('/api/voter/login/confirm').send({ challengeId: 'a'.repeat(26), code: codeB });
    expect([guessed.status, guessed.body.details]).toEqual([401, { reason: 'unknown_code' }]);
  });
});
