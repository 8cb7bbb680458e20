/**
 * The monitoring API's read models (src/projections/monitoring-projections.ts) equal a replay of
 * the ledger: the delivery status equals the operation reports' fold (OperationFactsFolder) over
 * every event, and the access log equals the whole-ledger read it replaced; after a rebuild from
 * an empty schema, the same again. And the API answers from them.
 */
import request from 'supertest';
import { OperationFactsFolder } from '../../src/domain/monitoring/operation-facts';
import { withoutSmallDeliveryPlaces } from '../../src/domain/monitoring/small-counts';
import { readOutbox } from '../../src/messaging/outbox';
import { codeFromSms } from '../../src/messaging/voter-messages';
import { MonitoringReadModels } from '../../src/monitoring/monitoring-read-models';
import { signIn as voterSignIn } from '../voting/support/voter-client';
import { useMonitoringApp } from './support/monitoring-app';

jest.setTimeout(120_000);

const OFFICIAL = { username: 'funcionario.proy', password: 'contraseña-larga-9', role: 'official' as const, name: 'Funcionario', email: 'p@ine.example', mobilePhone: '+525511110091' };

describe('monitoring read models', () => {
  const env = useMonitoringApp('monitoring_proj');

  /** Every ledger event, in order. */
  async function everything() {
    const out = [];
    const head = await env.store.head();
    for (let from = 0; from < head; from += 1000) out.push(...(await env.store.readAll({ from, limit: 1000 })));
    return out;
  }

  /** The delivery status by replaying the whole ledger through the reports' fold. */
  async function replayedDeliveries() {
    const folder = new OperationFactsFolder(env.election.electionId, { start: new Date(0).toISOString(), end: new Date(8.64e15).toISOString() });
    for (const e of await everything()) folder.add({ stream: e.stream, type: e.type, data: e.data, position: e.position, recordedAt: e.metadata.recordedAt });
    return folder.facts().deliveries;
  }

  /** The access log by replaying the whole ledger, as the API computed it before the projection. */
  async function replayedAccesses() {
    const prefix = `monitoring-account-${env.election.electionId}-`;
    const who = new Map<string, { username: string; role: string }>();
    const entries: Record<string, unknown>[] = [];
    for (const e of await everything()) {
      if (!e.stream.startsWith(prefix)) continue;
      const d = e.data as Record<string, unknown>;
      const accountId = e.stream.slice(prefix.length);
      if (e.type === 'MonitoringAccountCreated') {
        who.set(accountId, { username: String(d.username), role: String(d.role) });
        entries.push({ position: e.position, ...who.get(accountId), type: e.type, at: String(d.at), data: { createdBy: d.createdBy } });
        continue;
      }
      const { tokenHash: _t, codeHash: _c, ...safe } = d;
      entries.push({ position: e.position, ...who.get(accountId), type: e.type, at: String(d.at), data: safe });
    }
    return entries;
  }

  let token: string;

  beforeAll(async () => {
    await env.accounts.createAccount(OFFICIAL, { kind: 'operator' });
    await request(env.server).post('/api/monitoring/login').send({ username: OFFICIAL.username, password: 'wrong-password-1' }).expect(401);
    const before = (await readOutbox(env.election.outboxDir, { channel: 'sms', to: OFFICIAL.mobilePhone })).length;
    const login = await request(env.server).post('/api/monitoring/login').send({ username: OFFICIAL.username, password: OFFICIAL.password }).expect(200);
    let code: string | undefined;
    for (let i = 0; i < 100 && !code; i++) {
      const sms = await readOutbox(env.election.outboxDir, { channel: 'sms', to: OFFICIAL.mobilePhone });
      if (sms.length > before) code = codeFromSms(sms[sms.length - 1].text)!;
      else await new Promise((r) => setTimeout(r, 20));
    }
    token = (await request(env.server).post('/api/monitoring/login/confirm').send({ challengeId: login.body.challengeId, code }).expect(200)).body.sessionToken;
    // A voter's code SMS (a delivery), and a resend asked by the official.
    await voterSignIn(env.server, env.election.outboxDir, env.election.voters[0]);
    await request(env.server).post('/api/monitoring/credentials/resend').set('Authorization', `Bearer ${token}`)
      .send({ pseudonym: env.election.voters[1].pseudonym, reason: 'no llegó el correo' }).expect(201);
  });

  it('the delivery status equals the fold of the whole ledger, before and after a rebuild, and the API gives it', async () => {
    const models = env.app.get(MonitoringReadModels);
    const replayed = await replayedDeliveries();
    expect(replayed.codes.sent + replayed.credentials.sent).toBeGreaterThan(0);
    expect(replayed.resendsRequested).toBe(1);
    expect(await models.deliveries()).toEqual(replayed);
    await models.runner.rebuild('monitoring_deliveries');
    expect(await models.deliveries()).toEqual(await replayedDeliveries());
    const res = await request(env.server).get('/api/monitoring/deliveries').set('Authorization', `Bearer ${token}`).expect(200);
    const { gateways: _g, ...fromApi } = res.body;
    // The API merges places of fewer than 5 into "other" (small-counts.ts); the projection keeps them.
    expect(fromApi).toEqual(withoutSmallDeliveryPlaces(await replayedDeliveries()));
  });

  it('the access log equals the whole-ledger read, includes the request that reads it, and survives a rebuild', async () => {
    const models = env.app.get(MonitoringReadModels);
    const res = await request(env.server).get('/api/monitoring/accesses').set('Authorization', `Bearer ${token}`).expect(200);
    const replayed = await replayedAccesses();
    expect(res.body.entries).toEqual(replayed);
    // The read itself was logged before the answer was built.
    expect(res.body.entries[res.body.entries.length - 1]).toMatchObject({ username: OFFICIAL.username, role: 'official' });
    expect(JSON.stringify(res.body)).not.toMatch(/tokenHash|codeHash|\+5255/);
    await models.runner.rebuild('monitoring_access_log');
    expect(await models.accesses()).toEqual(await replayedAccesses());
  });
});
