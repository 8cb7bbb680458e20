/**
 * Marking as on the paper ballot (issue 15, item 2): the voter marks boxes, never a
 * "combination" option. Each party's emblem is a box, and so are each independent candidacy, the
 * box for a candidacy not registered and the null box. The booth derives the option the crypto
 * ballot holds, under the Mexican rules (docs/spec/configuration.md, "Coalitions"):
 *
 *   - one box marked: that option;
 *   - several party emblems that are exactly the emblems of one combination option (parties of
 *     one coalition or common candidacy): that combination, counted for its candidate;
 *   - any other mix (parties of different groupings, a party with an independent, anything with
 *     the null box): a null vote, told to the voter, who may still confirm it;
 *   - nothing marked: no option yet (the booth asks for one; a blank ballot is cast as null only
 *     if the voter marks the null box).
 *
 * Pure: the booth renders and the unit test checks the same function.
 */
import type { BallotContestView, BallotOptionView } from '../../src/voting/voter-api-types';

/** The boxes of a contest, in ballot order: options that are not combinations. */
export function markableOptions(contest: BallotContestView): BallotOptionView[] {
  return contest.options.filter((o) => o.kind !== 'coalition-combination' && o.kind !== 'common-candidacy-combination');
}

export type MarkOutcome =
  | { kind: 'none' }
  | { kind: 'single'; optionId: string }
  | { kind: 'combination'; optionId: string; emblems: string[] }
  | { kind: 'null'; optionId: string; why: 'mixed' | 'null-marked' };

export function nullOption(contest: BallotContestView): BallotOptionView | undefined {
  return contest.options.find((o) => o.kind === 'null');
}

/** The option that `marked` (ids of markable options) stands for in this contest. */
export function optionForMarks(contest: BallotContestView, marked: readonly string[]): MarkOutcome {
  const boxes = markableOptions(contest).filter((o) => marked.includes(o.id));
  const nulo = nullOption(contest);
  if (boxes.length === 0) return { kind: 'none' };
  if (boxes.length === 1) {
    const only = boxes[0];
    return only.kind === 'null' ? { kind: 'null', optionId: only.id, why: 'null-marked' } : { kind: 'single', optionId: only.id };
  }
  const nullId = nulo?.id ?? 'NULO';
  if (boxes.some((b) => b.kind !== 'party')) return { kind: 'null', optionId: nullId, why: boxes.some((b) => b.kind === 'null') ? 'null-marked' : 'mixed' };
  const emblems = new Set(boxes.flatMap((b) => b.emblems));
  const combination = contest.options.find((o) => (o.kind === 'coalition-combination' || o.kind === 'common-candidacy-combination')
    && o.emblems.length === emblems.size && o.emblems.every((e) => emblems.has(e)));
  return combination ? { kind: 'combination', optionId: combination.id, emblems: combination.emblems } : { kind: 'null', optionId: nullId, why: 'mixed' };
}

/** The marks that stand for an option (to show a chosen option again after "change my choices"). */
export function marksForOption(contest: BallotContestView, optionId: string): string[] {
  const option = contest.options.find((o) => o.id === optionId);
  if (!option) return [];
  if (option.kind === 'coalition-combination' || option.kind === 'common-candidacy-combination') {
    return markableOptions(contest).filter((o) => o.kind === 'party' && o.emblems.some((e) => option.emblems.includes(e))).map((o) => o.id);
  }
  return [option.id];
}
