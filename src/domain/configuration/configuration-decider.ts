/** The configuration decider: configure, amend and ratify, up to the election's opening. */
import type { Decider } from '../shared/decider';
import type { ConfigurationCommand } from './commands';
import { decide } from './decide';
import type { ConfigurationEvent } from './events';
import { evolve } from './evolve';
import { initialConfigurationState, type ConfigurationState } from './state';

export const configurationDecider: Decider<ConfigurationCommand, ConfigurationEvent, ConfigurationState> = {
  decide,
  evolve,
  initialState: initialConfigurationState,
};

/** The stream that holds one election's configuration. Its handler must also fold the
 * lifecycle's ElectionOpened (stream `lifecycle-<id>`) so that nothing changes after opening. */
export const configurationStreamName = (processId: string): string => `configuration-${processId}`;
