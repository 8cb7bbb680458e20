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

function validateProcess(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  const p = manual.process;
  if (p.id !== '' && !PROCESS_ID.test(p.id)) {
    issues.push(issue('INVALID_ID', 'process.id', `"${p.id}" no es una clave de proceso válida (letras, dígitos, ".", "_", "-"; hasta 64)`, `"${p.id}" is not a valid process id (letters, digits, ".", "_", "-"; up to 64)`));
  }
  const zoneOk = p.timezone !== '' && isKnownTimeZone(p.timezone);
  if (p.timezone !== '' && !zoneOk) {
    issues.push(issue('INVALID_TIMEZONE', 'process.timezone', `"${p.timezone}" no es una zona horaria IANA conocida (p. ej. America/Mexico_City)`, `"${p.timezone}" is not a known IANA time zone (e.g. America/Mexico_City)`));
  }
  const opens = checkInstant(p.votingOpens, 'process.voting_opens', issues);
  const closes = checkInstant(p.votingCloses, 'process.voting_closes', issues);
  if (opens && closes && closes.epochMs <= opens.epochMs) {
    issues.push(issue('WINDOW_CLOSES_BEFORE_OPENS', 'process.voting_closes', `el cierre (${p.votingCloses}) debe ser posterior a la apertura (${p.votingOpens})`, `closing (${p.votingCloses}) must come after opening (${p.votingOpens})`));
  }
  if (zoneOk) {
    for (const [instant, text, path] of [[opens, p.votingOpens, 'process.voting_opens'], [closes, p.votingCloses, 'process.voting_closes']] as const) {
      // An instant written in UTC was written in UTC on purpose; only a local offset that
      // is not the zone's (e.g. summer time assumed where there is none) looks like a slip.
      if (!instant || instant.offsetMinutes === 0) continue;
      const zoneOffset = zoneOffsetMinutes(p.timezone, instant.epochMs);
      if (zoneOffset !== instant.offsetMinutes) {
        issues.push(issue('OFFSET_DIFFERS_FROM_TIMEZONE', path,
          `${text} usa el desfase ${formatOffset(instant.offsetMinutes)}, pero en ${p.timezone} ese instante es ${formatOffset(zoneOffset)}; confirme la hora`,
          `${text} uses offset ${formatOffset(instant.offsetMinutes)}, but ${p.timezone} is at ${formatOffset(zoneOffset)} at that instant; check the time`, 'warning'));
      }
    }
  }
  if (Number.isInteger(p.maxVoters) && p.maxVoters <= 0) {
    issues.push(issue('MAX_VOTERS_NOT_POSITIVE', 'process.max_voters', `el número máximo de votantes debe ser mayor que cero (es ${p.maxVoters})`, `the maximum number of voters must be greater than zero (it is ${p.maxVoters})`));
  }
}

function checkInstant(text: string, path: string, issues: ConfigurationIssue[]) {
  if (text === '') return undefined; // missing: already reported
  const parsed = parseInstant(text);
  if (!parsed) {
    issues.push(issue('INVALID_INSTANT', path, `"${text}" no es una fecha y hora RFC 3339 con desfase, p. ej. "2024-05-20T20:00:00-06:00"`, `"${text}" is not an RFC 3339 date-time with offset, e.g. "2024-05-20T20:00:00-06:00"`));
  }
  return parsed;
}

function validateCatalogues(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  for (const e of manual.entities) {
    if (!ENTITY_CODE.test(e.code)) {
      issues.push(issue('INVALID_ENTITY_CODE', `entities."${e.code}"`, `"${e.code}" no es una clave INEGI de dos dígitos; escríbala entre comillas, p. ej. "09"`, `"${e.code}" is not a two-digit INEGI code; quote it, e.g. "09"`));
    }
  }
  const partyIds = new Set(manual.parties.map((p) => p.id));
  for (const p of manual.parties) checkGroupId(p.id, `parties.${p.id}`, issues);
  for (const c of manual.coalitions) {
    const path = `coalitions.${c.id}`;
    checkGroupId(c.id, path, issues);
    if (partyIds.has(c.id)) {
      issues.push(issue('DUPLICATE_ID', path, `"${c.id}" ya es la clave de un partido`, `"${c.id}" is already a party id`));
    }
    checkPartyList(c.parties, `${path}.parties`, partyIds, issues);
    checkGroupingSize(c.parties, `${path}.parties`, issues);
  }
}

function checkGroupId(id: string, path: string, issues: ConfigurationIssue[]): void {
  if (RESERVED_IDS.includes(id)) {
    issues.push(issue('RESERVED_ID', path, `"${id}" está reservada para las opciones "no registrado" y "nulo"`, `"${id}" is reserved for the "non-registered" and "null" options`));
  } else if (!GROUP_ID.test(id)) {
    issues.push(issue('INVALID_ID', path, `"${id}" no es una clave válida: mayúsculas, dígitos y "_", empezando con letra`, `"${id}" is not a valid id: capitals, digits and "_", starting with a letter`));
  }
}

function checkPartyList(parties: string[], path: string, known: Set<string>, issues: ConfigurationIssue[]): void {
  parties.forEach((p, i) => {
    if (p !== '' && !known.has(p)) {
      issues.push(issue('UNKNOWN_PARTY', `${path}[${i}]`, `el partido "${p}" no está en la lista de partidos`, `party "${p}" is not in the list of parties`));
    }
  });
  checkDuplicates(parties, path, issues);
}

function checkDuplicates(ids: string[], path: string, issues: ConfigurationIssue[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push(issue('DUPLICATE_ID', `${path}[${i}]`, `"${id}" aparece dos veces`, `"${id}" appears twice`));
    seen.add(id);
  });
}

function checkGroupingSize(parties: string[], path: string, issues: ConfigurationIssue[]): void {
  if (new Set(parties).size < 2) {
    issues.push(issue('GROUPING_TOO_SMALL', path, 'una coalición o candidatura común necesita al menos dos partidos', 'a coalition or common candidacy needs at least two parties'));
  }
}

function validateContest(manual: ConfigurationManual, c: ContestDefinition, path: string, issues: ConfigurationIssue[]): void {
  if (c.id !== '') checkGroupId(c.id, `${path}.id`, issues);
  if ((c.scope as string) !== '' && c.scope !== 'federal' && c.scope !== 'local') {
    issues.push(issue('INVALID_SCOPE', `${path}.scope`, `el ámbito "${c.scope}" no es "federal" ni "local"`, `scope "${c.scope}" is neither "federal" nor "local"`));
  }
  if (c.scope === 'local' && c.entities === 'national') {
    issues.push(issue('LOCAL_CONTEST_NATIONAL', `${path}.entities`, 'una elección local no puede ser nacional: indique las entidades', 'a local contest cannot be national: list its entities'));
  }
  const entityCodes = new Set(manual.entities.map((e) => e.code));
  const covered = coveredEntityCodes(c, manual);
  if (covered.length === 0) {
    issues.push(issue('CONTEST_WITHOUT_ENTITIES', `${path}.entities`, 'la elección no se aplica a ninguna entidad', 'the contest applies to no entity'));
  }
  if (Array.isArray(c.entities)) {
    c.entities.forEach((code, i) => {
      if (code !== '' && !entityCodes.has(code)) {
        issues.push(issue('UNKNOWN_ENTITY', `${path}.entities[${i}]`, `la entidad "${code}" no está en la lista de entidades`, `entity "${code}" is not in the list of entities`));
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
      issues.push(issue('VARIATION_FOR_UNCOVERED_ENTITY', vPath, `la elección ${c.id} no se aplica en la entidad "${v.entity}"`, `contest ${c.id} does not apply in entity "${v.entity}"`));
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
      issues.push(issue('UNKNOWN_COALITION', `${path}[${i}]`, `la coalición "${id}" no está en la lista de coaliciones`, `coalition "${id}" is not in the list of coalitions`));
    }
  });
  checkDuplicates(ids, path, issues);
}

function checkCandidateNames(names: CandidateNames | undefined, path: string, knownKeys: Set<string>, issues: ConfigurationIssue[]): void {
  if (!names) return;
  if (names.kind === 'by-id') {
    for (const key of Object.keys(names.names)) {
      if (!knownKeys.has(key)) {
        issues.push(issue('UNKNOWN_CANDIDATE_KEY', `${path}.${key}`, `"${key}" no es un partido, coalición ni candidatura común de esta elección`, `"${key}" is not a party, coalition or common candidacy of this contest`));
      }
    }
    return;
  }
  for (const placeholder of names.template.match(/\{[^}]*\}/g) ?? []) {
    if (!TEMPLATE_PLACEHOLDERS.includes(placeholder)) {
      issues.push(issue('UNKNOWN_TEMPLATE_PLACEHOLDER', path, `marcador desconocido ${placeholder}; se admiten ${TEMPLATE_PLACEHOLDERS.join(' y ')}`, `unknown placeholder ${placeholder}; allowed: ${TEMPLATE_PLACEHOLDERS.join(' and ')}`));
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
        issues.push(issue('GROUPING_PARTY_NOT_IN_CONTEST', groupingsPath, `en ${where}, ${g.id} incluye a ${p}, que no participa en esa elección`, `in ${where}, ${g.id} includes ${p}, which does not take part in that contest`));
      }
      const other = owner.get(p);
      if (other !== undefined && other !== g.id) {
        issues.push(issue('PARTY_IN_TWO_GROUPINGS', groupingsPath, `en ${where}, ${p} está a la vez en ${other} y en ${g.id}`, `in ${where}, ${p} is in both ${other} and ${g.id}`));
      }
      owner.set(p, g.id);
    }
  }
  if (instance.parties.length === 0 && instance.independentCandidates.length === 0) {
    issues.push(issue('CONTEST_WITHOUT_OPTIONS', sourcePath(instance, 'parties'), `${where} no tiene partidos ni candidaturas independientes`, `${where} has no parties and no independent candidacies`));
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
    issues.push(issue('CANDIDATE_NAME_MISSING', sourcePath(instance, 'candidates'), `${instance.contest.id}: no se dieron nombres de candidaturas; las opciones mostrarán solo emblemas`, `${instance.contest.id}: no candidate names given; options will show emblems only`, 'warning'));
    return;
  }
  if (names.kind === 'template') return;
  for (const p of instance.parties) {
    const grouping = owner.get(p);
    if (grouping !== undefined && names.names[p] !== undefined && names.names[grouping] !== undefined) {
      issues.push(issue('CANDIDATE_FOR_PARTY_IN_GROUPING', `${path}.candidates.${p}`, `en ${where}, ${p} postula con ${grouping}: su candidatura es la de ${grouping}`, `in ${where}, ${p} runs within ${grouping}: its candidate is ${grouping}'s`));
    }
    if (grouping === undefined && names.names[p] === undefined && knownParties.has(p)) {
      issues.push(issue('CANDIDATE_NAME_MISSING', `${path}.candidates`, `${where}: falta el nombre de la candidatura de ${p}`, `${where}: the candidate name for ${p} is missing`, 'warning'));
    }
  }
  for (const g of groupings) {
    if (g.candidate === undefined && names.names[g.id] === undefined) {
      issues.push(issue('CANDIDATE_NAME_MISSING', `${path}.candidates`, `${where}: falta el nombre de la candidatura de ${g.id}`, `${where}: the candidate name for ${g.id} is missing`, 'warning'));
    }
  }
}

function validateDuplicateContestIds(manual: ConfigurationManual, issues: ConfigurationIssue[]): void {
  const seen = new Set<string>();
  manual.contests.forEach((c, i) => {
    if (c.id !== '' && seen.has(c.id)) {
      issues.push(issue('DUPLICATE_ID', `contests[${i}].id`, `ya existe una elección con clave "${c.id}"`, `a contest with id "${c.id}" already exists`));
    }
    seen.add(c.id);
  });
}

function validateBallotStyles(manual: ConfigurationManual, instances: ResolvedContestInstance[], issues: ConfigurationIssue[]): void {
  const national = instances.some((i) => i.entity === null);
  if (national) return;
  for (const e of manual.entities) {
    if (!instances.some((i) => i.entity?.code === e.code)) {
      issues.push(issue('ENTITY_WITHOUT_CONTESTS', `entities."${e.code}"`, `quien vota desde ${e.name} no tendría ninguna elección`, `a voter from ${e.name} would have no contest`, 'warning'));
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
