/**
 * What the public board shows about an election: the manifest's process, entities, contests
 * and options (labels and candidates), the phase and window, and the key material a voter's
 * browser or an auditor binds proofs to. Folded from the ledger (loadElectionSnapshot).
 */
import { loadElectionSnapshot } from '../application/election-snapshot';
import { toHex } from '../domain/crypto/hash';
import { tallyStream } from '../domain/tally/decider';
import type { EventStore } from '../ledger/event-store';

export interface ElectionSummary {
  electionId: string;
  configured: boolean;
  name?: string;
  timezone?: string;
  phase: string;
  votingOpensAt?: string;
  votingClosesAt?: string;
  startedAt?: string;
  closedAt?: string;
  maxVoters?: number;
  manifestHash?: string;
  publicKey?: string;
  baseHash?: string;
  ballotBoxHash?: string;
  entities: { code: string; name: string }[];
  parties: { id: string; name: string; nameEn?: string; color?: string; acronym?: string }[];
  contests: { id: string; label: string; labelEn?: string; scope: string; entity: string | null; options: { id: string; kind?: string; label: string; candidate: string | null; emblems: string[] }[] }[];
  ballotStyles: { id: string; entity: string; contests: string[] }[];
  /** The acta de cómputo once issued: the SHA-256 of its JSON and PDF as the ledger recorded them
   * (ActaIssued), which the board compares with the files it offers for download. */
  acta?: { jsonSha256: string; pdfSha256?: string; issuedAt: string; position: number };
  /** At least one contest's results are published (the board fetches /api/board/results only then). */
  resultsPublished: boolean;
}

export async function electionSummary(store: EventStore, electionId: string): Promise<ElectionSummary> {
  const [s, tally] = await Promise.all([loadElectionSnapshot(store, electionId), store.readStream(tallyStream(electionId))]);
  const issued = tally.filter((e) => e.type === 'ActaIssued').pop();
  const actaData = issued?.data as { jsonSha256: string; pdfSha256?: string; issuedAt: string } | undefined;
  const m = s.manifest;
  return {
    electionId,
    configured: m !== undefined,
    name: m?.process.name,
    timezone: m?.process.timezone,
    phase: s.lifecycle.phase,
    votingOpensAt: s.lifecycle.votingOpensAt ?? m?.process.votingOpensUtc,
    votingClosesAt: s.lifecycle.votingClosesAt ?? m?.process.votingClosesUtc,
    startedAt: s.lifecycle.startedAt,
    closedAt: s.lifecycle.closedAt,
    maxVoters: m?.process.maxVoters,
    manifestHash: s.manifestHashHex,
    publicKey: s.ceremony?.publicKey ?? s.lifecycle.publicKey,
    baseHash: s.context ? toHex(s.context.baseHash) : undefined,
    ballotBoxHash: s.lifecycle.ballotBoxHash,
    entities: m?.entities ?? [],
    parties: m?.parties ?? [],
    contests: (m?.contests ?? []).map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.labelEn !== undefined ? { labelEn: c.labelEn } : {}),
      scope: c.scope,
      entity: c.entity,
      options: c.options.map((o) => ({ id: o.id, kind: o.kind, label: o.label, candidate: o.candidate, emblems: o.emblems })),
    })),
    ballotStyles: m?.ballotStyles ?? [],
    resultsPublished: tally.some((e) => e.type === 'ResultsPublished'),
    ...(issued && actaData
      ? { acta: { jsonSha256: actaData.jsonSha256, ...(actaData.pdfSha256 ? { pdfSha256: actaData.pdfSha256 } : {}), issuedAt: actaData.issuedAt, position: issued.position } }
      : {}),
  };
}
