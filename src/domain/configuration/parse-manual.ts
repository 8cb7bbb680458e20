/**
 * Reads the written configuration manual (YAML 1.2; JSON is valid YAML) into its parsed form,
 * collecting every structural problem (syntax, missing fields, wrong types, unknown fields)
 * instead of stopping at the first. Where a field is wrong, a harmless default stands in so
 * that the semantic validation can still report everything else.
 * Pure: the `yaml` package is plain JavaScript with no I/O.
 */
import { parseDocument } from 'yaml';
import type {
  CandidateNames,
  CommonCandidacy,
  ConfigurationManual,
  ContestCoverage,
  ContestDefinition,
  ContestVariation,
  IndependentCandidate,
  Party,
  Scope,
} from './configuration-manual';
import { issue, type ConfigurationIssue } from './configuration-issue';
import { domainText } from '../shared/domain-text';

export interface ParsedManual {
  manual: ConfigurationManual;
  issues: ConfigurationIssue[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'map' : typeof v);

/** Collects issues while reading; every `read*` returns a usable value even when wrong. */
class Reader {
  readonly issues: ConfigurationIssue[] = [];

  wrongType(path: string, expected: { es: string; en: string }, got: unknown): void {
    this.issues.push(
      issue('WRONG_TYPE', path, domainText.pair('manual.wrongType', { expected, found: describe(got) })),
    );
  }

  missing(path: string): void {
    this.issues.push(issue('MISSING_FIELD', path, domainText.pair('manual.missingField')));
  }

  onlyKnownFields(o: Obj, path: string, known: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!known.includes(k)) {
        this.issues.push(
          issue('UNKNOWN_FIELD', `${path}.${k}`, domainText.pair('manual.unknownField', { known: known.join(', ') })),
        );
      }
    }
  }

  map(v: unknown, path: string, required = true): Obj | undefined {
    if (v === undefined) {
      if (required) this.missing(path);
      return undefined;
    }
    if (!isObj(v)) {
      this.wrongType(path, domainText.pair('manual.type.map'), v);
      return undefined;
    }
    return v;
  }

  text(v: unknown, path: string): string {
    if (v === undefined) {
      this.missing(path);
      return '';
    }
    if (typeof v !== 'string') {
      this.wrongType(path, domainText.pair('manual.type.string'), v);
      return typeof v === 'number' ? String(v) : '';
    }
    if (v.trim() === '') this.issues.push(issue('EMPTY_TEXT', path, domainText.pair('manual.emptyText')));
    return v;
  }

  optionalText(v: unknown, path: string): string | undefined {
    return v === undefined ? undefined : this.text(v, path);
  }

  textList(v: unknown, path: string, required = false): string[] {
    if (v === undefined) {
      if (required) this.missing(path);
      return [];
    }
    if (!Array.isArray(v)) {
      this.wrongType(path, domainText.pair('manual.type.list'), v);
      return [];
    }
    return v.map((x, i) => this.text(x, `${path}[${i}]`));
  }
}

const PROCESS_FIELDS = ['id', 'name', 'timezone', 'voting_opens', 'voting_closes', 'max_voters'] as const;
const TOP_FIELDS = ['process', 'entities', 'parties', 'coalitions', 'contests', 'voter_roll'] as const;
const CONTEST_FIELDS = [
  'id', 'scope', 'office', 'office_en', 'entities', 'parties', 'coalitions',
  'common_candidacy', 'common_candidacies', 'independent_candidates', 'candidates', 'variations',
] as const;
const VARIATION_FIELDS = ['parties', 'coalitions', 'common_candidacy', 'common_candidacies', 'independent_candidates', 'candidates', 'note'] as const;

export function parseConfigurationManual(text: string): ParsedManual {
  const r = new Reader();
  // uniqueKeys (the default) turns a repeated key, e.g. a party written twice, into an error.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const duplicate = e.code === 'DUPLICATE_KEY';
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}` : `offset ${e.pos[0]}`;
    r.issues.push(
      duplicate
        ? issue('DUPLICATE_KEY', where, domainText.pair('manual.duplicateKey', { message: e.message }))
        : issue('YAML_SYNTAX', where, domainText.pair('manual.yamlSyntax', { message: e.message })),
    );
  }
  const root: unknown = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  const top = doc.errors.length === 0 ? r.map(root, '$') : undefined;
  if (top) r.onlyKnownFields(top, '$', TOP_FIELDS);
  const t = top ?? {};

  const p = r.map(t.process, 'process') ?? {};
  if (t.process !== undefined && isObj(t.process)) r.onlyKnownFields(p, 'process', PROCESS_FIELDS);
  const maxVotersRaw = p.max_voters;
  let maxVoters = Number.NaN; // stays NaN when missing or mistyped (already reported)
  if (maxVotersRaw === undefined) r.missing('process.max_voters');
  else if (typeof maxVotersRaw !== 'number' || !Number.isInteger(maxVotersRaw)) r.wrongType('process.max_voters', domainText.pair('manual.type.integer'), maxVotersRaw);
  else maxVoters = maxVotersRaw;

  const manual: ConfigurationManual = {
    process: {
      id: r.text(p.id, 'process.id'),
      name: r.text(p.name, 'process.name'),
      timezone: r.text(p.timezone, 'process.timezone'),
      votingOpens: instantText(r, p.voting_opens, 'process.voting_opens'),
      votingCloses: instantText(r, p.voting_closes, 'process.voting_closes'),
      maxVoters,
    },
    entities: Object.entries(r.map(t.entities, 'entities') ?? {}).map(([code, name]) => ({ code, name: r.text(name, `entities."${code}"`) })),
    parties: Object.entries(r.map(t.parties, 'parties') ?? {}).map(([id, v]) => {
      const o = r.map(v, `parties.${id}`) ?? {};
      r.onlyKnownFields(o, `parties.${id}`, ['name', 'name_en', 'emblem']);
      const party: Party = { id, name: r.text(o.name, `parties.${id}.name`) };
      const nameEn = o.name_en === undefined ? undefined : r.text(o.name_en, `parties.${id}.name_en`);
      if (nameEn !== undefined) party.nameEn = nameEn;
      const emblem = o.emblem === undefined ? undefined : r.map(o.emblem, `parties.${id}.emblem`);
      if (emblem) {
        r.onlyKnownFields(emblem, `parties.${id}.emblem`, ['color', 'acronym']);
        party.emblem = { color: r.text(emblem.color, `parties.${id}.emblem.color`), acronym: r.text(emblem.acronym, `parties.${id}.emblem.acronym`) };
      }
      return party;
    }),
    coalitions: Object.entries(r.map(t.coalitions, 'coalitions', false) ?? {}).map(([id, v]) => {
      const o = r.map(v, `coalitions.${id}`) ?? {};
      r.onlyKnownFields(o, `coalitions.${id}`, ['name', 'parties']);
      return { id, name: r.text(o.name, `coalitions.${id}.name`), parties: r.textList(o.parties, `coalitions.${id}.parties`, true) };
    }),
    contests: readContests(r, t.contests),
  };
  if (t.voter_roll !== undefined) manual.voterRoll = t.voter_roll;
  return { manual, issues: r.issues };
}

/** YAML would turn an unquoted timestamp into a Date; the manual wants the written text. */
function instantText(r: Reader, v: unknown, path: string): string {
  if (v instanceof Date) {
    r.wrongType(path, domainText.pair('manual.type.instant'), 'date');
    return '';
  }
  return r.text(v, path);
}

function readContests(r: Reader, v: unknown): ContestDefinition[] {
  if (v === undefined) {
    r.missing('contests');
    return [];
  }
  if (!Array.isArray(v)) {
    r.wrongType('contests', domainText.pair('manual.type.list'), v);
    return [];
  }
  return v.map((c, i) => readContest(r, c, `contests[${i}]`));
}

function readContest(r: Reader, v: unknown, path: string): ContestDefinition {
  const o = r.map(v, path) ?? {};
  r.onlyKnownFields(o, path, CONTEST_FIELDS);
  const scopeText = r.text(o.scope, `${path}.scope`);
  const contest: ContestDefinition = {
    id: r.text(o.id, `${path}.id`),
    scope: scopeText as Scope, // checked by validation (INVALID_SCOPE)
    office: r.text(o.office, `${path}.office`),
    entities: readCoverage(r, o.entities, `${path}.entities`),
    parties: r.textList(o.parties, `${path}.parties`),
    coalitions: r.textList(o.coalitions, `${path}.coalitions`),
    commonCandidacies: readCommonCandidacies(r, o, path) ?? [],
    independentCandidates: readIndependents(r, o.independent_candidates, `${path}.independent_candidates`) ?? [],
    variations: [],
  };
  const officeEn = r.optionalText(o.office_en, `${path}.office_en`);
  if (officeEn !== undefined) contest.officeEn = officeEn;
  const candidates = readCandidates(r, o.candidates, `${path}.candidates`);
  if (candidates) contest.candidates = candidates;
  const variations = r.map(o.variations, `${path}.variations`, false) ?? {};
  contest.variations = Object.entries(variations).map(([entity, vv]) => readVariation(r, entity, vv, `${path}.variations."${entity}"`));
  return contest;
}

function readCoverage(r: Reader, v: unknown, path: string): ContestCoverage {
  if (v === 'national' || v === 'all') return v;
  if (Array.isArray(v)) return r.textList(v, path);
  if (v === undefined) r.missing(path);
  else r.wrongType(path, domainText.pair('manual.type.coverage'), v);
  return [];
}

function readVariation(r: Reader, entity: string, v: unknown, path: string): ContestVariation {
  const o = r.map(v, path) ?? {};
  r.onlyKnownFields(o, path, VARIATION_FIELDS);
  const variation: ContestVariation = { entity };
  if (o.parties !== undefined) variation.parties = r.textList(o.parties, `${path}.parties`);
  if (o.coalitions !== undefined) variation.coalitions = r.textList(o.coalitions, `${path}.coalitions`);
  const common = readCommonCandidacies(r, o, path);
  if (common) variation.commonCandidacies = common;
  const independents = readIndependents(r, o.independent_candidates, `${path}.independent_candidates`);
  if (independents) variation.independentCandidates = independents;
  const candidates = readCandidates(r, o.candidates, `${path}.candidates`);
  if (candidates) variation.candidates = candidates;
  const note = r.optionalText(o.note, `${path}.note`);
  if (note !== undefined) variation.note = note;
  return variation;
}

/** `common_candidacy` (one) or `common_candidacies` (a list), not both. */
function readCommonCandidacies(r: Reader, o: Obj, path: string): CommonCandidacy[] | undefined {
  if (o.common_candidacy !== undefined && o.common_candidacies !== undefined) {
    r.issues.push(
      issue('BOTH_COMMON_CANDIDACY_FORMS', path, domainText.pair('manual.bothCommonCandidacyForms')),
    );
  }
  if (o.common_candidacy !== undefined) return [readCommonCandidacy(r, o.common_candidacy, `${path}.common_candidacy`)];
  if (o.common_candidacies === undefined) return undefined;
  if (!Array.isArray(o.common_candidacies)) {
    r.wrongType(`${path}.common_candidacies`, domainText.pair('manual.type.list'), o.common_candidacies);
    return [];
  }
  return o.common_candidacies.map((c, i) => readCommonCandidacy(r, c, `${path}.common_candidacies[${i}]`));
}

function readCommonCandidacy(r: Reader, v: unknown, path: string): CommonCandidacy {
  const o = r.map(v, path) ?? {};
  r.onlyKnownFields(o, path, ['id', 'name', 'parties', 'candidate']);
  const parties = r.textList(o.parties, `${path}.parties`, true);
  const cc: CommonCandidacy = {
    id: o.id === undefined ? parties.join('+') : r.text(o.id, `${path}.id`),
    name: r.text(o.name, `${path}.name`),
    parties,
  };
  const candidate = r.optionalText(o.candidate, `${path}.candidate`);
  if (candidate !== undefined) cc.candidate = candidate;
  return cc;
}

/** Each independent candidacy is its candidate's name, or `{ name }`. */
function readIndependents(r: Reader, v: unknown, path: string): IndependentCandidate[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    r.wrongType(path, domainText.pair('manual.type.list'), v);
    return [];
  }
  return v.map((x, i) => {
    if (isObj(x)) {
      r.onlyKnownFields(x, `${path}[${i}]`, ['name']);
      return { name: r.text(x.name, `${path}[${i}].name`) };
    }
    return { name: r.text(x, `${path}[${i}]`) };
  });
}

function readCandidates(r: Reader, v: unknown, path: string): CandidateNames | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return { kind: 'template', template: r.text(v, path) };
  if (isObj(v)) {
    const names: Record<string, string> = {};
    for (const [k, name] of Object.entries(v)) names[k] = r.text(name, `${path}.${k}`);
    return { kind: 'by-id', names };
  }
  r.wrongType(path, domainText.pair('manual.type.candidates'), v);
  return undefined;
}
