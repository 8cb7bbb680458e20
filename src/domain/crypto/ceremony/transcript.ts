import { group } from '../active-group';
import type { GroupElement } from '../group';
import { judgeComplaint, type Verdict } from './complaint';
import type { CeremonyTranscript } from './messages';
import { ceremonyParamsProblem, type CeremonyParams } from './parameters';
import { committedShareImage } from './polynomial';
import { receiveRound1, type Round1Parsed } from './round1';
import { verifyRound2Message } from './round2';
import { elementHex, type Failure } from './wire';

/**
 * Anyone's check of a whole ceremony from its public transcript (the ledger events):
 *   1. round 1: exactly one valid message per trustee → the participants;
 *   2. round 2: each participant's envelopes are all present and well formed;
 *   3. complaints: each is judged; a guilty dealer is disqualified, a false complainant named;
 *   4. QUAL = participants whose dealing survived; the ceremony succeeds iff |QUAL| ≥ t;
 *   5. K = Σ_{i∈QUAL} Cᵢ₀ and, for each participant j, Xⱼ = Σ_{i∈QUAL} Σₖ jᵏ·Cᵢₖ; neither may
 *      be the identity (then the ceremony fails: no key).
 * Never throws on hostile input: every problem is a Failure naming the check and the trustee.
 */
export interface DisqualifiedDealer {
  readonly trustee: number;
  readonly check: string;
  readonly reason: string;
}

export interface CeremonyVerification {
  /** True iff the ceremony produced a key: |QUAL| ≥ t, and neither K nor any Xⱼ is the identity.
   * Failures may still name cheaters. */
  readonly ok: boolean;
  readonly participants: readonly number[];
  readonly qualified: readonly number[];
  readonly disqualified: readonly DisqualifiedDealer[];
  readonly verdicts: readonly Verdict[];
  /** Trustees whose complaint was judged false. */
  readonly falseComplainants: readonly number[];
  /** Every problem found, in the order checked. */
  readonly failures: readonly Failure[];
  /** Election public key K (hex), when ok. */
  readonly publicKey?: string;
  /** Verification key Xⱼ (hex) of every participant j, when ok. */
  readonly verificationKeys?: readonly { readonly trustee: number; readonly key: string }[];
}

/** The decoded outputs for code that goes on computing (finalize, tally). */
export interface CeremonyOutcome extends CeremonyVerification {
  readonly publicKeyElement?: GroupElement;
  readonly verificationKeyElements?: ReadonlyMap<number, GroupElement>;
  readonly participantMessages: ReadonlyMap<number, Round1Parsed>;
}

export function verifyCeremonyTranscript(transcript: CeremonyTranscript | unknown): CeremonyVerification {
  const { publicKeyElement: _k, verificationKeyElements: _x, participantMessages: _p, ...plain } = evaluateCeremony(transcript);
  return plain;
}

export function evaluateCeremony(transcript: unknown): CeremonyOutcome {
  const empty = (failures: Failure[]): CeremonyOutcome => ({
    ok: false,
    participants: [],
    qualified: [],
    disqualified: [],
    verdicts: [],
    falseComplainants: [],
    failures,
    participantMessages: new Map(),
  });
  if (typeof transcript !== 'object' || transcript === null) return empty([{ check: 'transcript.shape', reason: 'expected an object' }]);
  const t = transcript as Record<string, unknown>;
  const problem = ceremonyParamsProblem(t.params);
  if (problem) return empty([{ check: 'transcript.params', field: 'params', reason: problem }]);
  const params = t.params as CeremonyParams;
  for (const list of ['round1', 'round2', 'complaints'] as const) {
    if (!Array.isArray(t[list])) return empty([{ check: 'transcript.shape', field: list, reason: 'expected an array' }]);
  }

  const { participants, failures } = receiveRound1(params, t.round1 as unknown[]);
  const disqualified = new Map<number, DisqualifiedDealer>();
  const disqualify = (trustee: number, check: string, reason: string) => {
    if (!disqualified.has(trustee)) disqualified.set(trustee, { trustee, check, reason });
  };

  // Round 2: one well-formed message per participating dealer.
  const participantSet = new Set(participants.keys());
  const round2ByDealer = new Map<number, unknown[]>();
  for (const message of t.round2 as unknown[]) {
    const v = verifyRound2Message(params, participantSet, message);
    if (v.dealer === undefined) {
      failures.push(...(v.ok ? [] : v.failures));
      continue;
    }
    if (!participantSet.has(v.dealer)) {
      failures.push({ check: 'round2.not-a-participant', trustee: v.dealer, reason: 'a round-2 message from a trustee with no valid round-1 message' });
      continue;
    }
    round2ByDealer.set(v.dealer, [...(round2ByDealer.get(v.dealer) ?? []), message]);
    if (!v.ok) {
      failures.push(...v.failures);
      disqualify(v.dealer, v.failures[0].check, v.failures.map((f) => `${f.field ?? ''}: ${f.reason}`).join('; '));
    }
  }
  for (const i of participantSet) {
    const count = round2ByDealer.get(i)?.length ?? 0;
    if (count === 1) continue;
    const check = count === 0 ? 'round2.missing' : 'round2.duplicate';
    const reason = count === 0 ? 'no round-2 message' : `${count} round-2 messages; exactly one is allowed`;
    failures.push({ check, trustee: i, reason });
    disqualify(i, check, reason);
  }

  // Complaints.
  const verdicts: Verdict[] = [];
  for (const complaint of t.complaints as unknown[]) {
    const dealer = (complaint as { dealer?: unknown } | null)?.dealer;
    const dealerRound2 = typeof dealer === 'number' ? round2ByDealer.get(dealer)?.[0] : undefined;
    const judged = judgeComplaint(params, complaint, participants, dealerRound2);
    if (judged.kind === 'unjudgeable') {
      failures.push(judged.failure);
      continue;
    }
    verdicts.push(judged);
    failures.push({ check: `complaint.${judged.reason}`, trustee: judged.guiltyTrustee, reason: judged.detail });
    if (judged.guilty === 'dealer') disqualify(judged.dealer, `complaint.${judged.reason}`, judged.detail);
  }

  const qualified = [...participantSet].filter((i) => !disqualified.has(i)).sort((a, b) => a - b);
  const base = {
    participants: [...participantSet].sort((a, b) => a - b),
    qualified,
    disqualified: [...disqualified.values()].sort((a, b) => a.trustee - b.trustee),
    verdicts,
    falseComplainants: [...new Set(verdicts.filter((v) => v.guilty === 'complainant').map((v) => v.complainant))].sort((a, b) => a - b),
    participantMessages: participants,
  };
  if (qualified.length < params.t) {
    failures.push({ check: 'ceremony.too-few-qualified', reason: `${qualified.length} qualified dealers; at least t = ${params.t} are needed: run a new ceremony` });
    return { ok: false, ...base, failures };
  }

  const publicKeyElement = qualified.reduce((acc, i) => group.add(acc, participants.get(i)!.commitments[0]), group.identity);
  // Xⱼ = Σ_{i∈QUAL} Σₖ jᵏ·Cᵢₖ = Σₖ jᵏ·Pₖ with Pₖ = Σ_{i∈QUAL} Cᵢₖ (the joint polynomial's commitments).
  const joint = Array.from({ length: params.t }, (_, k) =>
    qualified.reduce((acc, i) => group.add(acc, participants.get(i)!.commitments[k]), group.identity),
  );
  const verificationKeyElements = new Map<number, GroupElement>();
  for (const j of base.participants) verificationKeyElements.set(j, committedShareImage(joint, j));
  // K = identity would make the private key 0 (every ballot readable); Xⱼ = identity would make
  // xⱼ = 0 a public share, one fewer for an attacker to collect. Neither key is published.
  const degenerate: Failure[] = [];
  if (group.isIdentity(publicKeyElement)) degenerate.push({ check: 'ceremony.public-key-identity', reason: 'the election public key K is the identity' });
  for (const [j, x] of verificationKeyElements) {
    if (group.isIdentity(x)) degenerate.push({ check: 'ceremony.verification-key-identity', trustee: j, reason: `trustee ${j}'s verification key is the identity` });
  }
  if (degenerate.length > 0) return { ok: false, ...base, failures: [...failures, ...degenerate] };
  return {
    ok: true,
    ...base,
    failures,
    publicKey: elementHex(publicKeyElement),
    verificationKeys: [...verificationKeyElements].map(([trustee, x]) => ({ trustee, key: elementHex(x) })),
    publicKeyElement,
    verificationKeyElements,
  };
}
