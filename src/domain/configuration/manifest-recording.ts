/**
 * Splitting the manifest into the events that record it, and putting it back together. A
 * reader (the opening, the verifier) reassembles the manifest from the events and checks it
 * against the recorded hash before trusting it.
 */
import type { ElectionManifest, ManifestContest } from './election-manifest';
import type { ContestIndexEntry, ManifestHeader } from './events';
import { manifestHashHex } from './manifest-hash';

export function splitManifest(manifest: ElectionManifest): { header: ManifestHeader; contestIndex: ContestIndexEntry[]; contests: ManifestContest[] } {
  const { contests, ...header } = manifest;
  return {
    header,
    contestIndex: contests.map((c) => ({ id: c.id, scope: c.scope, entity: c.entity, options: c.options.length })),
    contests,
  };
}

export class ManifestReassemblyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestReassemblyError';
  }
}

/** Rebuilds the manifest; throws if a contest is missing or the hash differs from the recorded one. */
export function reassembleManifest(
  header: ManifestHeader,
  contestIndex: readonly ContestIndexEntry[],
  contests: Readonly<Record<string, ManifestContest>>,
  expectedHash: string,
): ElectionManifest {
  const ordered = contestIndex.map((entry) => {
    const c = contests[entry.id];
    if (!c) throw new ManifestReassemblyError(`contest ${entry.id} of the index has not been recorded`);
    return c;
  });
  // Key order does not matter: the hash is over the canonical (sorted) form.
  const manifest: ElectionManifest = { ...header, contests: ordered };
  const actual = manifestHashHex(manifest);
  if (actual !== expectedHash) throw new ManifestReassemblyError(`reassembled manifest hashes to ${actual}, but ${expectedHash} was recorded`);
  return manifest;
}
