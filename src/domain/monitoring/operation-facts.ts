/**
 * The facts of an operation report and of the delivery status (docs/spec/monitoring.md §6–7),
 * folded from the ledger's events in order: turnout by hour, entity and country, credential
 * and code deliveries by entity and country, incidents, and the log's growth. Pure: the
 * caller reads the ledger and hands every event over once.
 *
 * Entity and country come from the voters' sealed registrations; only counts leave here, never
 * a pseudonym.
 */
export interface LedgerFact {
  stream: string;
  type: string;
  data: unknown;
  position: number;
  recordedAt: string;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
}

export interface PlaceCounts<T> {
  byEntity: Record<string, T>;
  byCountry: Record<string, T>;
}

export interface OperationFacts {
  period: { start: string; end: string };
  turnout: PlaceCounts<number> & { total: number; byHour: Record<string, number> };
  deliveries: { credentials: DeliveryCounts & PlaceCounts<DeliveryCounts>; codes: DeliveryCounts & PlaceCounts<DeliveryCounts>; resendsRequested: number };
  incidents: { incidentId: string; severity: string; component: string; summary: string; occurredAt: string; at: string }[];
  /** Events recorded before the period, and during it (every event is a leaf of the log). */
  log: { sizeAtStart: number; sizeAtEnd: number; growth: number };
}

const UNKNOWN = 'unknown';

export class OperationFactsFolder {
  private readonly places = new Map<string, { entity: string; country: string }>();
  private readonly casts: { pseudonym: string; at: string }[] = [];
  private readonly deliveries: { kind: 'credentials' | 'codes'; pseudonym: string; ok: boolean; at: string }[] = [];
  private readonly incidents: OperationFacts['incidents'] = [];
  private resends = 0;
  private sizeAtStart = 0;
  private sizeAtEnd = 0;
  private readonly start: number;
  private readonly end: number;
  private readonly voterPrefix: string;

  constructor(private readonly electionId: string, private readonly period: { start: string; end: string }) {
    this.start = Date.parse(period.start);
    this.end = Date.parse(period.end);
    this.voterPrefix = `voter-${electionId}-`;
  }

  private within(at: string): boolean {
    const t = Date.parse(at);
    return t >= this.start && t < this.end;
  }

  add(e: LedgerFact): void {
    const recorded = Date.parse(e.recordedAt);
    if (recorded < this.start) this.sizeAtStart = Math.max(this.sizeAtStart, e.position + 1);
    if (recorded < this.end) this.sizeAtEnd = Math.max(this.sizeAtEnd, e.position + 1);
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.stream.startsWith(this.voterPrefix)) {
      const pseudonym = e.stream.slice(this.voterPrefix.length);
      if (e.type === 'VoterRegistered') {
        const voter = (d.voter ?? {}) as { entityOfOrigin?: string; countryOfResidence?: string };
        this.places.set(pseudonym, { entity: voter.entityOfOrigin ?? UNKNOWN, country: voter.countryOfResidence ?? UNKNOWN });
      } else if (this.within(e.recordedAt)) {
        const kind = e.type === 'CredentialSent' || e.type === 'CredentialDeliveryFailed' ? 'credentials'
          : e.type === 'OneTimeCodeSent' || e.type === 'OneTimeCodeDeliveryFailed' ? 'codes' : undefined;
        if (kind) this.deliveries.push({ kind, pseudonym, ok: e.type.endsWith('Sent'), at: e.recordedAt });
      }
      return;
    }
    if (e.type === 'BallotCast' && d.electionId === this.electionId && typeof d.pseudonym === 'string') {
      const at = typeof d.castAt === 'string' ? d.castAt : e.recordedAt;
      if (this.within(at)) this.casts.push({ pseudonym: d.pseudonym, at });
    } else if (e.type === 'IncidentRecorded' && e.stream === `monitoring-incidents-${this.electionId}` && this.within(e.recordedAt)) {
      const { incidentId, severity, component, summary, occurredAt, at } = d as Record<string, string>;
      this.incidents.push({ incidentId, severity, component, summary, occurredAt, at });
    } else if (e.type === 'CredentialResendRequested' && e.stream === `monitoring-resends-${this.electionId}` && this.within(e.recordedAt)) {
      this.resends += 1;
    }
  }

  private place(pseudonym: string) {
    return this.places.get(pseudonym) ?? { entity: UNKNOWN, country: UNKNOWN };
  }

  facts(): OperationFacts {
    const turnout: OperationFacts['turnout'] = { total: 0, byHour: {}, byEntity: {}, byCountry: {} };
    for (const c of this.casts) {
      const hour = `${new Date(c.at).toISOString().slice(0, 13)}:00:00Z`;
      const { entity, country } = this.place(c.pseudonym);
      turnout.total += 1;
      turnout.byHour[hour] = (turnout.byHour[hour] ?? 0) + 1;
      turnout.byEntity[entity] = (turnout.byEntity[entity] ?? 0) + 1;
      turnout.byCountry[country] = (turnout.byCountry[country] ?? 0) + 1;
    }
    const counts = (kind: 'credentials' | 'codes') => {
      const out: DeliveryCounts & PlaceCounts<DeliveryCounts> = { sent: 0, failed: 0, byEntity: {}, byCountry: {} };
      for (const x of this.deliveries.filter((y) => y.kind === kind)) {
        const { entity, country } = this.place(x.pseudonym);
        const field = x.ok ? 'sent' : 'failed';
        out[field] += 1;
        (out.byEntity[entity] ??= { sent: 0, failed: 0 })[field] += 1;
        (out.byCountry[country] ??= { sent: 0, failed: 0 })[field] += 1;
      }
      return out;
    };
    return {
      period: { ...this.period },
      turnout: { ...turnout, byHour: sorted(turnout.byHour), byEntity: sorted(turnout.byEntity), byCountry: sorted(turnout.byCountry) },
      deliveries: { credentials: counts('credentials'), codes: counts('codes'), resendsRequested: this.resends },
      incidents: [...this.incidents],
      log: { sizeAtStart: this.sizeAtStart, sizeAtEnd: this.sizeAtEnd, growth: this.sizeAtEnd - this.sizeAtStart },
    };
  }
}

function sorted<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
