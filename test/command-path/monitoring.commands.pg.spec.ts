/**
 * Monitoring's commands through the real CommandBus on PostgreSQL (docs/spec/monitoring.md §4):
 * each appends its sealed fact on its own stream with the sender as actor, and each decider's
 * refusal appends nothing. The rules themselves are tried one by one in
 * test/monitoring/account-decider.spec.ts and the HTTP specs beside it; here the wiring is: stream, actor, refusal.
 */
import { createHash } from 'node:crypto';
import { credentialResendsStream, incidentsStream, monitoringAccountStream, reportsStream } from '../../src/domain/monitoring/events';
import {
  DecideMonitoringAccountCommand, RecordIncidentCommand, RecordOperationReportCommand, RequestCredentialResendCommand,
} from '../../src/monitoring-accounts/monitoring.commands';
import { freshElectionId, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const NOW = '2026-06-01T12:00:00.000Z';
const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const official = { accountId: 'a'.repeat(32), role: 'official' as const };
const observer = { accountId: 'b'.repeat(32), role: 'observer' as const };
const base32 = (c: string) => c.repeat(26);

describe('monitoring commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_monitoring');
  });
  afterAll(async () => {
    await path.close();
  });

  it('creates an account on its own stream once, and refuses a second creation', async () => {
    const id = freshElectionId('mon');
    const accountId = 'c'.repeat(32);
    const create = () => new DecideMonitoringAccountCommand(id, accountId, {
      type: 'CreateMonitoringAccount', accountId, username: 'observador.uno', role: 'observer', name: 'Observadora Uno',
      email: 'uno@observa.example', mobilePhone: '+5215512345678', passwordHash: 'scrypt$15$8$1$c2FsdA$aGFzaA', createdBy: { kind: 'operator' }, now: NOW,
    }, { actor: 'operator:console' });
    const then = await when(path, monitoringAccountStream(id, accountId), create());
    expect(then.types).toEqual(['MonitoringAccountCreated']);
    await refused(path, create(), 'MONITORING_ACCOUNT_EXISTS');
  });

  it('records an incident from an official, and refuses one from an observer', async () => {
    const id = freshElectionId('mon');
    const incident = (by: typeof official | typeof observer, incidentId: string) => new RecordIncidentCommand(id, {
      type: 'RecordIncident', incidentId, severity: 'high', component: 'sms-gateway', summary: 'SMS sin entregar en Canadá',
      occurredAt: '2026-06-01T11:00:00.000Z', recordedBy: by, now: NOW,
    }, { actor: `account:${by.accountId}` });
    expect((await when(path, incidentsStream(id), incident(official, base32('a')))).types).toEqual(['IncidentRecorded']);
    await refused(path, incident(observer, base32('b')), 'NOT_AN_OFFICIAL');
    await refused(path, incident(official, base32('a')), 'INCIDENT_EXISTS');
  });

  it('records operation reports by hash, and nothing after the final one', async () => {
    const id = freshElectionId('mon');
    const report = (kind: 'daily' | 'final', periodStart: string) => new RecordOperationReportCommand(id, {
      type: 'RecordOperationReport', kind, periodStart, periodEnd: NOW, jsonSha256: hex(`json ${kind}`), pdfSha256: hex(`pdf ${kind}`), issuedBy: 'operator', now: NOW,
    }, { actor: 'operator:console' });
    expect((await when(path, reportsStream(id), report('daily', '2026-06-01T00:00:00.000Z'))).types).toEqual(['OperationReportIssued']);
    expect((await when(path, reportsStream(id), report('final', '2026-05-20T00:00:00.000Z'))).types).toEqual(['OperationReportIssued']);
    await refused(path, report('daily', '2026-06-01T06:00:00.000Z'), 'FINAL_REPORT_ISSUED');
  });

  it('records a credential resend request for a voter on the roll, and refuses one off the roll', async () => {
    const id = freshElectionId('mon');
    const resend = (onRoll: boolean) => new RequestCredentialResendCommand(id, {
      type: 'RequestCredentialResend', pseudonym: base32('c'), onRoll, reason: 'no llegó el correo', requestedBy: official, now: NOW,
    }, { actor: `account:${official.accountId}` });
    await refused(path, resend(false), 'NOT_ON_ROLL');
    expect((await when(path, credentialResendsStream(id), resend(true))).types).toEqual(['CredentialResendRequested']);
    await refused(path, resend(true), 'RESEND_TOO_SOON');
  });
});
