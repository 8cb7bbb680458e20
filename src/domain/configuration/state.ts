/** The configuration of one election as its events leave it. Plain data, never mutated. */
import type { ManifestContest } from './election-manifest';
import type { ContestIndexEntry, ContestsRatified, ManifestHeader } from './events';

export interface ConfigurationState {
  processId: string | null;
  /** 0 before ElectionConfigured, then 1, 2, … per amendment. */
  configurationVersion: number;
  manualSha256: string | null;
  manifestHash: string | null;
  manifestHeader: ManifestHeader | null;
  contestIndex: ContestIndexEntry[];
  /** Contests of the current version, by instance id. */
  contests: Record<string, ManifestContest>;
  /** Ratifications of the current manifest, by unit key ("federal", "local:09"). An
   * amendment empties this: a ratification is of one manifest hash only. */
  ratifications: Record<string, ContestsRatified['data']>;
  opened: boolean;
}

export const initialConfigurationState = (): ConfigurationState => ({
  processId: null,
  configurationVersion: 0,
  manualSha256: null,
  manifestHash: null,
  manifestHeader: null,
  contestIndex: [],
  contests: {},
  ratifications: {},
  opened: false,
});

export const isConfigured = (s: ConfigurationState): boolean => s.configurationVersion > 0;

/** The key of a ratification unit: the federal contests, or one entity's local contests. */
export const ratificationKey = (scope: 'federal' | 'local', entity: string | null): string => (scope === 'federal' ? 'federal' : `local:${entity}`);
