/**
 * Monitoring over HTTP on the real stack (issue 16 §2): an official created at the console
 * creates an observer; each signs in with password then the SMS code and sees every component;
 * an anonymous client and a voter's session are refused; wrong passwords and codes are refused
 * and logged; a role not entitled to an action gets 403; an incident is recorded and shown.
 */
import request from 'supertest';
import { readOutbox } from '../../src/messaging/outbox';
import { codeFromSms } from '../../src/messaging/voter-messages';
import { loadState } from '../../src/command-path/stream-state';
import { monitoringAccountDecider } from '../../src/domain/monitoring/account-decider';
import { monitoringAccountStream } from '../../src/domain/monitoring/events';
import { monitoringAccountId } from '../../src/domain/monitoring/secrets';
import { COMPONENTS } from '../../src/monitoring/component-state';
import { signIn as voterSignIn } from '../voting/support/voter-client';
import { useMonitoringApp } from './support/monitoring-app';

jest.setTimeout(120_000);

const OFFICIAL = { username: 'funcionaria.ine', password: 'contraseña-larga-1', role: 'official' as const, name: 'Funcionaria INE', email: 'f@ine.example', mobilePhone: '+525511110001' };
const OBSERVER = { username: 'observador.1', password: 'otra-contraseña-2', role: 'observer' as const, name: 'Observador Uno', email: 'o@obs.example', mobilePhone: '+525511110002' };

describe('monitoring API', () => {
  const env = useMonitoringApp('monitoring_api');

  async function lastCode(phone: string, before: number): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const sms = await readOutbox(env.election.outboxDir, { channel: 'sms', to: phone });
      if (sms.length > before) return codeFromSms(sms[sms.length - 1].text)!;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no SMS for ${phone}`);
  }
  const smsCount = async (phone: string) => (await readOutbox(env.election.outboxDir, { channel: 'sms', to: phone })).length;

  async function signIn(who: { username: string; password: string; mobilePhone: string }): Promise<string> {
    const before = await smsCount(who.mobilePhone);
    const login = await request(env.server).post('/api/monitoring/login').send({ username: who.username, password: who.password }).expect(200);
    const code = await lastCode(who.mobilePhone, before);
    const confirm = await request(env.server).post('/api/monitoring/login/confirm').send({ challengeId: login.body.challengeId, code }).expect(200);
    return confirm.body.sessionToken as string;
  }

  let officialToken: string;
  let observerToken: string;

  beforeAll(async () => {
    // The first official, as `urna monitoring add-account` creates it: by the operator.
    await env.accounts.createAccount(OFFICIAL, { kind: 'operator' });
    officialToken = await signIn(OFFICIAL);
    await request(env.server).post('/api/monitoring/accounts').set('Authorization', `Bearer ${officialToken}`).send(OBSERVER).expect(201);
    observerToken = await signIn(OBSERVER);
  });

  it('a signed-in monitoring account sees every component; an official also sees the detail', async () => {
    for (const token of [officialToken, observerToken]) {
      const res = await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${token}`).expect(200);
      expect(Object.keys(res.body.components).sort()).toEqual([...COMPONENTS].sort());
      expect(res.body.components.database.status).toBe('up');
      expect(res.body.components.ledger.head).toBeGreaterThan(0);
      expect(res.body.components.smsGateway.sent).toBeGreaterThan(0);
      expect(res.body.components.disk.freeBytes).toBeGreaterThan(0);
    }
    const observer = await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${observerToken}`).expect(200);
    expect(observer.body.role).toBe('observer');
    expect(JSON.stringify(observer.body)).not.toContain('"detail"');
  });

  it('an anonymous client, a forged token and a voter\'s session get 401', async () => {
    await request(env.server).get('/api/monitoring/components').expect(401);
    await request(env.server).get('/api/monitoring/incidents').expect(401);
    const forged = `${officialToken.split('.')[0]}.${'a'.repeat(32)}`;
    await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${forged}`).expect(401);
    const voterToken = await voterSignIn(env.server, env.election.outboxDir, env.election.voters[0]);
    const res = await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${voterToken}`).expect(401);
    expect(res.body).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(typeof res.body.mensaje).toBe('string');
  });

  it('a wrong password, an unknown username and a wrong code are refused alike, and each refusal is on the account\'s sealed stream', async () => {
    const wrong = await request(env.server).post('/api/monitoring/login').send({ username: OBSERVER.username, password: 'not-the-password' }).expect(401);
    const unknown = await request(env.server).post('/api/monitoring/login').send({ username: 'nadie.aqui', password: 'not-the-password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    const before = await smsCount(OBSERVER.mobilePhone);
    const login = await request(env.server).post('/api/monitoring/login').send({ username: OBSERVER.username, password: OBSERVER.password }).expect(200);
    const code = await lastCode(OBSERVER.mobilePhone, before);
    const badCode = code === '000000' ? '000001' : '000000';
    const rejected = await request(env.server).post('/api/monitoring/login/confirm').send({ challengeId: login.body.challengeId, code: badCode }).expect(401);
    expect(rejected.body).toMatchObject({ error: 'CODE_REJECTED', details: { reason: 'wrong_code' } });
    const stream = monitoringAccountStream(env.election.electionId, monitoringAccountId(env.election.electionId, OBSERVER.username));
    const events = await env.store.readStream(stream);
    expect(events.every((e) => e.visibility === 'sealed')).toBe(true);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['MonitoringSignInFailed', 'MonitoringCodeRejected', 'MonitoringAccessed']));
    // The password is stored as a scrypt hash only.
    expect(JSON.stringify(events)).not.toContain(OBSERVER.password);
  });

  it('a role not entitled gets 403, and the refusal is logged as an access', async () => {
    await request(env.server).post('/api/monitoring/incidents').set('Authorization', `Bearer ${observerToken}`)
      .send({ severity: 'low', component: 'disk', summary: 'x' }).expect(403);
    await request(env.server).post('/api/monitoring/accounts').set('Authorization', `Bearer ${observerToken}`)
      .send({ ...OBSERVER, username: 'otro.observador' }).expect(403);
    const stream = monitoringAccountStream(env.election.electionId, monitoringAccountId(env.election.electionId, OBSERVER.username));
    const accesses = (await env.store.readStream(stream)).filter((e) => e.type === 'MonitoringAccessed').map((e) => e.data as { resource: string; granted: boolean; reason?: string });
    expect(accesses).toEqual(expect.arrayContaining([
      { resource: 'incidents.record', granted: false, reason: 'not_entitled', sessionId: expect.any(String), at: expect.any(String) },
      expect.objectContaining({ resource: 'components', granted: true }),
    ]));
  });

  it('the access log is for auditors and officials: it shows the observer\'s refused request, by username, without hashes or phones', async () => {
    await request(env.server).get('/api/monitoring/accesses').set('Authorization', `Bearer ${observerToken}`).expect(403);
    const log = await request(env.server).get('/api/monitoring/accesses').set('Authorization', `Bearer ${officialToken}`).expect(200);
    expect(log.body.entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ username: OBSERVER.username, role: 'observer', type: 'MonitoringAccessed', data: expect.objectContaining({ resource: 'incidents.record', granted: false }) }),
    ]));
    const text = JSON.stringify(log.body);
    for (const secret of [OBSERVER.mobilePhone, OBSERVER.email, 'tokenHash', 'codeHash', 'passwordHash']) expect(text).not.toContain(secret);
  });

  it('an official records an incident; every monitoring role sees it', async () => {
    const recorded = await request(env.server).post('/api/monitoring/incidents').set('Authorization', `Bearer ${officialToken}`)
      .send({ severity: 'high', component: 'smsGateway', summary: 'El proveedor de SMS rechaza mensajes a +52' }).expect(201);
    expect(recorded.body).toMatchObject({ severity: 'high', component: 'smsGateway' });
    const shown = await request(env.server).get('/api/monitoring/incidents').set('Authorization', `Bearer ${observerToken}`).expect(200);
    expect(shown.body.incidents).toEqual([expect.objectContaining({ incidentId: recorded.body.incidentId, summary: 'El proveedor de SMS rechaza mensajes a +52' })]);
  });

  it('delivery status by entity and country, for every role; a resend asked by an official only, once per interval', async () => {
    // The voter signed in above: their code SMS is a delivery of entity 01.
    const res = await request(env.server).get('/api/monitoring/deliveries').set('Authorization', `Bearer ${observerToken}`).expect(200);
    expect(res.body.codes.sent).toBeGreaterThan(0);
    // One voter of entity 01 got a code: a count that small is not shown under 01 but merged into "other".
    expect(Object.keys(res.body.codes.byEntity)).toEqual(['other']);
    expect(res.body.codes.byEntity.other.sent).toBe(res.body.codes.sent);
    expect(JSON.stringify(res.body)).not.toContain(env.election.voters[0].pseudonym);
    await request(env.server).get('/api/monitoring/deliveries').expect(401);
    const pseudonym = env.election.voters[1].pseudonym;
    const body = { pseudonym, reason: 'La persona reporta que no recibió el correo' };
    await request(env.server).post('/api/monitoring/credentials/resend').set('Authorization', `Bearer ${observerToken}`).send(body).expect(403);
    await request(env.server).post('/api/monitoring/credentials/resend').set('Authorization', `Bearer ${officialToken}`).send(body).expect(201);
    const again = await request(env.server).post('/api/monitoring/credentials/resend').set('Authorization', `Bearer ${officialToken}`).send(body).expect(422);
    expect(again.body.error).toBe('RESEND_TOO_SOON');
    const nobody = await request(env.server).post('/api/monitoring/credentials/resend').set('Authorization', `Bearer ${officialToken}`)
      .send({ ...body, pseudonym: 'a'.repeat(26) }).expect(422);
    expect(nobody.body.error).toBe('NOT_ON_ROLL');
  });

  it('an official issues the daily report; every role lists it; others may not issue one', async () => {
    await request(env.server).post('/api/monitoring/reports').set('Authorization', `Bearer ${observerToken}`).send({ kind: 'daily' }).expect(403);
    const issued = await request(env.server).post('/api/monitoring/reports').set('Authorization', `Bearer ${officialToken}`).send({ kind: 'daily' }).expect(201);
    expect(issued.body.jsonSha256).toMatch(/^[0-9a-f]{64}$/);
    const listed = await request(env.server).get('/api/monitoring/reports').set('Authorization', `Bearer ${observerToken}`).expect(200);
    expect(listed.body.reports).toEqual([expect.objectContaining({ kind: 'daily', jsonSha256: issued.body.jsonSha256 })]);
    await request(env.server).post('/api/monitoring/reports').set('Authorization', `Bearer ${officialToken}`).send({ kind: 'daily' }).expect(409);
  });

  it('/metrics carries the components\' measures and the gateways\' outcomes, and no personal data', async () => {
    const text = (await request(env.server).get('/metrics').expect(200)).text;
    for (const name of ['urna_checkpoint_age_seconds', 'urna_log_unsequenced_events', 'urna_projection_lag_events', 'urna_ledger_events', 'urna_disk_free_bytes']) expect(text).toContain(name);
    expect(text).toMatch(/urna_component_up\{component="database"\} 1/);
    expect(text).toMatch(/urna_messages_total\{channel="sms",kind="monitoring-code",outcome="accepted"\} \d+/);
    expect(text).not.toContain(OFFICIAL.mobilePhone);
  });

  it('a signed-out session is refused', async () => {
    const token = await signIn(OBSERVER);
    await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${token}`).expect(200);
    await request(env.server).post('/api/monitoring/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await request(env.server).get('/api/monitoring/components').set('Authorization', `Bearer ${token}`).expect(401);
    const { state } = await loadState(env.store, monitoringAccountStream(env.election.electionId, monitoringAccountId(env.election.electionId, OBSERVER.username)), monitoringAccountDecider);
    expect(Object.values(state.sessions).some((x) => x.ended)).toBe(true);
  });
});
