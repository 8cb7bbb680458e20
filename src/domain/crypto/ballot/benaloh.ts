import { group } from '../active-group';
import type { ElectionContext } from '../election-context';
import { fromHex, toHex } from '../hash';
import { decodeScalar } from '../scalar';
import type { BallotStyles } from './ballot-style';
import type { EncryptedBallotJson } from './ballot-format';
import type { BallotSecrets, BallotSelections } from './encrypt-ballot';
import { verifyBallot } from './verify-ballot';
import type { BallotFailure } from './verification-result';

/**
 * Benaloh challenge (cast-as-intended): before casting, the voter may spoil an encrypted
 * ballot. The booth then publishes the ballot together with its plaintext choices and every
 * nonce; anyone (the voter's second device, an auditor) recomputes each ciphertext from them
 * and checks it is the one the booth committed to with the tracking code it showed. A booth
 * that encrypted something else than the voter chose is caught with probability ½ per
 * challenge. A spoiled ballot is never cast: the booth encrypts afresh with new nonces (and a
 * new binding nonce, so the spoiled ballot's voterBinding links to nothing the voter casts).
 * The disclosure carries no binding nonce and no signature: published, either would name the
 * voter (the nonce opens the binding; a signature can be tried against every listed credential).
 * Version 3: the ballot inside is urna/ballot/v3 (a binding over pseudonym and credential).
 */
export const SPOILED_BALLOT_FORMAT = 'urna/spoiled-ballot/v3';

export interface SpoiledBallotJson {
  readonly format: typeof SPOILED_BALLOT_FORMAT;
  readonly ballot: EncryptedBallotJson;
  /** contest id → chosen option id */
  readonly selections: BallotSelections;
  /** Per contest, per option: the nonce, 32-byte little-endian hex. */
  readonly nonces: readonly (readonly string[])[];
}

export function spoilBallot(ballot: EncryptedBallotJson, secrets: BallotSecrets): SpoiledBallotJson {
  return { format: SPOILED_BALLOT_FORMAT, ballot, selections: secrets.selections, nonces: secrets.nonces };
}

export type SpoiledBallotCheck = BallotFailure['check'] | 'selection' | 'ciphertext' | 'shown-tracking-code';

export interface SpoiledBallotFailure {
  readonly check: SpoiledBallotCheck;
  readonly contest?: string;
  readonly option?: number;
  readonly field?: string;
  readonly reason: string;
}

export type SpoiledBallotAudit =
  | { readonly ok: true; readonly trackingCode: string; readonly selections: BallotSelections }
  | { readonly ok: false; readonly failures: readonly SpoiledBallotFailure[] };

/**
 * Audits a spoiled ballot: the ballot itself must verify; the revealed selections must pick
 * exactly one option per contest; every (α, β) must equal (r·G, m·G + r·K) for the revealed
 * m and r; and, when given, the tracking code the booth showed the voter must be the ballot's.
 * Never throws on hostile input.
 */
export function auditSpoiledBallot(
  spoiled: unknown,
  context: ElectionContext,
  styles: BallotStyles,
  shownTrackingCode?: string,
): SpoiledBallotAudit {
  const s = spoiled as Partial<SpoiledBallotJson> | null;
  if (typeof s !== 'object' || s === null || s.format !== SPOILED_BALLOT_FORMAT || typeof s.selections !== 'object' || s.selections === null || !Array.isArray(s.nonces)) {
    return { ok: false, failures: [{ check: 'structure', reason: `a spoiled ballot is an object of format ${SPOILED_BALLOT_FORMAT} with ballot, selections and nonces` }] };
  }
  const verification = verifyBallot(s.ballot, context, styles);
  if (!verification.ok) return { ok: false, failures: verification.failures };
  const ballot = s.ballot as EncryptedBallotJson;
  const style = styles.get(ballot.styleId)!;
  const failures: SpoiledBallotFailure[] = [];
  if (shownTrackingCode !== undefined && shownTrackingCode !== ballot.trackingCode) {
    failures.push({ check: 'shown-tracking-code', reason: 'the booth showed another tracking code than this ballot\'s' });
  }
  const selections = s.selections as Record<string, unknown>;
  for (const key of Object.keys(selections)) {
    if (!style.contests.some((c) => c.id === key)) failures.push({ check: 'selection', contest: key, reason: 'not a contest of this ballot style' });
  }
  style.contests.forEach((contest, ci) => {
    const chosen = contest.optionIds.indexOf(selections[contest.id] as string);
    if (chosen < 0) {
      failures.push({ check: 'selection', contest: contest.id, reason: 'the revealed selection is not one of the contest\'s options' });
      return;
    }
    const nonces = s.nonces![ci];
    if (!Array.isArray(nonces) || nonces.length !== contest.optionIds.length) {
      failures.push({ check: 'structure', contest: contest.id, field: `nonces[${ci}]`, reason: 'one nonce per option expected' });
      return;
    }
    contest.optionIds.forEach((_, oi) => {
      let r: bigint;
      try {
        r = decodeScalar(fromHex(nonces[oi] as string, 32));
      } catch (err) {
        failures.push({ check: 'encoding', contest: contest.id, option: oi, field: `nonces[${ci}][${oi}]`, reason: (err as Error).message });
        return;
      }
      const m = oi === chosen ? 1n : 0n;
      const alpha = group.mulPublic(group.generator, r);
      const beta = group.add(group.mulPublic(group.generator, m), group.mulPublic(context.publicKey, r));
      const given = ballot.contests[ci].options[oi];
      if (toHex(group.encode(alpha)) !== given.alpha || toHex(group.encode(beta)) !== given.beta) {
        failures.push({
          check: 'ciphertext', contest: contest.id, option: oi,
          reason: `the ciphertext is not the encryption of ${m} with the revealed nonce: the booth did not encrypt the revealed choice`,
        });
      }
    });
  });
  if (failures.length > 0) return { ok: false, failures };
  return { ok: true, trackingCode: ballot.trackingCode, selections: { ...(s.selections as BallotSelections) } };
}

/** Each option of each contest of a ballot, as given; tolerant of hostile input (skips what is not there). */
function ballotOptions(ballot: unknown): { alpha?: unknown; beta?: unknown }[] {
  const out: { alpha?: unknown; beta?: unknown }[] = [];
  const contests = (ballot as { contests?: unknown } | null)?.contests;
  if (!Array.isArray(contests)) return out;
  for (const c of contests) {
    const options = (c as { options?: unknown } | null)?.options;
    if (!Array.isArray(options)) continue;
    for (const o of options) out.push((o ?? {}) as { alpha?: unknown; beta?: unknown });
  }
  return out;
}

/**
 * Every α and β of a ballot, hex, for the rule "a cast ballot reuses no ciphertext of a spoiled
 * ballot": a spoiled ballot's disclosure publishes its nonces, and the nonce r of α = r·G opens
 * any ciphertext with that α. Tolerant of hostile input (skips what is not there).
 */
export function ballotCiphertexts(ballot: unknown): string[] {
  const out: string[] = [];
  for (const { alpha, beta } of ballotOptions(ballot)) {
    if (typeof alpha === 'string') out.push(alpha);
    if (typeof beta === 'string') out.push(beta);
  }
  return out;
}

/**
 * Every α of a ballot, hex, for the rule "a spoiled ballot discloses no cast ciphertext": its
 * disclosure publishes the nonce r of each α = r·G, which opens any cast ciphertext with that α
 * (with valid proofs an equal β implies an equal α, so the αs suffice). Tolerant of hostile input.
 */
export function ballotAlphas(ballot: unknown): string[] {
  return ballotOptions(ballot).map((o) => o.alpha).filter((a): a is string => typeof a === 'string');
}
