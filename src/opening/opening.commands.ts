/**
 * The opening phase's commands: the configuration locked at the revision the opening read,
 * the election opened with its zero report, and voting started by itself at the configured
 * instant (docs/spec/documents.md §1, record.md).
 */
import { CommandHandler } from '@nestjs/cqrs';
import type { OpenElection, StartVoting, LifecycleCommand } from '../domain/lifecycle/commands';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { LifecycleEvent } from '../domain/lifecycle/events';
import type { LifecycleState } from '../domain/lifecycle/state';
import type { LockConfigurationForOpening } from '../domain/opening/configuration-stream-decider';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';
import { ConfigurationStreamHandler, ConfigurationStreamLedgerCommand } from '../configuration/configuration.commands';

export abstract class LifecycleLedgerCommand<D extends LifecycleCommand> extends LedgerCommand<D, LifecycleEvent, LifecycleState> {}

export abstract class LifecycleHandler<C extends LifecycleLedgerCommand<LifecycleCommand>>
  extends LedgerCommandHandler<C, LifecycleCommand, LifecycleEvent, LifecycleState> {
  protected readonly decider = lifecycleDecider;
  protected streamOf(command: C): string {
    return lifecycleStream(command.electionId);
  }
}

/** Appended at `readAtRevision`, the configuration revision the opening's facts were read at, or not at all. */
export class LockConfigurationForOpeningCommand extends ConfigurationStreamLedgerCommand<LockConfigurationForOpening> {}
@CommandHandler(LockConfigurationForOpeningCommand)
export class LockConfigurationForOpeningHandler extends ConfigurationStreamHandler<LockConfigurationForOpeningCommand> {
  /** The lock holds only at the revision the opening read: a change that slipped in refuses it. */
  protected override expectedRevisionOf(command: LockConfigurationForOpeningCommand): number {
    return command.decision.readAtRevision;
  }
}

export class OpenElectionCommand extends LifecycleLedgerCommand<OpenElection> {}
@CommandHandler(OpenElectionCommand)
export class OpenElectionHandler extends LifecycleHandler<OpenElectionCommand> {}

export class StartVotingCommand extends LifecycleLedgerCommand<StartVoting> {}
@CommandHandler(StartVotingCommand)
export class StartVotingHandler extends LifecycleHandler<StartVotingCommand> {}

export const openingCommandHandlers = [LockConfigurationForOpeningHandler, OpenElectionHandler, StartVotingHandler];
