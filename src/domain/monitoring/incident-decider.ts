/**
 * The incidents stream (`monitoring-incidents-<electionId>`): officials record what went wrong
 * during the operation; every monitoring role reads them (numeral 27). An incident, once
 * recorded, is never changed: a correction is a new incident that says so.
 */
import { DomainError, type Decider } from '../shared/decider';
import { monitoringText } from './account-decider';
import { INCIDENT_SEVERITIES, type IncidentRecorded } from './events';
import { entitled, type MonitoringRole } from './roles';

export interface RecordIncident {
  type: 'RecordIncident';
  incidentId: string;
  severity: IncidentRecorded['data']['severity'];
  component: string;
  summary: string;
  occurredAt: string;
  recordedBy: { accountId: string; role: MonitoringRole };
  now: string;
}

export interface IncidentsState {
  incidents: Readonly<Record<string, IncidentRecorded['data']>>;
}

const isoOk = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const bad = (field: string) => new DomainError('INVALID_INCIDENT', monitoringText.pair('error.badRequest', { field }), { field });

export function decideIncident(c: RecordIncident, s: IncidentsState): IncidentRecorded[] {
  if (!isoOk(c.now)) throw new DomainError('INVALID_TIME', monitoringText.pair('error.invalidTime'));
  if (!entitled(c.recordedBy.role, 'incidents.record')) throw new DomainError('NOT_AN_OFFICIAL', monitoringText.pair('error.notOfficial'));
  if (typeof c.incidentId !== 'string' || !/^[a-z2-7]{26}$/.test(c.incidentId)) throw bad('incidentId');
  if (s.incidents[c.incidentId]) throw new DomainError('INCIDENT_EXISTS', monitoringText.pair('error.incidentExists'));
  if (!(INCIDENT_SEVERITIES as readonly string[]).includes(c.severity)) throw bad('severity');
  if (typeof c.component !== 'string' || !/^[a-zA-Z][a-zA-Z0-9.-]{0,63}$/.test(c.component)) throw bad('component');
  if (typeof c.summary !== 'string' || c.summary.trim().length === 0 || c.summary.length > 2000) throw bad('summary');
  // An incident is reported after it happens, never before.
  if (!isoOk(c.occurredAt) || Date.parse(c.occurredAt) > Date.parse(c.now)) throw bad('occurredAt');
  return [{
    type: 'IncidentRecorded',
    data: {
      incidentId: c.incidentId, severity: c.severity, component: c.component, summary: c.summary.trim(),
      occurredAt: new Date(c.occurredAt).toISOString(), recordedBy: `account:${c.recordedBy.accountId}`, at: c.now,
    },
  }];
}

export const incidentDecider: Decider<RecordIncident, IncidentRecorded, IncidentsState> = {
  decide: decideIncident,
  evolve: (s, e) => ({ incidents: { ...s.incidents, [e.data.incidentId]: e.data } }),
  initialState: () => ({ incidents: {} }),
};
