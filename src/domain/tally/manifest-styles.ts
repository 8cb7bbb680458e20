import type { BallotStyle } from '../crypto/ballot/ballot-style';
import type { ElectionManifest } from '../configuration/election-manifest';

/**
 * The crypto's ballot styles from the election manifest: a style (the entity of origin) lists
 * its contest ids; each contest's options are the manifest's, in ballot order. A voter's style
 * id is their entity code on the roll.
 */
export function manifestBallotStyles(manifest: ElectionManifest): BallotStyle[] {
  const contests = new Map(manifest.contests.map((c) => [c.id, c]));
  return manifest.ballotStyles.map((s) => ({
    id: s.id,
    contests: s.contests.map((id) => {
      const contest = contests.get(id);
      if (!contest) throw new Error(`ballot style ${s.id} names unknown contest ${id}`);
      return { id, optionIds: contest.options.map((o) => o.id) };
    }),
  }));
}

/** Contests that appear on at least one ballot style, in manifest order. */
export function talliedContests(manifest: ElectionManifest): ElectionManifest['contests'] {
  const used = new Set(manifest.ballotStyles.flatMap((s) => s.contests));
  return manifest.contests.filter((c) => used.has(c.id));
}
