/** The key ceremony's commands on the ceremony stream (numerals 19-20; docs/spec/crypto-ceremony-tally.md). */
import { CommandHandler } from '@nestjs/cqrs';
import type {
  CeremonyCommand, CompleteCeremony, DealShares, EnrolTrustee, OpenCeremony, PublishRound1, ReportShareCheck, SealFinalShare, WitnessCeremony,
} from '../domain/ceremony/commands';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream, type CeremonyEvent } from '../domain/ceremony/events';
import type { CeremonyState } from '../domain/ceremony/state';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

export abstract class CeremonyLedgerCommand<D extends CeremonyCommand> extends LedgerCommand<D, CeremonyEvent, CeremonyState> {}

abstract class CeremonyHandler<C extends CeremonyLedgerCommand<CeremonyCommand>>
  extends LedgerCommandHandler<C, CeremonyCommand, CeremonyEvent, CeremonyState> {
  protected readonly decider = ceremonyDecider;
  protected streamOf(command: C): string {
    return ceremonyStream(command.electionId);
  }
}

export class EnrolTrusteeCommand extends CeremonyLedgerCommand<EnrolTrustee> {}
@CommandHandler(EnrolTrusteeCommand)
export class EnrolTrusteeHandler extends CeremonyHandler<EnrolTrusteeCommand> {}

export class OpenCeremonyCommand extends CeremonyLedgerCommand<OpenCeremony> {}
@CommandHandler(OpenCeremonyCommand)
export class OpenCeremonyHandler extends CeremonyHandler<OpenCeremonyCommand> {}

export class PublishRound1Command extends CeremonyLedgerCommand<PublishRound1> {}
@CommandHandler(PublishRound1Command)
export class PublishRound1Handler extends CeremonyHandler<PublishRound1Command> {}

export class DealSharesCommand extends CeremonyLedgerCommand<DealShares> {}
@CommandHandler(DealSharesCommand)
export class DealSharesHandler extends CeremonyHandler<DealSharesCommand> {}

export class ReportShareCheckCommand extends CeremonyLedgerCommand<ReportShareCheck> {}
@CommandHandler(ReportShareCheckCommand)
export class ReportShareCheckHandler extends CeremonyHandler<ReportShareCheckCommand> {}

export class SealFinalShareCommand extends CeremonyLedgerCommand<SealFinalShare> {}
@CommandHandler(SealFinalShareCommand)
export class SealFinalShareHandler extends CeremonyHandler<SealFinalShareCommand> {}

export class WitnessCeremonyCommand extends CeremonyLedgerCommand<WitnessCeremony> {}
@CommandHandler(WitnessCeremonyCommand)
export class WitnessCeremonyHandler extends CeremonyHandler<WitnessCeremonyCommand> {}

export class CompleteCeremonyCommand extends CeremonyLedgerCommand<CompleteCeremony> {}
@CommandHandler(CompleteCeremonyCommand)
export class CompleteCeremonyHandler extends CeremonyHandler<CompleteCeremonyCommand> {}

export const ceremonyCommandHandlers = [
  EnrolTrusteeHandler, OpenCeremonyHandler, PublishRound1Handler, DealSharesHandler,
  ReportShareCheckHandler, SealFinalShareHandler, WitnessCeremonyHandler, CompleteCeremonyHandler,
];

/** The command class for a decision of the ceremony decider (the ceremony service steps through many). */
export function ceremonyCommandFor(electionId: string, decision: CeremonyCommand, context: CommandContext): CeremonyLedgerCommand<CeremonyCommand> {
  switch (decision.type) {
    case 'EnrolTrustee': return new EnrolTrusteeCommand(electionId, decision, context);
    case 'OpenCeremony': return new OpenCeremonyCommand(electionId, decision, context);
    case 'PublishRound1': return new PublishRound1Command(electionId, decision, context);
    case 'DealShares': return new DealSharesCommand(electionId, decision, context);
    case 'ReportShareCheck': return new ReportShareCheckCommand(electionId, decision, context);
    case 'SealFinalShare': return new SealFinalShareCommand(electionId, decision, context);
    case 'WitnessCeremony': return new WitnessCeremonyCommand(electionId, decision, context);
    case 'CompleteCeremony': return new CompleteCeremonyCommand(electionId, decision, context);
  }
}
