import type { ConfigurationCommand } from '../configuration/commands';
import { configurationDecider } from '../configuration/configuration-decider';
import type { ConfigurationEvent } from '../configuration/events';
import { isConfigured, type ConfigurationState } from '../configuration/state';
import { DomainError, type Decider } from '../shared/decider';
import type { ConfigurationLockedForOpening } from './events';
import { domainText } from '../shared/domain-text';

/** The opening locks the configuration it read its facts from (see events.ts for the race). */
export interface LockConfigurationForOpening {
  type: 'LockConfigurationForOpening';
  electionId: string;
  /** Revision of the configuration stream the opening's facts were read at. */
  readAtRevision: number;
  now: string;
}

export type ConfigurationStreamCommand = ConfigurationCommand | LockConfigurationForOpening;
export type ConfigurationStreamEvent = ConfigurationEvent | ConfigurationLockedForOpening;

/**
 * The configuration stream as a whole: the configuration decider's commands, plus the
 * opening's lock marker, which folds as "opened". Once the opening has locked the
 * configuration, every configure / amend / ratify is refused with ELECTION_ALREADY_OPENED,
 * decided on the same stream, so no race can slip past it. Locking again is a no-op.
 */
export const configurationStreamDecider: Decider<ConfigurationStreamCommand, ConfigurationStreamEvent, ConfigurationState> = {
  decide: (command, state) => {
    if (command.type !== 'LockConfigurationForOpening') return configurationDecider.decide(command, state);
    if (state.opened) return [];
    if (!isConfigured(state)) throw new DomainError('ELECTION_NOT_CONFIGURED', domainText.pair('opening.electionNotConfigured'));
    return [{
      type: 'ConfigurationLockedForOpening',
      data: {
        electionId: command.electionId, configurationVersion: state.configurationVersion, manifestHash: state.manifestHash!,
        readAtRevision: command.readAtRevision, at: command.now,
      },
    }];
  },
  evolve: (state, event) =>
    event.type === 'ConfigurationLockedForOpening' ? { ...state, opened: true } : configurationDecider.evolve(state, event),
  initialState: configurationDecider.initialState,
};
