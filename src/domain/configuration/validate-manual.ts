/**
 * Semantic validation of a parsed manual: every problem, with a stable code, where it is, and
 * what to do, in Spanish and English. Problems that come from a contest's own settings are
 * reported once at the contest (not once per entity it covers); problems from a variation are
 * reported at the variation.
 */
import type { CandidateNames, ConfigurationManual, ContestDefinition } from './configuration-manual';
import { issue, type ConfigurationIssue } from './configuration-issue';
import { formatOffset, isKnownTimeZone, parseInstant, zoneOffsetMinutes } from './instants';
import { coveredEntityCodes, groupingsOf, resolveContestInstances, type ResolvedContestInstance } from './resolve-contest-instances';
import { domainText } from '../shared/domain-text';

/** Party, coalition and contest ids: capitals, digits, "_" (no "+" or "-": option and
 * instance ids are built with them). */
const GROUP_ID = /^[A-Z][A-Z0-9_]*$/;
const PROCESS_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENTITY_CODE = /^\d{2}$/;
/** Option ids the derivation uses for its own options. */
const RESERVED_IDS = ['NOREG', 'NULO'];
export const TEMPLATE_PLACEHOLDERS = ['{party-or-coalition}', '{entity}'];

export function validateConfigurationManual(manual: ConfigurationManual): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  validateProcess(manual, issues);
  validateCatalogues(manual, issues);
  manual.contests.forEach((c, i) => validateContest(manual, c, `contests[${i}]`, issues));
  validateDuplicateContestIds(manual, issues);
  const instances = resolveContestInstances(manual);
  for (const instance of instances) validateInstance(manual, instance, issues);
  validateBallotStyles(manual, instances, issues);
  return dedupe(issues);
}


/** An emblem's colour: `#` and six hexadecimal digits. */
const EMBLEM_COLOR = /^#[0-9a-fA-F]{6}$/;
function validateProcess(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  const p = manual.process;
  if (p.id !== '' && !PROCESS_ID.test(p.id)) {
    issues.push(issue('INVALID_ID', 'process.id', domainText.pair('manual.invalidProcessId', { id: p.id })));
  }
  const zoneOk = p.timezone !== '' && isKnownTimeZone(p.timezone);
  if (p.timezone !== '' && !zoneOk) {
    issues.push(issue('INVALID_TIMEZONE', 'process.timezone', domainText.pair('manual.invalidTimezone', { timezone: p.timezone })));
  }
  const opens = checkInstant(p.votingOpens, 'process.voting_opens', issues);
  const closes = checkInstant(p.votingCloses, 'process.voting_closes', issues);
  if (opens && closes && closes.epochMs <= opens.epochMs) {
    issues.push(issue('WINDOW_CLOSES_BEFORE_OPENS', 'process.voting_closes', domainText.pair('manual.windowClosesBeforeOpens', { votingCloses: p.votingCloses, votingOpens: p.votingOpens })));
  }
  if (zoneOk) {
    for (const [instant, text, path] of [[opens, p.votingOpens, 'process.voting_opens'], [closes, p.votingCloses, 'process.voting_closes']] as const) {
      // An instant written in UTC was written in UTC on purpose; only a local offset that
      // is not the zone's (e.g. summer time assumed where there is none) looks like a slip.
      if (!instant || instant.offsetMinutes === 0) continue;
      const zoneOffset = zoneOffsetMinutes(p.timezone, instant.epochMs);
      if (zoneOffset !== instant.offsetMinutes) {
        issues.push(issue('OFFSET_DIFFERS_FROM_TIMEZONE', path,
          domainText.pair('manual.offsetDiffersFromTimezone', { text, offset: formatOffset(instant.offsetMinutes), timezone: p.timezone, expectedOffset: formatOffset(zoneOffset) }), 'warning'));
      }
    }
  }
  if (Number.isInteger(p.maxVoters) && p.maxVoters <= 0) {
    issues.push(issue('MAX_VOTERS_NOT_POSITIVE', 'process.max_voters', domainText.pair('manual.maxVotersNotPositive', { maxVoters: p.maxVoters })));
  }
}

function checkInstant(text: string, path: string, issues: ConfigurationIssue[]) {
  if (text === '') return undefined; // missing: already reported
  const parsed = parseInstant(text);
  if (!parsed) {
    issues.push(issue('INVALID_INSTANT', path, domainText.pair('manual.invalidInstant', { text })));
  }
  return parsed;
}

function validateCatalogues(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  for (const e of manual.entities) {
    if (!ENTITY_CODE.test(e.code)) {
      issues.push(issue('INVALID_ENTITY_CODE', `entities."${e.code}"`, domainText.pair('manual.invalidEntityCode', { code: e.code })));
    }
  }
  const partyIds = new Set(manual.parties.map((p) => p.id));
  for (const p of manual.parties) {
    checkGroupId(p.id, `parties.${p.id}`, issues);
    // The booth draws the emblem: a colour it can paint, an acronym that fits on it.
    if (p.emblem && (!EMBLEM_COLOR.test(p.emblem.color) || p.emblem.acronym.length > 8)) {
      issues.push(issue('INVALID_EMBLEM', `parties.${p.id}.emblem`, domainText.pair('manual.invalidEmblem')));
    }
  }
  for (const c of manual.coalitions) {
    const path = `coalitions.${c.id}`;
    checkGroupId(c.id, path, issues);
    if (partyIds.has(c.id)) {
      issues.push(issue('DUPLICATE_ID', path, domainText.pair('manual.idIsParty', { id: c.id })));
    }
    checkPartyList(c.parties, `${path}.parties`, partyIds, issues);
    checkGroupingSize(c.parties, `${path}.parties`, issues);
  }
}

function checkGroupId(id: string, path: string, issues: ConfigurationIssue[]): void {
  if (RESERVED_IDS.includes(id)) {
    issues.push(issue('RESERVED_ID', path, domainText.pair('manual.reservedId', { id })));
  } else if (!GROUP_ID.test(id)) {
    issues.push(issue('INVALID_ID', path, domainText.pair('manual.invalidId2', { id })));
  }
}

function checkPartyList(parties: string[], path: string, known: Set<string>, issues: ConfigurationIssue[]): void {
  parties.forEach((p, i) => {
    if (p !== '' && !known.has(p)) {
      issues.push(issue('UNKNOWN_PARTY', `${path}[${i}]`, domainText.pair('manual.unknownParty', { party: p })));
    }
  });
  checkDuplicates(parties, path, issues);
}

function checkDuplicates(ids: string[], path: string, issues: ConfigurationIssue[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push(issue('DUPLICATE_ID', `${path}[${i}]`, domainText.pair('manual.idTwice', { id })));
    seen.add(id);
  });
}

function checkGroupingSize(parties: string[], path: string, issues: ConfigurationIssue[]): void {
  if (new Set(parties).size < 2) {
    issues.push(issue('GROUPING_TOO_SMALL', path, domainText.pair('manual.groupingTooSmall')));
  }
}

function validateContest(manual: ConfigurationManual, c: ContestDefinition, path: string, issues: ConfigurationIssue[]): void {
  if (c.id !== '') checkGroupId(c.id, `${path}.id`, issues);
  if ((c.scope as string) !== '' && c.scope !== 'federal' && c.scope !== 'local') {
    issues.push(issue('INVALID_SCOPE', `${path}.scope`, domainText.pair('manual.invalidScope', { scope: c.scope })));
  }
  if (c.scope === 'local' && c.entities === 'national') {
    issues.push(issue('LOCAL_CONTEST_NATIONAL', `${path}.entities`, domainText.pair('manual.localContestNational')));
  }
  const entityCodes = new Set(manual.entities.map((e) => e.code));
  const covered = coveredEntityCodes(c, manual);
  if (covered.length === 0) {
    issues.push(issue('CONTEST_WITHOUT_ENTITIES', `${path}.entities`, domainText.pair('manual.contestWithoutEntities')));
  }
  if (Array.isArray(c.entities)) {
    c.entities.forEach((code, i) => {
      if (code !== '' && !entityCodes.has(code)) {
        issues.push(issue('UNKNOWN_ENTITY', `${path}.entities[${i}]`, domainText.pair('manual.unknownEntity', { code })));
      }
    });
    checkDuplicates(c.entities, `${path}.entities`, issues);
  }
  const partyIds = new Set(manual.parties.map((p) => p.id));
  const coalitionIds = new Set(manual.coalitions.map((x) => x.id));
  checkPartyList(c.parties, `${path}.parties`, partyIds, issues);
  checkCoalitionList(c.coalitions, `${path}.coalitions`, coalitionIds, issues);
  c.commonCandidacies.forEach((cc, i) => {
    const ccPath = `${path}.common_candidacies[${i}]`;
    checkPartyList(cc.parties, `${ccPath}.parties`, partyIds, issues);
    checkGroupingSize(cc.parties, `${ccPath}.parties`, issues);
  });
  for (const v of c.variations) {
    const vPath = `${path}.variations."${v.entity}"`;
    if (!covered.includes(v.entity)) {
      issues.push(issue('VARIATION_FOR_UNCOVERED_ENTITY', vPath, domainText.pair('manual.variationForUncoveredEntity', { id: c.id, entity: v.entity })));
    }
    if (v.parties) checkPartyList(v.parties, `${vPath}.parties`, partyIds, issues);
    if (v.coalitions) checkCoalitionList(v.coalitions, `${vPath}.coalitions`, coalitionIds, issues);
    v.commonCandidacies?.forEach((cc, i) => {
      checkPartyList(cc.parties, `${vPath}.common_candidacies[${i}].parties`, partyIds, issues);
      checkGroupingSize(cc.parties, `${vPath}.common_candidacies[${i}].parties`, issues);
    });
  }
  // Candidate-name keys must name something of this contest somewhere (a party, a coalition,
  // or one of its common candidacies); whether it applies is checked per entity.
  const knownKeys = new Set([...partyIds, ...coalitionIds, ...c.commonCandidacies.map((x) => x.id), ...c.variations.flatMap((v) => (v.commonCandidacies ?? []).map((x) => x.id))]);
  checkCandidateNames(c.candidates, `${path}.candidates`, knownKeys, issues);
  for (const v of c.variations) checkCandidateNames(v.candidates, `${path}.variations."${v.entity}".candidates`, knownKeys, issues);
}

function checkCoalitionList(ids: string[], path: string, known: Set<string>, issues: ConfigurationIssue[]): void {
  ids.forEach((id, i) => {
    if (id !== '' && !known.has(id)) {
      issues.push(issue('UNKNOWN_COALITION', `${path}[${i}]`, domainText.pair('manual.unknownCoalition', { id })));
    }
  });
  checkDuplicates(ids, path, issues);
}

function checkCandidateNames(names: CandidateNames | undefined, path: string, knownKeys: Set<string>, issues: ConfigurationIssue[]): void {
  if (!names) return;
  if (names.kind === 'by-id') {
    for (const key of Object.keys(names.names)) {
      if (!knownKeys.has(key)) {
        issues.push(issue('UNKNOWN_CANDIDATE_KEY', `${path}.${key}`, domainText.pair('manual.unknownCandidateKey', { key })));
      }
    }
    return;
  }
  for (const placeholder of names.template.match(/\{[^}]*\}/g) ?? []) {
    if (!TEMPLATE_PLACEHOLDERS.includes(placeholder)) {
      issues.push(issue('UNKNOWN_TEMPLATE_PLACEHOLDER', path, domainText.pair('manual.unknownTemplatePlaceholder', { placeholder, allowed: TEMPLATE_PLACEHOLDERS })));
    }
  }
}

/** Where the setting `field` of an instance comes from: its variation if it overrides it. */
function sourcePath(instance: ResolvedContestInstance, field: 'parties' | 'coalitions' | 'commonCandidacies' | 'independentCandidates' | 'candidates'): string {
  const base = `contests[${instance.contestIndex}]`;
  const v = instance.variation;
  return v && v[field] !== undefined ? `${base}.variations."${v.entity}"` : base;
}

function validateInstance(manual: ConfigurationManual, instance: ResolvedContestInstance, issues: ConfigurationIssue[]): void {
  // An instance without a variation has its contest's settings: name the contest, so that
  // the same problem in 32 entities is reported once (see dedupe).
  const where = instance.variation && instance.entity ? `${instance.id} (${instance.entity.name})` : instance.contest.id;
  const groupings = groupingsOf(instance, manual);
  const v = instance.variation;
  const groupingsPath = v && (v.parties || v.coalitions || v.commonCandidacies) ? `contests[${instance.contestIndex}].variations."${v.entity}"` : `contests[${instance.contestIndex}]`;
  const inContest = new Set(instance.parties);
  const owner = new Map<string, string>();
  for (const g of groupings) {
    for (const p of g.parties) {
      if (!inContest.has(p) && manual.parties.some((x) => x.id === p)) {
        issues.push(issue('GROUPING_PARTY_NOT_IN_CONTEST', groupingsPath, domainText.pair('manual.groupingPartyNotInContest', { where, id: g.id, party: p })));
      }
      const other = owner.get(p);
      if (other !== undefined && other !== g.id) {
        issues.push(issue('PARTY_IN_TWO_GROUPINGS', groupingsPath, domainText.pair('manual.partyInTwoGroupings', { where, party: p, other, id: g.id })));
      }
      owner.set(p, g.id);
    }
  }
  if (instance.parties.length === 0 && instance.independentCandidates.length === 0) {
    issues.push(issue('CONTEST_WITHOUT_OPTIONS', sourcePath(instance, 'parties'), domainText.pair('manual.contestWithoutOptions', { where })));
  }
  validateInstanceCandidates(instance, groupings, owner, where, new Set(manual.parties.map((p) => p.id)), issues);
}

function validateInstanceCandidates(
  instance: ResolvedContestInstance,
  groupings: ReturnType<typeof groupingsOf>,
  owner: Map<string, string>,
  where: string,
  knownParties: Set<string>,
  issues: ConfigurationIssue[],
): void {
  const v = instance.variation;
  const path = v ? `contests[${instance.contestIndex}].variations."${v.entity}"` : `contests[${instance.contestIndex}]`;
  const names = instance.candidates;
  if (!names) {
    issues.push(issue('CANDIDATE_NAME_MISSING', sourcePath(instance, 'candidates'), domainText.pair('manual.noCandidateNames', { id: instance.contest.id }), 'warning'));
    return;
  }
  if (names.kind === 'template') return;
  for (const p of instance.parties) {
    const grouping = owner.get(p);
    if (grouping !== undefined && names.names[p] !== undefined && names.names[grouping] !== undefined) {
      issues.push(issue('CANDIDATE_FOR_PARTY_IN_GROUPING', `${path}.candidates.${p}`, domainText.pair('manual.candidateForPartyInGrouping', { where, party: p, grouping })));
    }
    if (grouping === undefined && names.names[p] === undefined && knownParties.has(p)) {
      issues.push(issue('CANDIDATE_NAME_MISSING', `${path}.candidates`, domainText.pair('manual.candidateNameMissingParty', { where, party: p }), 'warning'));
    }
  }
  for (const g of groupings) {
    if (g.candidate === undefined && names.names[g.id] === undefined) {
      issues.push(issue('CANDIDATE_NAME_MISSING', `${path}.candidates`, domainText.pair('manual.candidateNameMissingGrouping', { where, grouping: g.id }), 'warning'));
    }
  }
}

function validateDuplicateContestIds(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  const seen = new Set<string>();
  manual.contests.forEach((c, i) => {
    if (c.id !== '' && seen.has(c.id)) {
      issues.push(issue('DUPLICATE_ID', `contests[${i}].id`, domainText.pair('manual.duplicateContestId', { id: c.id })));
    }
    seen.add(c.id);
  });
}

function validateBallotStyles(manual: ConfigurationManual, instances: ResolvedContestInstance[], issues: ConfigurationIssue[]): void {
  const national = instances.some((i) => i.entity === null);
  if (national) return;
  for (const e of manual.entities) {
    if (!instances.some((i) => i.entity?.code === e.code)) {
      issues.push(issue('ENTITY_WITHOUT_CONTESTS', `entities."${e.code}"`, domainText.pair('manual.entityWithoutContests', { name: e.name }), 'warning'));
    }
  }
}

/** The same problem from a contest's own settings shows up once, not once per entity. */
function dedupe(issues: ConfigurationIssue[]): ConfigurationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.path}|${i.es}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
