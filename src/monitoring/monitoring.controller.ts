/**
 * What signed-in monitoring roles read and officials record (docs/spec/monitoring.md §5–7):
 * every component's state, incidents. Each request is authorised and logged by the account's
 * decider (MonitoringAccountService.authorize) before anything is read: no token → 401, a role
 * not entitled → 403.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { loadState } from '../command-path/stream-state';
import { newOpaqueId } from '../domain/authentication/secrets';
import { incidentsStream, INCIDENT_SEVERITIES, type IncidentSeverity } from '../domain/monitoring/events';
import { incidentDecider } from '../domain/monitoring/incident-decider';
import { entitled } from '../domain/monitoring/roles';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { bearerToken } from '../monitoring-accounts/bearer-token';
import { MonitoringAccountService } from '../monitoring-accounts/monitoring-account-service';
import { monitoringApi, MonitoringErrorFilter, MonitoringHttpError } from '../monitoring-accounts/monitoring-errors';
import { RecordIncidentCommand } from '../monitoring-accounts/monitoring.commands';
import { ComponentState, withoutDetail } from './component-state';
import { MONITORING_OPTIONS, type MonitoringOptions } from './monitoring-options';

const bad = (field: string) => new MonitoringHttpError(400, 'BAD_REQUEST', monitoringApi.pair('error.badRequest', { field }), { field });

@ApiTags('monitoring')
@Controller('api/monitoring')
@UseFilters(MonitoringErrorFilter)
export class MonitoringController {
  constructor(
    private readonly accounts: MonitoringAccountService,
    private readonly components: ComponentState,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
  ) {}

  private electionId(): string {
    if (!this.options.electionId) throw new MonitoringHttpError(404, 'NOT_FOUND', monitoringApi.pair('error.notFound'));
    return this.options.electionId;
  }

  @Get('components')
  async state(@Req() req: Request) {
    const who = await this.accounts.authorize(bearerToken(req), 'components');
    const snapshot = await this.components.snapshot();
    return { role: who.role, ...(entitled(who.role, 'components.detail') ? snapshot : withoutDetail(snapshot)) };
  }

  @Get('incidents')
  async incidents(@Req() req: Request) {
    await this.accounts.authorize(bearerToken(req), 'incidents');
    const { state } = await loadState(this.store, incidentsStream(this.electionId()), incidentDecider);
    return { incidents: Object.values(state.incidents).sort((a, b) => a.at.localeCompare(b.at)) };
  }

  @Post('incidents')
  @HttpCode(201)
  async record(@Body() body: unknown, @Req() req: Request) {
    const official = await this.accounts.authorize(bearerToken(req), 'incidents.record');
    const b = (body ?? {}) as Record<string, unknown>;
    if (!(INCIDENT_SEVERITIES as readonly unknown[]).includes(b.severity)) throw bad('severity');
    for (const field of ['component', 'summary']) if (typeof b[field] !== 'string') throw bad(field);
    const now = (this.options.clock?.() ?? new Date()).toISOString();
    if (b.occurredAt !== undefined && typeof b.occurredAt !== 'string') throw bad('occurredAt');
    const incidentId = newOpaqueId(this.options.random);
    const { events } = await this.commands.execute(new RecordIncidentCommand(this.electionId(), {
      type: 'RecordIncident', incidentId, severity: b.severity as IncidentSeverity, component: b.component as string, summary: b.summary as string,
      occurredAt: (b.occurredAt as string | undefined) ?? now, recordedBy: { accountId: official.accountId, role: official.role }, now,
    }, { actor: `monitoring:${official.accountId}` }));
    return events[0].data;
  }
}
