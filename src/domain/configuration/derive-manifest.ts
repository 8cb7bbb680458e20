/**
 * Derives the election manifest from a valid manual: for every contest instance, the exact
 * ordered list of options a voter chooses one of (counting rule of the fixture and
 * docs/spec/configuration.md):
 *   1. each party alone, in ballot order;
 *   2. for each coalition that applies there, every combination of 2 or more of its parties;
 *   3. the same for each common candidacy;
 *   4. each independent candidacy ("IND-1", "IND-2", … in written order);
 *   5. "no registrado" (NOREG) and 6. "nulo" (NULO).
 * Call only after validateConfigurationManual reported no error.
 */
import type { ConfigurationManual } from './configuration-manual';
import { MANIFEST_FORMAT, type BallotOption, type BallotStyle, type ElectionManifest, type ManifestContest } from './election-manifest';
import { parseInstant, toUtcText } from './instants';
import { multiEmblemCombinations } from './multi-emblem-combinations';
import { groupingsOf, resolveContestInstances, type Grouping, type ResolvedContestInstance } from './resolve-contest-instances';

export const NON_REGISTERED_LABEL = 'Candidatura no registrada';
export const NULL_VOTE_LABEL = 'Voto nulo';
/** What `{entity}` becomes in a national contest's template. */
export const NATIONAL_ENTITY_LABEL = 'Nacional';

export function deriveElectionManifest(manual: ConfigurationManual): ElectionManifest {
  const partyName = new Map(manual.parties.map((p) => [p.id, p.name]));
  const instances = orderForActa(resolveContestInstances(manual));
  const contests = instances.map((i) => deriveContest(manual, i, partyName));
  return {
    format: MANIFEST_FORMAT,
    process: {
      id: manual.process.id,
      name: manual.process.name,
      timezone: manual.process.timezone,
      votingOpens: manual.process.votingOpens,
      votingCloses: manual.process.votingCloses,
      votingOpensUtc: utc(manual.process.votingOpens),
      votingClosesUtc: utc(manual.process.votingCloses),
      maxVoters: manual.process.maxVoters,
    },
    entities: [...manual.entities].sort((a, b) => cmp(a.code, b.code)).map((e) => ({ code: e.code, name: e.name })),
    parties: manual.parties.map((p) => ({
      id: p.id, name: p.name, ...(p.nameEn !== undefined ? { nameEn: p.nameEn } : {}), ...(p.emblem ? { color: p.emblem.color.toLowerCase(), acronym: p.emblem.acronym } : {}),
    })),
    coalitions: manual.coalitions.map((c) => ({ id: c.id, name: c.name, parties: [...c.parties] })),
    contests,
    ballotStyles: ballotStyles(manual, contests),
  };
}

function utc(text: string): string {
  const parsed = parseInstant(text);
  if (!parsed) throw new Error(`invalid instant "${text}" reached derivation; validate the manual first`);
  return toUtcText(parsed.epochMs);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SCOPE_ORDER = { federal: 0, local: 1 } as const;

/** The acta orders by scope, type of election (manual order) and entity. */
function orderForActa(instances: ResolvedContestInstance[]): ResolvedContestInstance[] {
  return [...instances].sort(
    (a, b) =>
      SCOPE_ORDER[a.contest.scope] - SCOPE_ORDER[b.contest.scope] ||
      a.contestIndex - b.contestIndex ||
      cmp(a.entity?.code ?? '', b.entity?.code ?? ''),
  );
}

function deriveContest(manual: ConfigurationManual, instance: ResolvedContestInstance, partyName: Map<string, string>): ManifestContest {
  const groupings = groupingsOf(instance, manual);
  const groupingOf = new Map<string, Grouping>();
  for (const g of groupings) for (const p of g.parties) groupingOf.set(p, g);
  const name = (key: string, grouping: Grouping | undefined) => candidateName(instance, key, grouping);

  const options: BallotOption[] = instance.parties.map((p) => {
    const g = groupingOf.get(p);
    return { id: p, kind: 'party', label: partyName.get(p) ?? p, emblems: [p], grouping: g?.id ?? null, candidate: g ? name(g.id, g) : name(p, undefined) };
  });
  for (const g of groupings) {
    for (const combo of multiEmblemCombinations(g.parties, instance.parties)) {
      options.push({
        id: combo.join('+'),
        kind: g.kind === 'coalition' ? 'coalition-combination' : 'common-candidacy-combination',
        label: `${combo.join(' + ')} (${g.name})`,
        emblems: combo,
        grouping: g.id,
        candidate: name(g.id, g),
      });
    }
  }
  instance.independentCandidates.forEach((ind, i) => {
    options.push({ id: `IND-${i + 1}`, kind: 'independent', label: ind.name, emblems: [], grouping: null, candidate: ind.name });
  });
  options.push({ id: 'NOREG', kind: 'non-registered', label: NON_REGISTERED_LABEL, emblems: [], grouping: null, candidate: null });
  options.push({ id: 'NULO', kind: 'null', label: NULL_VOTE_LABEL, emblems: [], grouping: null, candidate: null });
  const officeEn = instance.contest.officeEn;

  return {
    id: instance.id,
    contest: instance.contest.id,
    scope: instance.contest.scope,
    office: instance.contest.office,
    entity: instance.entity?.code ?? null,
    label: instance.entity ? `${instance.contest.office} — ${instance.entity.name}` : instance.contest.office,
    // Only when the manual gives an English name: a manifest without one hashes as before.
    ...(officeEn !== undefined ? { officeEn, labelEn: instance.entity ? `${officeEn} — ${instance.entity.name}` : officeEn } : {}),
    options,
  };
}

/** A grouping's own `candidate` first, then the contest's names by id, then its template. */
function candidateName(instance: ResolvedContestInstance, key: string, grouping: Grouping | undefined): string | null {
  if (grouping?.candidate !== undefined) return grouping.candidate;
  const names = instance.candidates;
  if (!names) return null;
  if (names.kind === 'by-id') return names.names[key] ?? null;
  return names.template
    .split('{party-or-coalition}').join(key)
    .split('{entity}').join(instance.entity?.name ?? NATIONAL_ENTITY_LABEL);
}

/** One style per entity that has at least one contest: national contests plus its own. */
function ballotStyles(manual: ConfigurationManual, contests: ManifestContest[]): BallotStyle[] {
  return [...manual.entities]
    .sort((a, b) => cmp(a.code, b.code))
    .map((e) => ({ id: e.code, entity: e.code, contests: contests.filter((c) => c.entity === null || c.entity === e.code).map((c) => c.id) }))
    .filter((s) => s.contests.length > 0);
}
