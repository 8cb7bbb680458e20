/**
 * Who monitors the election (numerals 26–28 of the guidelines) and what each may see and do.
 * docs/spec/monitoring.md §2 is this table in prose; the deciders and the HTTP layer read it
 * from here, so the spec, the rule and the test name one table.
 */
export const MONITORING_ROLES = [
  'party-representative',
  'independent-representative',
  'observer',
  'specialist',
  'auditor',
  'authority-staff',
  'official',
] as const;
export type MonitoringRole = (typeof MONITORING_ROLES)[number];

export const isMonitoringRole = (value: unknown): value is MonitoringRole =>
  typeof value === 'string' && (MONITORING_ROLES as readonly string[]).includes(value);

/**
 * What a session can ask for. Reads: the components' state, their technical detail (error
 * texts, gateway endpoints), delivery status, incidents, operation reports, the access log.
 * Acts: create accounts, record incidents, resend credentials, produce reports.
 */
export const MONITORING_RESOURCES = [
  'components',
  'components.detail',
  'deliveries',
  'incidents',
  'reports',
  'access-log',
  'accounts.create',
  'incidents.record',
  'credentials.resend',
  'reports.produce',
] as const;
export type MonitoringResource = (typeof MONITORING_RESOURCES)[number];

const EVERY_ROLE = MONITORING_ROLES;
const TECHNICAL: readonly MonitoringRole[] = ['specialist', 'auditor', 'authority-staff', 'official'];
const OFFICIAL: readonly MonitoringRole[] = ['official'];

/**
 * Every role sees every component, delivery status by entity and country (aggregates, never a
 * person), incidents and reports: the guidelines ask that parties and observers can follow the
 * operation. Technical detail (error texts that may name hosts) goes to the technical roles;
 * the access log to auditors and officials; acting is for officials alone.
 */
export const ENTITLEMENTS: Readonly<Record<MonitoringResource, readonly MonitoringRole[]>> = {
  components: EVERY_ROLE,
  'components.detail': TECHNICAL,
  deliveries: EVERY_ROLE,
  incidents: EVERY_ROLE,
  reports: EVERY_ROLE,
  'access-log': ['auditor', 'official'],
  'accounts.create': OFFICIAL,
  'incidents.record': OFFICIAL,
  'credentials.resend': OFFICIAL,
  'reports.produce': OFFICIAL,
};

export const isMonitoringResource = (value: unknown): value is MonitoringResource =>
  typeof value === 'string' && (MONITORING_RESOURCES as readonly string[]).includes(value);

export function entitled(role: MonitoringRole, resource: MonitoringResource): boolean {
  return ENTITLEMENTS[resource].includes(role);
}
