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
import { incidentsStream, INCIDENT_SEVERITIES, reportsStream, type IncidentSeverity } from '../domain/monitoring/events';
import { incidentDecider } from '../domain/monitoring/incident-decider';
import { entitled } from '../domain/monitoring/roles';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { bearerToken } from '../monitoring-accounts/bearer-token';
import { MonitoringAccountService } from '../monitoring-accounts/monitoring-account-service';
import { monitoringApi, MonitoringErrorFilter, MonitoringHttpError } from '../monitoring-accounts/monitoring-errors';
import { RecordIncidentCommand, RequestCredentialResendCommand } from '../monitoring-accounts/monitoring.commands';
import { join } from 'node:path';
import { LOG_NOTE_SIGNER } from '../bulletin-board/bulletin-board.tokens';
import { reportDecider } from '../domain/monitoring/report-decider';
import { voterStream } from '../domain/roll/decider';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { operationReportsDir, produceOperationReport } from './operation-reports';
import { ComponentState, withoutDetail } from './component-state';
import { MonitoringReadModels } from './monitoring-read-models';
import { withoutSmallDeliveryPlaces } from '../domain/monitoring/small-counts';
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
    private readonly checkpoints: CheckpointService,
    @Inject(LOG_NOTE_SIGNER) private readonly signer: NoteSigner,
    private readonly readModels: MonitoringReadModels,
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

  /** Credential and code deliveries by entity and country since the start, and the gateways' counts. */
  @Get('deliveries')
  async deliveries(@Req() req: Request) {
    await this.accounts.authorize(bearerToken(req), 'deliveries');
    // A projection of the ledger (src/projections/monitoring-projections.ts), not a read of all of it per request.
    // Places with 1–4 voters are merged into "other" (src/domain/monitoring/small-counts.ts).
    return { ...withoutSmallDeliveryPlaces(await this.readModels.deliveries()), gateways: { mail: this.options.deliveries?.of('mail'), sms: this.options.deliveries?.of('sms') } };
  }

  /**
   * An official asks for a voter's credential message to be sent again. The request recorded here
   * is taken up by the same path as the voter's own ask (src/credentials/credential-resender.ts):
   * the credential authority e-mails a new password, within the per-voter cap.
   */
  @Post('credentials/resend')
  @HttpCode(201)
  async resend(@Body() body: unknown, @Req() req: Request) {
    const official = await this.accounts.authorize(bearerToken(req), 'credentials.resend');
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.pseudonym !== 'string' || !/^[a-z2-7]{26}$/.test(b.pseudonym)) throw bad('pseudonym');
    if (typeof b.reason !== 'string') throw bad('reason');
    const electionId = this.electionId();
    const registration = await this.store.readStream(voterStream(electionId, b.pseudonym), { limit: 1 });
    const { events } = await this.commands.execute(new RequestCredentialResendCommand(electionId, {
      type: 'RequestCredentialResend', pseudonym: b.pseudonym, onRoll: registration[0]?.type === 'VoterRegistered', reason: b.reason,
      requestedBy: { accountId: official.accountId, role: official.role }, now: this.now(),
    }, { actor: `monitoring:${official.accountId}` }));
    return events[0].data;
  }

  /**
   * The access log, for auditors and officials: every sign-in, code, session and access of every
   * monitoring account, in ledger order, by username and role (never name, e-mail or phone).
   */
  @Get('accesses')
  async accesses(@Req() req: Request) {
    await this.accounts.authorize(bearerToken(req), 'access-log');
    const entries = await this.readModels.accesses();
    return { entries };
  }

  @Get('reports')
  async reports(@Req() req: Request) {
    await this.accounts.authorize(bearerToken(req), 'reports');
    const { state } = await loadState(this.store, reportsStream(this.electionId()), reportDecider);
    return { reports: state.reports };
  }

  /** An official issues the daily (or final) operation report, signed with the log key. */
  @Post('reports')
  @HttpCode(201)
  async produce(@Body() body: unknown, @Req() req: Request) {
    const official = await this.accounts.authorize(bearerToken(req), 'reports.produce');
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.kind !== 'daily' && b.kind !== 'final') throw bad('kind');
    if (b.day !== undefined && (typeof b.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(b.day))) throw bad('day');
    const now = this.options.clock?.() ?? new Date();
    const produced = await produceOperationReport({
      store: this.store, commands: this.commands, checkpoints: this.checkpoints, signer: this.signer, electionId: this.electionId(),
      outDir: operationReportsDir(join(this.options.dataDir, 'documents')), issuedBy: `account:${official.accountId}`, now: () => now,
      snapshots: [...this.components.samples(new Date(0).toISOString(), now.toISOString()), await this.components.snapshot()],
    }, b.kind, b.day as string | undefined);
    return { kind: b.kind, period: produced.signed.report.period, jsonSha256: produced.jsonSha256, pdfSha256: produced.pdfSha256 };
  }

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
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
