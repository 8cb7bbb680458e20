/**
 * A contest definition applies to one or more places: once nationally, or once per entity it
 * covers. A "contest instance" is one of those (id "PRES", or "SEN-09" for the senate contest
 * of Ciudad de México), with the entity's variation applied: every field a variation gives
 * replaces the contest's own for that entity. Validation and derivation both start here.
 */
import type {
  CandidateNames,
  CommonCandidacy,
  ConfigurationManual,
  ContestDefinition,
  ContestVariation,
  Entity,
  IndependentCandidate,
} from './configuration-manual';

export interface ResolvedContestInstance {
  /** "PRES" for a national contest, "<contest>-<entity>" otherwise, e.g. "SEN-09". */
  id: string;
  contest: ContestDefinition;
  contestIndex: number;
  /** null for a national contest. */
  entity: Entity | null;
  parties: string[];
  coalitions: string[];
  commonCandidacies: CommonCandidacy[];
  independentCandidates: IndependentCandidate[];
  candidates?: CandidateNames;
  variation?: ContestVariation;
}

export function contestInstanceId(contestId: string, entityCode: string | null): string {
  return entityCode === null ? contestId : `${contestId}-${entityCode}`;
}

/** Entity codes a contest covers (null for national), in the manual's order for "all". */
export function coveredEntityCodes(contest: ContestDefinition, manual: ConfigurationManual): (string | null)[] {
  if (contest.entities === 'national') return [null];
  if (contest.entities === 'all') return manual.entities.map((e) => e.code);
  return contest.entities;
}

export function resolveContestInstances(manual: ConfigurationManual): ResolvedContestInstance[] {
  const entityByCode = new Map(manual.entities.map((e) => [e.code, e]));
  const out: ResolvedContestInstance[] = [];
  manual.contests.forEach((contest, contestIndex) => {
    for (const code of coveredEntityCodes(contest, manual)) {
      const variation = code === null ? undefined : contest.variations.find((v) => v.entity === code);
      const instance: ResolvedContestInstance = {
        id: contestInstanceId(contest.id, code),
        contest,
        contestIndex,
        entity: code === null ? null : (entityByCode.get(code) ?? { code, name: code }),
        parties: variation?.parties ?? contest.parties,
        coalitions: variation?.coalitions ?? contest.coalitions,
        commonCandidacies: variation?.commonCandidacies ?? contest.commonCandidacies,
        independentCandidates: variation?.independentCandidates ?? contest.independentCandidates,
      };
      const candidates = variation?.candidates ?? contest.candidates;
      if (candidates) instance.candidates = candidates;
      if (variation) instance.variation = variation;
      out.push(instance);
    }
  });
  return out;
}

/** A coalition or a common candidacy as it applies in one instance. */
export interface Grouping {
  kind: 'coalition' | 'common-candidacy';
  id: string;
  name: string;
  parties: string[];
  candidate?: string;
}

export function groupingsOf(instance: ResolvedContestInstance, manual: ConfigurationManual): Grouping[] {
  const coalitionById = new Map(manual.coalitions.map((c) => [c.id, c]));
  const groupings: Grouping[] = [];
  for (const id of instance.coalitions) {
    const c = coalitionById.get(id);
    if (c) groupings.push({ kind: 'coalition', id: c.id, name: c.name, parties: c.parties });
  }
  for (const cc of instance.commonCandidacies) {
    const g: Grouping = { kind: 'common-candidacy', id: cc.id, name: cc.name, parties: cc.parties };
    if (cc.candidate !== undefined) g.candidate = cc.candidate;
    groupings.push(g);
  }
  return groupings;
}
