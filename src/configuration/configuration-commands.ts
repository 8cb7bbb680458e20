import { loadState, runCommand } from '../command-path/command-runner';
import type { ConfigurationCommand } from '../domain/configuration/commands';
import { configurationDecider, configurationStreamName } from '../domain/configuration/configuration-decider';
import type { ConfigurationEvent } from '../domain/configuration/events';
import type { ConfigurationState } from '../domain/configuration/state';
import type { ConfigurationLockedForOpening } from '../domain/opening/events';
import type { Decider } from '../domain/shared/decider';
import type { EventStore } from '../ledger/event-store';

/**
 * The configuration decider as the set-up runs it: the opening's lock marker (appended to the
 * configuration stream itself, src/domain/opening/events.ts) folds as "opened", so once the
 * opening has locked the configuration every configure / amend / ratify is refused with
 * ELECTION_ALREADY_OPENED — decided on the same stream, so no race can slip past it.
 */
type Folded = ConfigurationEvent | ConfigurationLockedForOpening;

export const lockedConfigurationDecider: Decider<ConfigurationCommand, Folded, ConfigurationState> = {
  decide: (command, state) => configurationDecider.decide(command, state),
  evolve: (state, event) =>
    event.type === 'ConfigurationLockedForOpening' ? { ...state, opened: true } : configurationDecider.evolve(state, event as ConfigurationEvent),
  initialState: configurationDecider.initialState,
};

export function runConfigurationCommand(store: EventStore, electionId: string, command: ConfigurationCommand) {
  const actor = `${command.actor.role}:${command.actor.id}`;
  return runCommand(store, configurationStreamName(electionId), lockedConfigurationDecider, command, { metadata: { actor } });
}

export function loadConfiguration(store: EventStore, electionId: string) {
  return loadState(store, configurationStreamName(electionId), lockedConfigurationDecider);
}
