/**
 * The opening report ("reporte inicial", lineamientos numerals 21–22): issued when the
 * elections are configured and the election key loaded, before voting starts. It shows the
 * notary that the ballot box is empty, that every counter is zero, and which exact software
 * and configuration are running. The system refuses to issue it if any counter is not zero.
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
  requireHex,
  requireInstant,
  requireSha256Hex,
  requireText,
} from './document-types';

/** Counters of one contest at opening: the number of options it offers and its vote total. */
export interface OpeningContestCounter {
  contestId: string;
  scope: Scope;
  office: string;
  entity: ContestEntity;
  /** Options on the ballot for this contest (including "no registrado" and "nulo"). */
  optionCount: number;
  /** Votes recorded for this contest: must be 0. */
  votes: number;
}

/** A trustee of the key ceremony and the fingerprint of the signing key enrolled for them
 * (hex(SHA-256(Ed25519 public key)), docs/spec/crypto-ceremony-tally.md §7): each trustee
 * compares it with the one their own station printed, so a key the operator enrolled in a
 * trustee's name is seen at opening. */
export interface OpeningTrustee {
  trusteeIndex: number;
  name: string;
  signingKeyFingerprint: string;
}

/**
 * The credential authority's list as the opening fixes it (docs/spec/credentials.md): people
 * compare the authority's key and the list's fingerprint with what the authority itself
 * published, and a verifier checks the log's list against them (record.md V19).
 */
export interface OpeningCredentials {
  authorityName: string;
  /** The authority's public key, 64 hex digits. */
  authorityKey: string;
  /** Public credentials on the list: one per voter of the roll. */
  count: number;
  listHash: string;
  /** The first 128 bits of listHash, in groups of four. */
  fingerprint: string;
}

/**
 * The log's witnesses as the opening fixes them (docs/spec/log.md §8.3): each cosigner key with
 * the fingerprint its operator reads out, and the quorum k a checkpoint needs. Printed so that
 * parties and observers can pin them before the first ballot.
 */
export interface OpeningWitnesses {
  quorum: number;
  keys: { vkey: string; fingerprint: string }[];
}

/** What the application supplies. */
export interface OpeningReportInput {
  process: ProcessRef;
  electionId: string;
  /** RFC 3339 instant at which the report was issued; also the PDF's creation date. */
  generatedAt: string;
  software: {
    /** Release name, e.g. "urna 0.1.0". */
    version: string;
    /** SHA-256 (hex) of the built code that runs, the version the notary validates (numeral 21). */
    codeHash: string;
  };
  /** SHA-256 (hex) of the election manifest built from the configuration manual. */
  configurationHash: string;
  /** The election public key, hex of its canonical encoding. */
  electionPublicKey: string;
  /** SHA-256 (hex) of the key ceremony transcript. */
  ceremonyTranscriptHash: string;
  /** Ballots in the encrypted ballot box: must be 0. */
  ballotBoxCount: number;
  /** Ballots cast and voters marked as having voted: must be 0. */
  counters: { ballotsCast: number; votersWhoVoted: number };
  contests: OpeningContestCounter[];
  /** The log's checkpoint at the moment of opening. */
  openingCheckpoint: LogCheckpoint;
  /** The log's origin and verifier key, printed so that people can pin them (record.md §3). */
  log?: LogKeyRef;
  /** The ceremony's trustees with their signing keys' fingerprints (trustee index order). */
  trustees?: OpeningTrustee[];
  /** The credential authority's signed list of public credentials. */
  credentials?: OpeningCredentials;
  /** The witnesses the log asks to cosign, when the election has any. */
  witnesses?: OpeningWitnesses;
  /** People present: notary, officials, representatives. */
  officials: Official[];
  votingWindow: { opens: string; closes: string; timezone: string };
}

/** The issued document: the input with contests in acta order, plus its type and format version. */
export interface OpeningReport extends OpeningReportInput {
  document: 'urna.opening-report';
  formatVersion: 1;
}

export function buildOpeningReport(input: OpeningReportInput): OpeningReport {
  requireText(input.process.id, 'process.id');
  requireText(input.process.name, 'process.name');
  requireText(input.electionId, 'electionId');
  requireInstant(input.generatedAt, 'generatedAt');
  requireText(input.software.version, 'software.version');
  requireSha256Hex(input.software.codeHash, 'software.codeHash');
  requireSha256Hex(input.configurationHash, 'configurationHash');
  requireHex(input.electionPublicKey, 'electionPublicKey');
  requireSha256Hex(input.ceremonyTranscriptHash, 'ceremonyTranscriptHash');
  requireCheckpoint(input.openingCheckpoint, 'openingCheckpoint');
  if (input.log) requireLogKey(input.log, 'log');
  if (input.witnesses) {
    const w = input.witnesses;
    if (!Number.isInteger(w.quorum) || w.quorum < 1 || w.quorum > w.keys.length) {
      throw new DocumentError('INVALID_WITNESSES', `witnesses.quorum must be 1..${w.keys.length}, got ${w.quorum}`);
    }
    w.keys.forEach((k, i) => {
      requireText(k.vkey, `witnesses.keys[${i}].vkey`);
      requireText(k.fingerprint, `witnesses.keys[${i}].fingerprint`);
    });
  }
  requireInstant(input.votingWindow.opens, 'votingWindow.opens');
  requireInstant(input.votingWindow.closes, 'votingWindow.closes');
  requireText(input.votingWindow.timezone, 'votingWindow.timezone');
  if (Date.parse(input.votingWindow.opens) >= Date.parse(input.votingWindow.closes)) {
    throw new DocumentError('INVALID_WINDOW', 'votingWindow.opens must be before votingWindow.closes');
  }
  if (Date.parse(input.generatedAt) > Date.parse(input.votingWindow.opens)) {
    throw new DocumentError('OPENING_AFTER_VOTING_STARTED', 'the opening report must be issued before the voting window opens');
  }
  if (input.contests.length === 0) throw new DocumentError('NO_CONTESTS', 'the opening report must list the configured contests');
  const ids = new Set<string>();
  for (const c of input.contests) {
    requireText(c.contestId, 'contest.contestId');
    if (ids.has(c.contestId)) throw new DocumentError('DUPLICATE_CONTEST', `contest ${c.contestId} is listed twice`);
    ids.add(c.contestId);
    requireEntity(c.entity, `contest ${c.contestId} entity`);
    requireCount(c.optionCount, `contest ${c.contestId} optionCount`);
    requireCount(c.votes, `contest ${c.contestId} votes`);
  }
  for (const t of input.trustees ?? []) {
    requireCount(t.trusteeIndex, 'trustee.trusteeIndex');
    requireText(t.name, 'trustee.name');
    requireSha256Hex(t.signingKeyFingerprint, `trustee ${t.trusteeIndex} signingKeyFingerprint`);
  }
  if (input.credentials) {
    requireText(input.credentials.authorityName, 'credentials.authorityName');
    requireSha256Hex(input.credentials.authorityKey, 'credentials.authorityKey');
    requireSha256Hex(input.credentials.listHash, 'credentials.listHash');
    requireCount(input.credentials.count, 'credentials.count');
    requireText(input.credentials.fingerprint, 'credentials.fingerprint');
  }
  for (const o of input.officials) {
    requireText(o.name, 'official.name');
    requireText(o.role, 'official.role');
  }

  // Numeral 22: the report exists to show an empty box and zeroed counters.
  const nonZero: string[] = [];
  if (input.ballotBoxCount !== 0) nonZero.push(`ballotBoxCount = ${input.ballotBoxCount}`);
  if (input.counters.ballotsCast !== 0) nonZero.push(`counters.ballotsCast = ${input.counters.ballotsCast}`);
  if (input.counters.votersWhoVoted !== 0) nonZero.push(`counters.votersWhoVoted = ${input.counters.votersWhoVoted}`);
  for (const c of input.contests) if (c.votes !== 0) nonZero.push(`contest ${c.contestId} votes = ${c.votes}`);
  if (nonZero.length > 0) {
    throw new DocumentError('COUNTERS_NOT_ZERO', `${both(documentMessages, 'opening.countersNotZero')}: ${nonZero.join(', ')}`);
  }

  // Copied field by field so that nothing the caller's object carries beyond the type
  // slips into the canonical JSON and its hash.
  return {
    document: 'urna.opening-report',
    formatVersion: 1,
    process: { id: input.process.id, name: input.process.name },
    electionId: input.electionId,
    generatedAt: input.generatedAt,
    software: { version: input.software.version, codeHash: input.software.codeHash },
    configurationHash: input.configurationHash,
    electionPublicKey: input.electionPublicKey,
    ceremonyTranscriptHash: input.ceremonyTranscriptHash,
    ballotBoxCount: 0,
    counters: { ballotsCast: 0, votersWhoVoted: 0 },
    contests: sortContests(input.contests).map((c) => ({
      contestId: c.contestId,
      scope: c.scope,
      office: c.office,
      entity: copyEntity(c.entity),
      optionCount: c.optionCount,
      votes: 0,
    })),
    openingCheckpoint: copyCheckpoint(input.openingCheckpoint),
    ...(input.log ? { log: copyLogKey(input.log) } : {}),
    ...(input.trustees ? {
      trustees: [...input.trustees].sort((a, b) => a.trusteeIndex - b.trusteeIndex)
        .map((t) => ({ trusteeIndex: t.trusteeIndex, name: t.name, signingKeyFingerprint: t.signingKeyFingerprint })),
    } : {}),
    ...(input.credentials ? {
      credentials: {
        authorityName: input.credentials.authorityName, authorityKey: input.credentials.authorityKey, count: input.credentials.count,
        listHash: input.credentials.listHash, fingerprint: input.credentials.fingerprint,
      },
    } : {}),
    ...(input.witnesses ? {
      witnesses: { quorum: input.witnesses.quorum, keys: input.witnesses.keys.map((k) => ({ vkey: k.vkey, fingerprint: k.fingerprint })) },
    } : {}),
    officials: input.officials.map(copyOfficial),
    votingWindow: { opens: input.votingWindow.opens, closes: input.votingWindow.closes, timezone: input.votingWindow.timezone },
  };
}
