/**
 * The independent check of an audited (Benaloh) ballot, as the board page "Verificar una boleta
 * auditada" and `urna check-audited` run it (issue 15, item 4): from the election's public facts
 * (manifest hash, election key, the contests and ballot styles) and the published `BallotSpoiled`
 * (its ballot and disclosure), re-encrypt every choice with its revealed nonce and compare byte
 * for byte (docs/spec/crypto.md, "Benaloh challenge", checks 1-4), then name the choices in
 * words. Pure: the browser and the CLI run this same code, on another device than the booth's.
 */
import {
  auditSpoiledBallot, ballotStyles, electionContext, fromHex, group, SPOILED_BALLOT_FORMAT, toHex,
} from '../crypto/ballot/index';

/** What the check needs of the election: the board's /api/board/election answer has these fields. */
export interface AuditedElectionFacts {
  manifestHash?: string;
  publicKey?: string;
  baseHash?: string;
  contests: { id: string; label: string; options: { id: string; label: string; candidate: string | null }[] }[];
  ballotStyles: { id: string; contests: string[] }[];
}

/** A published audited ballot: the data of a `BallotSpoiled` event. */
export interface PublishedAuditedBallot {
  trackingCode: string;
  ballot: unknown;
  disclosure: unknown;
}

/** A failed check: the names of docs/spec/crypto.md ("Benaloh challenge"), plus `election` for unusable election facts. */
export interface AuditedCheckFailure {
  readonly check: string;
  readonly contest?: string;
  readonly reason: string;
}

export type AuditedBallotCheck =
  | { ok: true; trackingCode: string; choices: { contestId: string; contest: string; optionId: string; option: string; candidate: string | null }[] }
  | { ok: false; trackingCode: string; failures: readonly AuditedCheckFailure[] };

export function checkAuditedBallot(facts: AuditedElectionFacts, published: PublishedAuditedBallot, shownTrackingCode?: string): AuditedBallotCheck {
  const trackingCode = published.trackingCode;
  const fail = (check: string, reason: string): AuditedBallotCheck => ({ ok: false, trackingCode, failures: [{ check, reason }] });
  if (!facts.manifestHash || !facts.publicKey) return fail('election', 'the election has no recorded manifest hash and key');
  let context;
  try {
    context = electionContext(fromHex(facts.manifestHash, 32), group.decode(fromHex(facts.publicKey, 32)));
  } catch {
    return fail('election', 'the election key or manifest hash is not well formed');
  }
  // The base hash the board states must be the one derived here from the key and the manifest.
  if (facts.baseHash !== undefined && toHex(context.baseHash) !== facts.baseHash) return fail('election', 'the stated base hash is not the one of this key and manifest');
  const byId = new Map(facts.contests.map((c) => [c.id, c]));
  let styles;
  try {
    styles = ballotStyles(facts.ballotStyles.map((s) => ({
      id: s.id,
      contests: s.contests.map((id) => ({ id, optionIds: (byId.get(id)?.options ?? []).map((o) => o.id) })),
    })));
  } catch {
    return fail('election', 'the ballot styles are not well formed');
  }
  const disclosure = (published.disclosure ?? {}) as { selections?: unknown; nonces?: unknown };
  const spoiled = { format: SPOILED_BALLOT_FORMAT, ballot: published.ballot, selections: disclosure.selections, nonces: disclosure.nonces };
  const audit = auditSpoiledBallot(spoiled, context, styles, shownTrackingCode);
  if (!audit.ok) return { ok: false, trackingCode, failures: audit.failures };
  if (audit.trackingCode !== trackingCode) return fail('tracking-code', 'the published tracking code is not the ballot\'s');
  const styleId = (published.ballot as { styleId: string }).styleId;
  const style = facts.ballotStyles.find((s) => s.id === styleId)!;
  return {
    ok: true,
    trackingCode,
    choices: style.contests.map((contestId) => {
      const contest = byId.get(contestId)!;
      const option = contest.options.find((o) => o.id === audit.selections[contestId])!;
      return { contestId, contest: contest.label, optionId: option.id, option: option.label, candidate: option.candidate };
    }),
  };
}
