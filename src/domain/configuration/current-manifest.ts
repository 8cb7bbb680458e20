/** The manifest in force, rebuilt from the state and checked against its recorded hash. */
import type { ElectionManifest } from './election-manifest';
import { reassembleManifest } from './manifest-recording';
import { isConfigured, type ConfigurationState } from './state';
import { ConfigurationRefusedError } from './configuration-errors';

export function currentManifest(state: ConfigurationState): ElectionManifest {
  if (!isConfigured(state) || !state.manifestHeader || !state.manifestHash) {
    throw new ConfigurationRefusedError('ELECTION_NOT_CONFIGURED', 'la elección aún no está configurada', 'the election is not configured yet');
  }
  return reassembleManifest(state.manifestHeader, state.contestIndex, state.contests, state.manifestHash);
}
