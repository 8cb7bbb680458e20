/**
 * A problem found in a configuration manual. Validation never stops at the first one: the
 * official fixing a manual in front of the notary needs the whole list at once.
 * `error` blocks configuration; `warning` is shown and recorded but does not block.
 */
import { joinBoth, type Bilingual } from '../../messages/catalog';

export type IssueSeverity = 'error' | 'warning';

export interface ConfigurationIssue {
  /** Stable, for programs and tests (see docs/spec/configuration.md, "Validation"). */
  code: IssueCode;
  severity: IssueSeverity;
  /** Where in the manual, e.g. `contests[2].variations."14".coalitions[0]`. */
  path: string;
  /** For people: Spanish (es-MX) first. */
  es: string;
  en: string;
}

export const ISSUE_CODES = [
  'YAML_SYNTAX',
  'DUPLICATE_KEY',
  'MISSING_FIELD',
  'WRONG_TYPE',
  'UNKNOWN_FIELD',
  'EMPTY_TEXT',
  'INVALID_ID',
  'RESERVED_ID',
  'DUPLICATE_ID',
  'INVALID_ENTITY_CODE',
  'UNKNOWN_ENTITY',
  'INVALID_TIMEZONE',
  'INVALID_INSTANT',
  'WINDOW_CLOSES_BEFORE_OPENS',
  'OFFSET_DIFFERS_FROM_TIMEZONE',
  'MAX_VOTERS_NOT_POSITIVE',
  'INVALID_SCOPE',
  'LOCAL_CONTEST_NATIONAL',
  'CONTEST_WITHOUT_ENTITIES',
  'CONTEST_WITHOUT_OPTIONS',
  'UNKNOWN_PARTY',
  'UNKNOWN_COALITION',
  'GROUPING_TOO_SMALL',
  'GROUPING_PARTY_NOT_IN_CONTEST',
  'PARTY_IN_TWO_GROUPINGS',
  'VARIATION_FOR_UNCOVERED_ENTITY',
  'BOTH_COMMON_CANDIDACY_FORMS',
  'UNKNOWN_CANDIDATE_KEY',
  'CANDIDATE_FOR_PARTY_IN_GROUPING',
  'UNKNOWN_TEMPLATE_PLACEHOLDER',
  'CANDIDATE_NAME_MISSING',
  'ENTITY_WITHOUT_CONTESTS',
  'INVALID_EMBLEM',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** An issue whose text is a pair of the domain catalog (src/messages/domain.messages.ts). */
export function issue(code: IssueCode, path: string, message: Bilingual, severity: IssueSeverity = 'error'): ConfigurationIssue {
  return { code, severity, path, es: message.es, en: message.en };
}

export const hasErrors = (issues: readonly ConfigurationIssue[]): boolean => issues.some((i) => i.severity === 'error');

/** One line per issue, Spanish then English, for logs and the command line. */
export function formatIssue(i: ConfigurationIssue): string {
  const tag = i.severity === 'error' ? 'ERROR' : 'AVISO/WARNING';
  return `${tag} ${i.code} at ${i.path}: ${joinBoth(i)}`;
}
