/** evolve(state, event) → state: a pure fold over the configuration's events. */
import {
  CONFIGURATION_AMENDED,
  CONTEST_OPTIONS_RECORDED,
  CONTESTS_RATIFIED,
  ELECTION_CONFIGURED,
  ELECTION_OPENED,
  type ConfigurationEvent,
  type ConfigurationRecordedData,
} from './events';
import { ratificationKey, type ConfigurationState } from './state';

export function evolve(state: ConfigurationState, event: ConfigurationEvent): ConfigurationState {
  switch (event.type) {
    case ELECTION_CONFIGURED:
    case CONFIGURATION_AMENDED:
      return recorded(state, event.data);
    case CONTEST_OPTIONS_RECORDED:
      if (event.data.configurationVersion !== state.configurationVersion) return state;
      return { ...state, contests: { ...state.contests, [event.data.contest.id]: event.data.contest } };
    case CONTESTS_RATIFIED:
      if (event.data.manifestHash !== state.manifestHash) return state;
      return { ...state, ratifications: { ...state.ratifications, [ratificationKey(event.data.scope, event.data.entity)]: event.data } };
    case ELECTION_OPENED:
      return { ...state, opened: true };
    default:
      return state;
  }
}

/** A new version replaces the manifest and voids every ratification of the previous one. */
function recorded(state: ConfigurationState, d: ConfigurationRecordedData): ConfigurationState {
  return {
    ...state,
    processId: d.processId,
    configurationVersion: d.configurationVersion,
    manualSha256: d.manualSha256,
    manifestHash: d.manifestHash,
    manifestHeader: d.manifestHeader,
    contestIndex: d.contestIndex,
    contests: {},
    ratifications: {},
  };
}
