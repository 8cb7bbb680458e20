/** The monitoring account decider, attacked rule by rule (docs/spec/monitoring.md §3–4). */
import { fold } from '../../src/domain/shared/decider';
import {
  monitoringAccountDecider as d, type CreateMonitoringAccount, type MonitoringAccountState,
} from '../../src/domain/monitoring/account-decider';
import type { MonitoringAccountEvent } from '../../src/domain/monitoring/events';
import { incidentDecider } from '../../src/domain/monitoring/incident-decider';
import { reportDecider } from '../../src/domain/monitoring/report-decider';
import { credentialResendDecider } from '../../src/domain/monitoring/resend-decider';
import { ENTITLEMENTS, MONITORING_ROLES, entitled } from '../../src/domain/monitoring/roles';
import { monitoringAccountId, monitoringCodeHash, monitoringSessionHash } from '../../src/domain/monitoring/secrets';
import { eventCatalog } from '../../src/domain/event-catalog';

const T0 = '2026-06-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const accountId = monitoringAccountId('e1', 'obs.maria');

function creation(over: Partial<CreateMonitoringAccount> = {}): CreateMonitoringAccount {
  return {
    type: 'CreateMonitoringAccount', accountId, username: 'obs.maria', role: 'observer', name: 'María Pérez',
    email: 'maria@example.org', mobilePhone: '+525512345678', passwordHash: 'scrypt$16384$8$1$aa$bb',
    createdBy: { kind: 'operator' }, now: T0, ...over,
  };
}

function run(events: MonitoringAccountEvent[], ...commands: Parameters<typeof d.decide>[0][]): { state: MonitoringAccountState; events: MonitoringAccountEvent[] } {
  let state = fold(d, events);
  const all = [...events];
  for (const c of commands) {
    const out = d.decide(c, state);
    state = out.reduce(d.evolve, state);
    all.push(...out);
  }
  return { state, events: all };
}

const created = () => run([], creation()).events;
const code = (id: string, c: string) => ({ codeId: id, codeHash: monitoringCodeHash(id, c) });
const signedIn = () => run(created(),
  { type: 'SubmitMonitoringPassword', passwordMatches: true, newCode: code('c1', '123456'), now: at(1) },
  { type: 'VerifyMonitoringCode', codeId: 'c1', typedHash: monitoringCodeHash('c1', '123456'), newSession: { sessionId: 's1', tokenHash: monitoringSessionHash('tok') }, now: at(2) },
);

describe('monitoring accounts: creation', () => {
  it('an official or the operator creates; any other role is refused', () => {
    expect(created()[0].type).toBe('MonitoringAccountCreated');
    expect(d.decide(creation({ createdBy: { kind: 'account', accountId: '0'.repeat(32), role: 'official' } }), d.initialState())[0].data)
      .toMatchObject({ createdBy: `account:${'0'.repeat(32)}` });
    for (const role of MONITORING_ROLES.filter((r) => r !== 'official')) {
      expect(() => d.decide(creation({ createdBy: { kind: 'account', accountId: '0'.repeat(32), role } }), d.initialState())).toThrow(expect.objectContaining({ code: 'NOT_AN_OFFICIAL' }));
    }
  });

  it('refuses a second account with the same username, an unknown role, a bad phone or a hash that is not scrypt', () => {
    expect(() => run(created(), creation())).toThrow(expect.objectContaining({ code: 'MONITORING_ACCOUNT_EXISTS' }));
    expect(() => d.decide(creation({ role: 'root' as never }), d.initialState())).toThrow(expect.objectContaining({ code: 'INVALID_MONITORING_ACCOUNT' }));
    expect(() => d.decide(creation({ mobilePhone: '5512345678' }), d.initialState())).toThrow(expect.objectContaining({ code: 'INVALID_MONITORING_ACCOUNT' }));
    expect(() => d.decide(creation({ passwordHash: 'plain-password' }), d.initialState())).toThrow(expect.objectContaining({ code: 'INVALID_MONITORING_ACCOUNT' }));
    expect(() => d.decide(creation({ username: 'A B' }), d.initialState())).toThrow(expect.objectContaining({ code: 'INVALID_MONITORING_ACCOUNT' }));
  });

  it('every monitoring event is sealed (personal data and who looked at what)', () => {
    for (const type of ['MonitoringAccountCreated', 'MonitoringSessionStarted', 'MonitoringAccessed', 'IncidentRecorded', 'OperationReportIssued']) {
      expect(eventCatalog.get(type)?.visibility).toBe('sealed');
    }
  });
});

describe('monitoring accounts: sign-in', () => {
  it('a wrong password issues no code; the fifth in a row locks, and a locked account gets no code even with the right password', () => {
    const wrong = (n: number) => ({ type: 'SubmitMonitoringPassword' as const, passwordMatches: false, newCode: code(`w${n}`, '000000'), now: at(n) });
    const { events, state } = run(created(), wrong(1), wrong(2), wrong(3), wrong(4), wrong(5));
    expect(events.filter((e) => e.type === 'MonitoringCodeIssued')).toHaveLength(0);
    expect(state.lockedUntil).toBe(at(5 + 15));
    const right = d.decide({ type: 'SubmitMonitoringPassword', passwordMatches: true, newCode: code('c9', '111111'), now: at(6) }, state);
    expect(right).toEqual([expect.objectContaining({ type: 'MonitoringSignInFailed', data: expect.objectContaining({ reason: 'locked' }) })]);
    const later = d.decide({ type: 'SubmitMonitoringPassword', passwordMatches: true, newCode: code('c9', '111111'), now: at(21) }, state);
    expect(later[0].type).toBe('MonitoringCodeIssued');
  });

  it('a wrong, expired, reused or over-tried code opens no session', () => {
    const issued = run(created(), { type: 'SubmitMonitoringPassword', passwordMatches: true, newCode: code('c1', '123456'), now: at(1) }).events;
    const verify = (typed: string, now: string, sessionId = 's1') =>
      ({ type: 'VerifyMonitoringCode' as const, codeId: 'c1', typedHash: monitoringCodeHash('c1', typed), newSession: { sessionId, tokenHash: monitoringSessionHash(sessionId) }, now });
    expect(run(issued, verify('654321', at(2))).events.at(-1)).toMatchObject({ type: 'MonitoringCodeRejected', data: { reason: 'wrong_code' } });
    expect(run(issued, verify('123456', at(7))).events.at(-1)).toMatchObject({ type: 'MonitoringCodeRejected', data: { reason: 'expired' } });
    const thrice = run(issued, verify('1', at(2)), verify('2', at(2)), verify('3', at(2)), verify('123456', at(2)));
    expect(thrice.events.at(-1)).toMatchObject({ type: 'MonitoringCodeRejected', data: { reason: 'too_many_attempts' } });
    const once = run(issued, verify('123456', at(2)), verify('123456', at(3), 's2'));
    expect(once.events.at(-2)?.type).toBe('MonitoringSessionStarted');
    expect(once.events.at(-1)).toMatchObject({ type: 'MonitoringCodeRejected', data: { reason: 'used' } });
    // A code of another id (one never issued) opens nothing.
    expect(run(issued, { ...verify('123456', at(2)), codeId: 'cX' }).events.at(-1)).toMatchObject({ data: { reason: 'unknown_code' } });
  });
});

describe('monitoring accounts: access', () => {
  const ask = (token: string, resource: 'components' | 'incidents.record', now: string) =>
    ({ type: 'AuthorizeMonitoringAccess' as const, tokenHash: monitoringSessionHash(token), resource, now });

  it('grants what the role is entitled to and logs every request, refused ones included', () => {
    const s = signedIn();
    expect(run(s.events, ask('tok', 'components', at(3))).events.at(-1)).toMatchObject({ type: 'MonitoringAccessed', data: { granted: true, sessionId: 's1' } });
    expect(run(s.events, ask('tok', 'incidents.record', at(3))).events.at(-1)).toMatchObject({ data: { granted: false, reason: 'not_entitled' } });
    expect(run(s.events, ask('other', 'components', at(3))).events.at(-1)).toMatchObject({ data: { granted: false, reason: 'no_session' } });
    expect(run(s.events, ask('tok', 'components', at(2 + 480))).events.at(-1)).toMatchObject({ data: { granted: false, reason: 'expired' } });
    const ended = run(s.events, { type: 'EndMonitoringSession', tokenHash: monitoringSessionHash('tok'), now: at(3) }, ask('tok', 'components', at(4)));
    expect(ended.events.at(-1)).toMatchObject({ data: { granted: false, reason: 'ended' } });
  });

  it('the entitlement table: every role reads components; only officials act', () => {
    for (const role of MONITORING_ROLES) expect(entitled(role, 'components')).toBe(true);
    for (const action of ['accounts.create', 'incidents.record', 'credentials.resend', 'reports.produce'] as const) expect(ENTITLEMENTS[action]).toEqual(['official']);
  });
});

describe('incidents and reports', () => {
  const incident = (over: object = {}) => ({
    type: 'RecordIncident' as const, incidentId: 'a'.repeat(26), severity: 'high' as const, component: 'smsGateway', summary: 'SMS gateway timing out',
    occurredAt: at(0), recordedBy: { accountId: '0'.repeat(32), role: 'official' as const }, now: at(5), ...over,
  });
  it('an official records an incident once; other roles, a future time or an empty summary are refused', () => {
    const first = incidentDecider.decide(incident(), incidentDecider.initialState());
    expect(first[0].data).toMatchObject({ severity: 'high', recordedBy: `account:${'0'.repeat(32)}` });
    const state = fold(incidentDecider, first);
    expect(() => incidentDecider.decide(incident(), state)).toThrow(expect.objectContaining({ code: 'INCIDENT_EXISTS' }));
    expect(() => incidentDecider.decide(incident({ recordedBy: { accountId: '0'.repeat(32), role: 'observer' } }), state)).toThrow(expect.objectContaining({ code: 'NOT_AN_OFFICIAL' }));
    expect(() => incidentDecider.decide(incident({ incidentId: 'b'.repeat(26), occurredAt: at(6) }), state)).toThrow(expect.objectContaining({ code: 'INVALID_INCIDENT' }));
    expect(() => incidentDecider.decide(incident({ incidentId: 'b'.repeat(26), summary: '  ' }), state)).toThrow(expect.objectContaining({ code: 'INVALID_INCIDENT' }));
  });
  it('one daily report per day, one final, nothing after the final', () => {
    const report = (kind: 'daily' | 'final', day: string) => ({
      type: 'RecordOperationReport' as const, kind, periodStart: `${day}T00:00:00.000Z`, periodEnd: `${day}T23:59:59.999Z`,
      jsonSha256: 'a'.repeat(64), pdfSha256: 'b'.repeat(64), issuedBy: 'operator', now: at(0),
    });
    const one = fold(reportDecider, reportDecider.decide(report('daily', '2026-06-01'), reportDecider.initialState()));
    expect(() => reportDecider.decide(report('daily', '2026-06-01'), one)).toThrow(expect.objectContaining({ code: 'REPORT_EXISTS' }));
    const final = fold(reportDecider, [...one.reports.map((data) => ({ type: 'OperationReportIssued' as const, data })), ...reportDecider.decide(report('final', '2026-06-01'), one)]);
    expect(() => reportDecider.decide(report('daily', '2026-06-02'), final)).toThrow(expect.objectContaining({ code: 'FINAL_REPORT_ISSUED' }));
    expect(() => reportDecider.decide({ ...report('daily', '2026-06-02'), jsonSha256: 'xyz' }, one)).toThrow(expect.objectContaining({ code: 'INVALID_REPORT' }));
  });
});

describe('credential resend requests', () => {
  const r = credentialResendDecider;
  const ask = (over: object = {}) => ({
    type: 'RequestCredentialResend' as const, pseudonym: 'b'.repeat(26), onRoll: true, reason: 'no llegó el correo',
    requestedBy: { accountId: '0'.repeat(32), role: 'official' as const }, now: at(0), ...over,
  });
  it('an official asks for a voter on the roll, at most once per 15 minutes; nobody else may', () => {
    const once = fold(r, r.decide(ask(), r.initialState()));
    expect(() => r.decide(ask({ now: at(14) }), once)).toThrow(expect.objectContaining({ code: 'RESEND_TOO_SOON' }));
    expect(r.decide(ask({ now: at(15) }), once)).toHaveLength(1);
    expect(() => r.decide(ask({ requestedBy: { accountId: '0'.repeat(32), role: 'authority-staff' } }), r.initialState())).toThrow(expect.objectContaining({ code: 'NOT_AN_OFFICIAL' }));
    expect(() => r.decide(ask({ onRoll: false }), r.initialState())).toThrow(expect.objectContaining({ code: 'NOT_ON_ROLL' }));
  });
});
