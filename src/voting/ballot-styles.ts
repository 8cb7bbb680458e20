/**
 * The manifest seen from the ballot: the crypto's ballot styles (contest ids and ordered option
 * ids, what the proofs bind to) and the view a voter's booth renders (labels, candidates,
 * emblems). A voter's style is their entity of origin (manifest.ballotStyles).
 */
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { ballotStyles, type BallotStyle, type BallotStyles } from '../domain/crypto/ballot';
import type { BallotContestView } from './voter-api-types';

export type { BallotContestView, BallotOptionView } from './voter-api-types';

export function cryptoBallotStyles(manifest: ElectionManifest): BallotStyles {
  const contests = new Map(manifest.contests.map((c) => [c.id, c]));
  const styles: BallotStyle[] = manifest.ballotStyles.map((s) => ({
    id: s.id,
    contests: s.contests.map((id) => {
      const contest = contests.get(id);
      if (!contest) throw new Error(`ballot style ${s.id} names unknown contest ${id}`);
      return { id, optionIds: contest.options.map((o) => o.id) };
    }),
  }));
  return ballotStyles(styles);
}

/** The style id of a voter of this entity, or undefined when the manifest has none. */
export function styleIdForEntity(manifest: ElectionManifest, entity: string): string | undefined {
  return manifest.ballotStyles.find((s) => s.entity === entity)?.id;
}

export function ballotView(manifest: ElectionManifest, styleId: string): BallotContestView[] {
  const style = manifest.ballotStyles.find((s) => s.id === styleId);
  if (!style) return [];
  const contests = new Map(manifest.contests.map((c) => [c.id, c]));
  return style.contests.map((id) => {
    const c = contests.get(id)!;
    return { id: c.id, label: c.label, ...(c.labelEn !== undefined ? { labelEn: c.labelEn } : {}), options: c.options.map((o) => ({ id: o.id, kind: o.kind, label: o.label, candidate: o.candidate, emblems: o.emblems })) };
  });
}
