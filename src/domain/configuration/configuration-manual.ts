/**
 * The configuration manual ("manual de configuración del Sistema", lineamientos numeral 21):
 * the election content an official writes and hands to the notary, as the program reads it.
 * The written format (YAML) is specified in docs/spec/configuration.md; this is its parsed form.
 * Field names here are camelCase; the written ones are snake_case.
 */

export type Scope = 'federal' | 'local';

export interface ProcessSettings {
  id: string;
  name: string;
  /** IANA time zone in which officials read the window, e.g. "America/Mexico_City". */
  timezone: string;
  /** RFC 3339 instants with an explicit UTC offset, exactly as written. */
  votingOpens: string;
  votingCloses: string;
  maxVoters: number;
}

export interface Entity {
  /** INEGI code, two digits ("01".."32"). */
  code: string;
  name: string;
}

export interface Party {
  id: string;
  name: string;
  /** The name in English, for the booth's English mode (optional; the Spanish name otherwise). */
  nameEn?: string;
  /** The emblem as the booth draws it: a colour (`#rrggbb`) with the acronym on it (optional). */
  emblem?: { color: string; acronym: string };
}

export interface Coalition {
  id: string;
  name: string;
  parties: string[];
}

/** Parties that share a candidate without forming a coalition (local law, e.g. Yucatán).
 * Marking rule: like a coalition (docs/spec/configuration.md, "Common candidacies"). */
export interface CommonCandidacy {
  /** Written or, if omitted, the parties joined by "+", e.g. "PAN+PRI". */
  id: string;
  name: string;
  parties: string[];
  /** The candidate's name, if the manual gives it here. */
  candidate?: string;
}

export interface IndependentCandidate {
  name: string;
}

/** How candidate names are given: by party/coalition/common-candidacy id, or a template
 * whose `{party-or-coalition}` and `{entity}` placeholders are filled per option. */
export type CandidateNames = { kind: 'by-id'; names: Record<string, string> } | { kind: 'template'; template: string };

/** What may change for one entity of a contest; each present field replaces the contest's. */
export interface ContestVariation {
  entity: string;
  parties?: string[];
  coalitions?: string[];
  commonCandidacies?: CommonCandidacy[];
  independentCandidates?: IndependentCandidate[];
  candidates?: CandidateNames;
  note?: string;
}

/** `national`: one contest for every voter; `all`: one per entity; or the listed entities. */
export type ContestCoverage = 'national' | 'all' | string[];

export interface ContestDefinition {
  id: string;
  scope: Scope;
  office: string;
  /** The office in English, for the booth's and the board's English mode (optional). */
  officeEn?: string;
  entities: ContestCoverage;
  parties: string[];
  coalitions: string[];
  commonCandidacies: CommonCandidacy[];
  independentCandidates: IndependentCandidate[];
  candidates?: CandidateNames;
  variations: ContestVariation[];
}

export interface ConfigurationManual {
  process: ProcessSettings;
  entities: Entity[];
  parties: Party[];
  coalitions: Coalition[];
  contests: ContestDefinition[];
  /** Only for simulacros: how to synthesise the roll. Not part of the manifest. */
  voterRoll?: unknown;
}
