/**
 * The part of an election manifest a ballot needs: which contests a voter of this style
 * answers, in which order, and the ordered options of each. Kept minimal and local so the
 * ballot code depends on no configuration module; the configuration's ElectionManifest maps
 * onto it (style id → contests → option ids).
 *
 * Every contest is "exactly one of N options" (parties, coalitions, independent candidates,
 * non-registered candidate, null vote all count as options), so N ≥ 2.
 */
export interface BallotContest {
  readonly id: string;
  /** Option ids in ballot order; the position is the option index bound into the proofs. */
  readonly optionIds: readonly string[];
}

export interface BallotStyle {
  readonly id: string;
  readonly contests: readonly BallotContest[];
}

/** Looks styles up by id; a plain Map works. */
export type BallotStyles = ReadonlyMap<string, BallotStyle>;

export class InvalidBallotStyleError extends Error {
  constructor(reason: string) {
    super(`invalid ballot style: ${reason}`);
    this.name = 'InvalidBallotStyleError';
  }
}

/** Throws InvalidBallotStyleError unless ids are non-empty and unique and every contest has ≥ 2 options. */
export function assertValidBallotStyle(style: BallotStyle): void {
  if (typeof style.id !== 'string' || style.id.length === 0) throw new InvalidBallotStyleError('empty style id');
  if (style.contests.length === 0) throw new InvalidBallotStyleError(`style ${style.id} has no contests`);
  const contestIds = new Set<string>();
  for (const contest of style.contests) {
    if (typeof contest.id !== 'string' || contest.id.length === 0) throw new InvalidBallotStyleError('empty contest id');
    if (contestIds.has(contest.id)) throw new InvalidBallotStyleError(`contest ${contest.id} appears twice`);
    contestIds.add(contest.id);
    if (contest.optionIds.length < 2) throw new InvalidBallotStyleError(`contest ${contest.id} needs at least 2 options`);
    if (new Set(contest.optionIds).size !== contest.optionIds.length) {
      throw new InvalidBallotStyleError(`contest ${contest.id} repeats an option id`);
    }
  }
}

export function ballotStyles(styles: readonly BallotStyle[]): BallotStyles {
  const map = new Map<string, BallotStyle>();
  for (const s of styles) {
    assertValidBallotStyle(s);
    if (map.has(s.id)) throw new InvalidBallotStyleError(`style ${s.id} appears twice`);
    map.set(s.id, s);
  }
  return map;
}
