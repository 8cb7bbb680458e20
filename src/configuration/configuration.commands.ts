/** The configuration phase's commands on the configuration stream (docs/spec/configuration.md). */
import { CommandHandler } from '@nestjs/cqrs';
import type { AmendConfiguration, ConfigureElection, RatifyContests } from '../domain/configuration/commands';
import type { ConfigurationState } from '../domain/configuration/state';
import { configurationStreamName } from '../domain/configuration/configuration-decider';
import type { Actor } from '../domain/configuration/actors';
import {
  configurationStreamDecider, type ConfigurationStreamCommand, type ConfigurationStreamEvent,
} from '../domain/opening/configuration-stream-decider';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

export abstract class ConfigurationStreamLedgerCommand<D extends ConfigurationStreamCommand>
  extends LedgerCommand<D, ConfigurationStreamEvent, ConfigurationState> {}

export abstract class ConfigurationStreamHandler<C extends ConfigurationStreamLedgerCommand<ConfigurationStreamCommand>>
  extends LedgerCommandHandler<C, ConfigurationStreamCommand, ConfigurationStreamEvent, ConfigurationState> {
  protected readonly decider = configurationStreamDecider;
  protected streamOf(command: C): string {
    return configurationStreamName(command.electionId);
  }
}

/** The official who signs a configuration command is its actor in the ledger. */
const byOfficial = (actor: Actor): CommandContext => ({ actor: `${actor.role}:${actor.id}` });

export class ConfigureElectionCommand extends ConfigurationStreamLedgerCommand<ConfigureElection> {
  constructor(electionId: string, decision: ConfigureElection) {
    super(electionId, decision, byOfficial(decision.actor));
  }
}
@CommandHandler(ConfigureElectionCommand)
export class ConfigureElectionHandler extends ConfigurationStreamHandler<ConfigureElectionCommand> {}

export class AmendConfigurationCommand extends ConfigurationStreamLedgerCommand<AmendConfiguration> {
  constructor(electionId: string, decision: AmendConfiguration) {
    super(electionId, decision, byOfficial(decision.actor));
  }
}
@CommandHandler(AmendConfigurationCommand)
export class AmendConfigurationHandler extends ConfigurationStreamHandler<AmendConfigurationCommand> {}

export class RatifyContestsCommand extends ConfigurationStreamLedgerCommand<RatifyContests> {
  constructor(electionId: string, decision: RatifyContests) {
    super(electionId, decision, byOfficial(decision.actor));
  }
}
@CommandHandler(RatifyContestsCommand)
export class RatifyContestsHandler extends ConfigurationStreamHandler<RatifyContestsCommand> {}

export const configurationCommandHandlers = [
  ConfigureElectionHandler, AmendConfigurationHandler, RatifyContestsHandler
];
