/**
 * The tally record ("acta de cómputo", lineamientos numerals 32–38): the decrypted result of
 * every contest, one line per ballot option with its votes in figures and in Spanish words,
 * contests ordered by scope, type of election and entity (numeral 37), plus what ties the
 * result to the ceremony: the hash of the encrypted ballot box that was recomputed and
 * compared (numeral 36), the log's closing checkpoint, the trustees whose cards took part
 * (numeral 35) and the ledger positions of their partial decryptions with proofs.
 */
import { both } from '../messages/catalog';
import { documentMessages } from '../messages/documents.messages';
import { sortContests } from './contest-order';
import {
  DocumentError,
  type ContestEntity,
  type LogCheckpoint,
  type Official,
  type ProcessRef,
  type Scope,
  copyCheckpoint,
  copyLogKey,
  type LogKeyRef,
  requireLogKey,
  copyEntity,
  copyOfficial,
  requireCheckpoint,
  requireCount,
  requireEntity,
  requireInstant,
  requireSha256Hex,
  requireText,
} from './document-types';
import { spanishNumberWords } from './spanish-number-words';

/** What an option line stands for. "non-registered" is the single aggregate line for
 * candidates not registered; "null" is the null vote. Exactly one of each per contest. */
export type OptionKind = 'party' | 'coalition-combination' | 'common-candidacy' | 'independent' | 'non-registered' | 'null';

/** The acta's kind of a manifest option (docs/spec/record.md: a common candidacy's
 * combination is printed as the common candidacy itself). */
export const ACTA_OPTION_KIND: Readonly<Record<'party' | 'coalition-combination' | 'common-candidacy-combination' | 'independent' | 'non-registered' | 'null', OptionKind>> = {
  party: 'party',
  'coalition-combination': 'coalition-combination',
  'common-candidacy-combination': 'common-candidacy',
  independent: 'independent',
  'non-registered': 'non-registered',
  null: 'null',
};

/** One option of a contest as the application supplies it. */
export interface OptionResultInput {
  /** Stable id within the contest, e.g. "PAN", "PAN+PRI", "IND-1", "NR", "NULO". */
  optionId: string;
  kind: OptionKind;
  /** As printed, e.g. "PAN", "PAN – PRI – PRD", "Candidaturas no registradas", "Votos nulos". */
  label: string;
  /** Emblems (party ids) marked on the ballot for this line; [] for independents, NR and null. */
  emblems: string[];
  /** The candidate this line counts for, when there is one. */
  candidate?: string;
  votes: number;
}

export interface ContestResultInput {
  /** e.g. "PRES", "SEN-14", "GOB-11". */
  contestId: string;
  scope: Scope;
  /** As written in the configuration manual, e.g. "Senaduría". */
  office: string;
  entity: ContestEntity;
  /** Ballots in the box that carry this contest. Every ballot marks exactly one option, so
   * the option lines must add up to this number; a mismatch stops the acta. */
  ballotsCounted: number;
  options: OptionResultInput[];
}

/** A trustee whose card (share of the opening key) took part in the decryption. */
export interface TrusteeParticipation {
  trusteeId: string;
  name: string;
  /** Ledger global positions of this trustee's partial-decryption events (each carries its proof). */
  decryptionEventPositions: number[];
}

export interface TallyRecordInput {
  process: ProcessRef;
  electionId: string;
  generatedAt: string;
  /** SHA-256 (hex) of the exported encrypted ballot box, as recomputed and compared before decrypting. */
  ballotBoxHash: string;
  /** The log's checkpoint after closing (the tree the ballot box export was taken from). */
  closingCheckpoint: LogCheckpoint;
  /** The log's origin and verifier key, printed so that people can pin them (record.md §3). */
  log?: LogKeyRef;
  trustees: TrusteeParticipation[];
  /** People who sign: notary, officials, party and independent representatives present. */
  officials: Official[];
  contests: ContestResultInput[];
}

export interface OptionLine extends OptionResultInput {
  /** `votes` in Spanish words, e.g. "ciento veintitrés". */
  votesInWords: string;
}

/** A total in figures and in words. */
export interface CountLine {
  votes: number;
  votesInWords: string;
}

export interface ContestTotals {
  /** Sum of lines that count for a registered candidacy (all but "non-registered" and "null"). */
  valid: CountLine;
  nonRegistered: CountLine;
  null: CountLine;
  /** valid + nonRegistered + null = ballots counted for the contest. */
  total: CountLine;
}

export interface ContestResult {
  contestId: string;
  scope: Scope;
  office: string;
  entity: ContestEntity;
  lines: OptionLine[];
  totals: ContestTotals;
}

/** Who a copy of the acta is for (numeral 38). */
export type Distribution =
  | { copy: 'full'; recipient: 'authority' | 'representatives' }
  | { copy: 'entity'; recipient: 'opl'; entityCode: string; entityName: string; fullRecordHash: string };

export interface TallyRecord {
  document: 'urna.tally-record';
  formatVersion: 1;
  process: ProcessRef;
  electionId: string;
  generatedAt: string;
  ballotBoxHash: string;
  closingCheckpoint: LogCheckpoint;
  log?: LogKeyRef;
  trustees: TrusteeParticipation[];
  officials: Official[];
  /** Absent on the original; set on deliverable copies (deliverable-copies.ts). */
  distribution?: Distribution;
  /** In acta order (contest-order.ts). */
  contests: ContestResult[];
}

function countLine(votes: number): CountLine {
  return { votes, votesInWords: spanishNumberWords(votes) };
}

function buildContest(input: ContestResultInput): ContestResult {
  const where = `contest ${input.contestId}`;
  requireText(input.contestId, 'contestId');
  requireText(input.office, `${where} office`);
  requireEntity(input.entity, `${where} entity`);
  requireCount(input.ballotsCounted, `${where} ballotsCounted`);
  const ids = new Set<string>();
  const kinds = new Map<OptionKind, number>();
  for (const o of input.options) {
    requireText(o.optionId, `${where} optionId`);
    requireText(o.label, `${where} option ${o.optionId} label`);
    requireCount(o.votes, `${where} option ${o.optionId} votes`);
    if (ids.has(o.optionId)) throw new DocumentError('DUPLICATE_OPTION', `${where}: option ${o.optionId} appears twice`);
    ids.add(o.optionId);
    kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  }
  for (const required of ['non-registered', 'null'] as const) {
    if (kinds.get(required) !== 1) {
      throw new DocumentError('MISSING_OPTION', `${where}: needs exactly one "${required}" line, has ${kinds.get(required) ?? 0}`);
    }
  }
  const sum = (pick: (o: OptionResultInput) => boolean) => input.options.filter(pick).reduce((acc, o) => acc + o.votes, 0);
  const nonRegistered = sum((o) => o.kind === 'non-registered');
  const nullVotes = sum((o) => o.kind === 'null');
  const valid = sum((o) => o.kind !== 'non-registered' && o.kind !== 'null');
  const total = valid + nonRegistered + nullVotes;
  if (total !== input.ballotsCounted) {
    throw new DocumentError('TOTAL_MISMATCH', `${where}: ${both(documentMessages, 'acta.linesMismatch', { total, counted: input.ballotsCounted })}`);
  }
  return {
    contestId: input.contestId,
    scope: input.scope,
    office: input.office,
    entity: copyEntity(input.entity),
    // Lines keep the ballot's order, as the configuration defined it.
    lines: input.options.map((o) => ({
      optionId: o.optionId,
      kind: o.kind,
      label: o.label,
      emblems: [...o.emblems],
      ...(o.candidate === undefined ? {} : { candidate: o.candidate }),
      votes: o.votes,
      votesInWords: spanishNumberWords(o.votes),
    })),
    totals: { valid: countLine(valid), nonRegistered: countLine(nonRegistered), null: countLine(nullVotes), total: countLine(total) },
  };
}

export function buildTallyRecord(input: TallyRecordInput): TallyRecord {
  requireText(input.process.id, 'process.id');
  requireText(input.process.name, 'process.name');
  requireText(input.electionId, 'electionId');
  requireInstant(input.generatedAt, 'generatedAt');
  requireSha256Hex(input.ballotBoxHash, 'ballotBoxHash');
  requireCheckpoint(input.closingCheckpoint, 'closingCheckpoint');
  if (input.log) requireLogKey(input.log, 'log');
  if (input.trustees.length === 0) throw new DocumentError('NO_TRUSTEES', 'an acta needs the trustees whose cards decrypted the tally');
  for (const t of input.trustees) {
    requireText(t.trusteeId, 'trustee.trusteeId');
    requireText(t.name, 'trustee.name');
    if (t.decryptionEventPositions.length === 0) {
      throw new DocumentError('NO_DECRYPTION_PROOFS', `trustee ${t.trusteeId} took part but no partial-decryption event is referenced`);
    }
    t.decryptionEventPositions.forEach((p) => requireCount(p, `trustee ${t.trusteeId} decryptionEventPositions`));
  }
  for (const o of input.officials) {
    requireText(o.name, 'official.name');
    requireText(o.role, 'official.role');
  }
  if (input.contests.length === 0) throw new DocumentError('NO_CONTESTS', 'an acta needs at least one contest');
  const ids = new Set<string>();
  for (const c of input.contests) {
    if (ids.has(c.contestId)) throw new DocumentError('DUPLICATE_CONTEST', `contest ${c.contestId} is listed twice`);
    ids.add(c.contestId);
  }
  return {
    document: 'urna.tally-record',
    formatVersion: 1,
    process: { id: input.process.id, name: input.process.name },
    electionId: input.electionId,
    generatedAt: input.generatedAt,
    ballotBoxHash: input.ballotBoxHash,
    closingCheckpoint: copyCheckpoint(input.closingCheckpoint),
    ...(input.log ? { log: copyLogKey(input.log) } : {}),
    trustees: input.trustees.map((t) => ({ trusteeId: t.trusteeId, name: t.name, decryptionEventPositions: [...t.decryptionEventPositions] })),
    officials: input.officials.map(copyOfficial),
    contests: sortContests(input.contests.map(buildContest)),
  };
}
