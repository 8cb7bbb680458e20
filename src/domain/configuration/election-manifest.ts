/**
 * The election manifest: everything a ballot, a proof and a tally refer to, derived once from
 * the configuration manual and recorded. Its canonical bytes (RFC 8785) are hashed, and every
 * proof of the election is bound to that hash. Field meanings: docs/spec/configuration.md.
 * A published format version never changes meaning; a change of shape is a new version.
 */
import type { Scope } from './configuration-manual';

export const MANIFEST_FORMAT = 'urna.election-manifest/1';

export type OptionKind = 'party' | 'coalition-combination' | 'common-candidacy-combination' | 'independent' | 'non-registered' | 'null';

export interface BallotOption {
  /** Unique within its contest: "PAN", "PAN+PRI", "IND-1", "NOREG", "NULO". */
  id: string;
  kind: OptionKind;
  /** es-MX, as the voter and the acta read it. */
  label: string;
  /** Party ids whose emblems this option marks, in ballot order ([] for the last three kinds). */
  emblems: string[];
  /** The coalition or common candidacy a combination belongs to, or the one a party runs in; else null. */
  grouping: string | null;
  /** null when the manual gives no name (the option shows emblems only). */
  candidate: string | null;
}

export interface ManifestContest {
  /** Contest instance id: "PRES", "SEN-09". */
  id: string;
  /** The definition it comes from: "SEN". */
  contest: string;
  scope: Scope;
  office: string;
  /** INEGI code, or null for a national contest. */
  entity: string | null;
  /** es-MX: "Senaduría — Ciudad de México". */
  label: string;
  /** The office and the label in English ("Senate — Ciudad de México"): only when the manual gives `office_en`
   * (a manifest without them hashes as before). */
  officeEn?: string;
  labelEn?: string;
  /** Exactly one option is chosen per contest. */
  options: BallotOption[];
}

export interface BallotStyle {
  /** The entity's INEGI code: a voter's style is their entity of origin. */
  id: string;
  entity: string;
  /** Contest instance ids, in acta order. */
  contests: string[];
}

export interface ManifestProcess {
  id: string;
  name: string;
  timezone: string;
  /** As written in the manual (with its offset). */
  votingOpens: string;
  votingCloses: string;
  /** The same instants in UTC ("…Z"), what the scheduler compares with. */
  votingOpensUtc: string;
  votingClosesUtc: string;
  maxVoters: number;
}

export interface ElectionManifest {
  format: typeof MANIFEST_FORMAT;
  process: ManifestProcess;
  entities: { code: string; name: string }[];
  /** `nameEn`, `color`, `acronym`: only when the manual gives them (a manifest without them hashes as before). */
  parties: { id: string; name: string; nameEn?: string; color?: string; acronym?: string }[];
  coalitions: { id: string; name: string; parties: string[] }[];
  /** Federal before local; within a scope in manual order; then by entity code. */
  contests: ManifestContest[];
  ballotStyles: BallotStyle[];
}
