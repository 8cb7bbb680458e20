/** The manifest in force, rebuilt from the state and checked against its recorded hash. */
import type { ElectionManifest } from './election-manifest';
import { reassembleManifest } from './manifest-recording';
import { isConfigured, type ConfigurationState } from './state';
import { ConfigurationRefusedError } from './configuration-errors';
import { domainText } from '../shared/domain-text';

export function currentManifest(state: ConfigurationState): ElectionManifest {
  if (!isConfigured(state) || !state.manifestHeader || !state.manifestHash) {
    throw new ConfigurationRefusedError('ELECTION_NOT_CONFIGURED', domainText.pair('configuration.electionNotConfigured'));
  }
  return reassembleManifest(state.manifestHeader, state.contestIndex, state.contests, state.manifestHash);
}
