import { ELECTRONIC_MODALITY, ROLL_CSV_COLUMNS, type RollCsvColumn, type Sex, type VoterRecord } from './voter-record';
import { domainText } from '../shared/domain-text';

/**
 * Checks every row of a roll CSV. Every bad row is reported with its line number and every
 * reason it is bad; only the good rows are returned for import. Rows whose elector key appears
 * more than once are ALL refused: which of two copies is right cannot be decided here.
 *
 * The CSV itself is read outside the domain (src/roll/read-roll-csv.ts, on csv-parse): this
 * takes its records, each with the line it starts on, and the records it could not read.
 */
export type RollProblemCode =
  | 'MALFORMED_CSV'
  | 'MISSING_COLUMNS'
  | 'WRONG_FIELD_COUNT'
  | 'INVALID_ELECTOR_KEY'
  | 'DUPLICATE_ELECTOR_KEY'
  | 'ALREADY_ON_ROLL'
  | 'MISSING_NAME'
  | 'UNKNOWN_ENTITY'
  | 'INVALID_COUNTRY'
  | 'INVALID_EMAIL'
  | 'INVALID_MOBILE_PHONE'
  | 'INVALID_SEX'
  | 'INVALID_BIRTH_YEAR'
  | 'NOT_ELECTRONIC_MODALITY';

export interface RollProblem {
  /** 1-based line of the file where the offending record starts (1 = the header). */
  line: number;
  code: RollProblemCode;
  /** Spanish first, then English. */
  reason: string;
}

/** One record of the file: the 1-based physical line where it starts, and its fields. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A record that is not valid CSV (a stray quote, a quote never closed…), skipped. */
export interface CsvProblem {
  line: number;
  /** Spanish first, then English. */
  reason: string;
}

export interface CsvParseResult {
  /** Records in file order; blank lines are not records. */
  records: CsvRecord[];
  problems: CsvProblem[];
}

export interface RollValidationOptions {
  /** The valid INEGI entity codes (e.g. the configuration's entities). */
  validEntityCodes: Iterable<string>;
  /** Elector keys already on the roll (for an amendment): such rows are refused. */
  existingElectorKeys?: ReadonlySet<string>;
  /** Latest birth year accepted (voters must be adults); default: no upper bound check beyond sanity. */
  maxBirthYear?: number;
}

export interface RollValidationResult {
  voters: Array<VoterRecord & { line: number }>;
  problems: RollProblem[];
  /** Data rows read (good + bad), header excluded. */
  rowsRead: number;
}

/** 6 letters (from the surnames and name), YYMMDD birth date, 2-digit entity, sex (H/M/X), 3-digit homoclave. */
const ELECTOR_KEY = /^[A-Z]{6}[0-9]{6}[0-9]{2}[HMX][0-9]{3}$/;
const COUNTRY = /^[A-Z]{3}$/;
const E164 = /^\+[1-9][0-9]{7,14}$/;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MIN_BIRTH_YEAR = 1900;

export function isValidEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at !== email.indexOf('@')) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !EMAIL_LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1]);
}

/** Removes the spaces, dashes, dots and parentheses people write in phone numbers. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s\-.()]/g, '');
}

export function isValidMobilePhone(phone: string): boolean {
  return E164.test(phone);
}

export function validateRollRows(csv: CsvParseResult, options: RollValidationOptions): RollValidationResult {
  const entities = new Set(options.validEntityCodes);
  const { records, problems: csvProblems } = csv;
  const problems: RollProblem[] = csvProblems.map((p) => ({ line: p.line, code: 'MALFORMED_CSV', reason: p.reason }));
  if (records.length === 0) {
    problems.push({ line: 1, code: 'MISSING_COLUMNS', reason: domainText.both('rollFile.fileHasNoHeaderRow') });
    return { voters: [], problems, rowsRead: 0 };
  }
  const [header, ...rows] = records;
  const columnIndex = new Map<string, number>();
  header.fields.forEach((name, index) => columnIndex.set(name.trim().toLowerCase(), index));
  const missing = ROLL_CSV_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    problems.push({
      line: header.line,
      code: 'MISSING_COLUMNS',
      reason: domainText.both('rollFile.missingColumns', { columns: missing.join(', ') }),
    });
    return { voters: [], problems: sortProblems(problems), rowsRead: rows.length + csvProblems.length };
  }

  const candidates: Array<VoterRecord & { line: number }> = [];
  const linesByKey = new Map<string, number[]>();
  for (const record of rows) {
    if (record.fields.length !== header.fields.length) {
      problems.push({
        line: record.line,
        code: 'WRONG_FIELD_COUNT',
        reason: domainText.both('rollFile.fieldCount', { expected: header.fields.length, found: record.fields.length }),
      });
      continue;
    }
    const get = (c: RollCsvColumn) => record.fields[columnIndex.get(c)!].trim();
    const rowProblems: RollProblem[] = [];
    const report = (code: RollProblemCode, reason: string) => rowProblems.push({ line: record.line, code, reason });

    const electorKey = get('elector_key').toUpperCase();
    if (!ELECTOR_KEY.test(electorKey)) {
      report('INVALID_ELECTOR_KEY', domainText.both('rollFile.malformedElectorKey', { electorKey: get('elector_key') }));
    } else {
      linesByKey.set(electorKey, [...(linesByKey.get(electorKey) ?? []), record.line]);
      if (options.existingElectorKeys?.has(electorKey)) {
        report('ALREADY_ON_ROLL', domainText.both('rollFile.electorKeyAlreadyOnRoll'));
      }
    }
    const name = get('name').replace(/\s+/g, ' ');
    if (name.length === 0) report('MISSING_NAME', domainText.both('rollFile.missingName'));
    const entity = get('entity_of_origin');
    if (!entities.has(entity)) report('UNKNOWN_ENTITY', domainText.both('rollFile.unknownEntityOrigin', { entity }));
    const country = get('country_of_residence').toUpperCase();
    if (!COUNTRY.test(country) || country === 'MEX') {
      report('INVALID_COUNTRY', domainText.both('rollFile.invalidCountryResidence', { country }));
    }
    const email = get('email');
    if (!isValidEmail(email)) report('INVALID_EMAIL', domainText.both('rollFile.malformedEmail', { email }));
    const mobilePhone = normalizePhone(get('mobile_phone'));
    if (!isValidMobilePhone(mobilePhone)) {
      report('INVALID_MOBILE_PHONE', domainText.both('rollFile.malformedMobilePhone', { mobilePhone: get('mobile_phone') }));
    }
    const sex = get('sex').toUpperCase();
    if (sex !== 'H' && sex !== 'M' && sex !== 'X') report('INVALID_SEX', domainText.both('rollFile.invalidSex', { sex }));
    const birthYearText = get('birth_year');
    const birthYear = /^[0-9]{4}$/.test(birthYearText) ? Number(birthYearText) : NaN;
    const maxYear = options.maxBirthYear ?? 9999;
    if (!(birthYear >= MIN_BIRTH_YEAR && birthYear <= maxYear)) {
      report('INVALID_BIRTH_YEAR', domainText.both('rollFile.invalidBirthYear', { birthYearText }));
    }
    const modality = get('modality').toLowerCase();
    if (modality !== ELECTRONIC_MODALITY) {
      report('NOT_ELECTRONIC_MODALITY', domainText.both('rollFile.modalityNotInternetVoting', { modality }));
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    candidates.push({
      line: record.line,
      electorKey,
      name,
      entityOfOrigin: entity,
      countryOfResidence: country,
      email,
      mobilePhone,
      sex: sex as Sex,
      birthYear,
    });
  }

  const duplicated = new Set([...linesByKey].filter(([, lines]) => lines.length > 1).map(([key]) => key));
  for (const [key, lines] of linesByKey) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).join(', ');
      problems.push({
        line,
        code: 'DUPLICATE_ELECTOR_KEY',
        reason: domainText.both('rollFile.duplicateElectorKey', { key, lines: others }),
      });
    }
  }
  const voters = candidates.filter((v) => !duplicated.has(v.electorKey));
  return { voters, problems: sortProblems(problems), rowsRead: rows.length + csvProblems.length };
}

function sortProblems(problems: RollProblem[]): RollProblem[] {
  return problems.sort((a, b) => a.line - b.line);
}
