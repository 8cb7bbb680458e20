/**
 * The election manifest as the log records it (record.md V8): the newest ElectionConfigured or
 * ConfigurationAmended of `configuration-<election>` with the ContestOptionsRecorded of its
 * configuration version, reassembled and checked against the hash it was recorded with.
 * Shared by `urna verify` and `urna monitor`.
 */
import type { ConfigurationRecordedData } from '../domain/configuration/events';
import type { ElectionManifest, ManifestContest } from '../domain/configuration/election-manifest';
import { reassembleManifest } from '../domain/configuration/manifest-recording';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';

/** Throws when the entries hold no configuration or it does not reassemble to its recorded hash. */
export function manifestFromLog(entries: readonly PublicEventEntry[], electionId: string): { manifest: ElectionManifest; manifestHash: string } {
  const stream = `configuration-${electionId}`;
  const recorded = entries.filter((e) => e.stream === stream && (e.type === 'ElectionConfigured' || e.type === 'ConfigurationAmended')).pop()?.data as ConfigurationRecordedData | undefined;
  if (!recorded) throw new Error(`the log has no ElectionConfigured in ${stream}`);
  const contests: Record<string, ManifestContest> = {};
  for (const e of entries) {
    const d = e.data as { configurationVersion?: number; contest?: ManifestContest };
    if (e.stream === stream && e.type === 'ContestOptionsRecorded' && d.configurationVersion === recorded.configurationVersion && d.contest) contests[d.contest.id] = d.contest;
  }
  return { manifest: reassembleManifest(recorded.manifestHeader, recorded.contestIndex, contests, recorded.manifestHash), manifestHash: recorded.manifestHash };
}
