/** Monitoring's commands (docs/spec/monitoring.md §4), each judged by its decider in src/domain/monitoring. */
import { CommandHandler } from '@nestjs/cqrs';
import { monitoringAccountDecider, type MonitoringAccountCommand, type MonitoringAccountState } from '../domain/monitoring/account-decider';
import {
  credentialResendsStream, incidentsStream, monitoringAccountStream, reportsStream,
  type CredentialResendRequested, type IncidentRecorded, type MonitoringAccountEvent, type OperationReportIssued,
} from '../domain/monitoring/events';
import { incidentDecider, type IncidentsState, type RecordIncident } from '../domain/monitoring/incident-decider';
import { reportDecider, type RecordOperationReport, type ReportsState } from '../domain/monitoring/report-decider';
import { credentialResendDecider, type CredentialResendsState, type RequestCredentialResend } from '../domain/monitoring/resend-decider';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

/** A command on one monitoring account's sealed stream. */
export class DecideMonitoringAccountCommand extends LedgerCommand<MonitoringAccountCommand, MonitoringAccountEvent, MonitoringAccountState> {
  constructor(electionId: string, readonly accountId: string, decision: MonitoringAccountCommand, context: CommandContext) {
    super(electionId, decision, context);
  }
}
/** A conflict (two requests of one account at once) is decided again on the fresher stream, so
 * a code's attempts or a failure count is never judged on stale state, and a second creation of
 * a username finds the first and is refused. */
@CommandHandler(DecideMonitoringAccountCommand)
export class MonitoringAccountHandler extends LedgerCommandHandler<DecideMonitoringAccountCommand, MonitoringAccountCommand, MonitoringAccountEvent, MonitoringAccountState> {
  protected readonly decider = monitoringAccountDecider;
  protected streamOf(command: DecideMonitoringAccountCommand): string {
    return monitoringAccountStream(command.electionId, command.accountId);
  }
}

export class RecordIncidentCommand extends LedgerCommand<RecordIncident, IncidentRecorded, IncidentsState> {}
@CommandHandler(RecordIncidentCommand)
export class RecordIncidentHandler extends LedgerCommandHandler<RecordIncidentCommand, RecordIncident, IncidentRecorded, IncidentsState> {
  protected readonly decider = incidentDecider;
  protected streamOf(command: RecordIncidentCommand): string {
    return incidentsStream(command.electionId);
  }
}

export class RecordOperationReportCommand extends LedgerCommand<RecordOperationReport, OperationReportIssued, ReportsState> {}
@CommandHandler(RecordOperationReportCommand)
export class RecordOperationReportHandler extends LedgerCommandHandler<RecordOperationReportCommand, RecordOperationReport, OperationReportIssued, ReportsState> {
  protected readonly decider = reportDecider;
  protected streamOf(command: RecordOperationReportCommand): string {
    return reportsStream(command.electionId);
  }
}

export class RequestCredentialResendCommand extends LedgerCommand<RequestCredentialResend, CredentialResendRequested, CredentialResendsState> {}
@CommandHandler(RequestCredentialResendCommand)
export class RequestCredentialResendHandler extends LedgerCommandHandler<RequestCredentialResendCommand, RequestCredentialResend, CredentialResendRequested, CredentialResendsState> {
  protected readonly decider = credentialResendDecider;
  protected streamOf(command: RequestCredentialResendCommand): string {
    return credentialResendsStream(command.electionId);
  }
}

export const monitoringCommandHandlers = [MonitoringAccountHandler, RecordIncidentHandler, RecordOperationReportHandler, RequestCredentialResendHandler];
