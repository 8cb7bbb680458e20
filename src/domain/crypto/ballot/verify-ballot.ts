import type { ElectionContext } from '../election-context';
import { mod } from '../scalar';
import type { BallotStyles } from './ballot-style';
import { LinearCombination, randomWeight } from './linear-combination';
import { ParsedBallot, ParsedContest, ParsedOption, parseBallot } from './parse-ballot';
import { optionChallenge, proofBinding, sumChallenge } from './proof-binding';
import { computeTrackingCode } from './tracking-code';
import type { BallotFailure, BallotVerification, VerifiedBallot } from './verification-result';
import { opensVoterBinding } from './voter-binding';
import { Tags } from '../tags';
import { ballotSignatureParts } from '../credential/ballot-signature';
import { addSignatureEquation, parseSignature, signatureHolds, type ParsedSignature } from '../credential/credential-signature';

/**
 * Ballot verification. All proof equations of a ballot — and of a whole batch of ballots —
 * are folded into one random linear combination and checked with one multi-scalar
 * multiplication (linear-combination.ts). Only when that fails does the verifier look
 * closer: ballot by ballot, then equation group by equation group, to name what is wrong.
 *
 * Equations (docs/spec/crypto.md, "Ballot verification"), with c = c0 + c1 checked as scalars:
 *   option, branch j ∈ {0,1}:  v_j·G = a_j + c_j·α      v_j·K = b_j + c_j·(β − j·G)
 *   contest sum (A, B) = Σ(α, β):  v·G = a + c·A        v·K = b + c·(B − G)
 *   a cast ballot's signature:  s·G = R + c·X   (X the public credential; credential-signature.ts)
 */
export interface VerifyOptions {
  /**
   * When given (casting, tally, the verifier's cast ballots: what the BallotCast carries beside
   * the ballot), the ballot's voterBinding must open to this pseudonym and credential with
   * this binding nonce (check `voter-binding`) and the signature must be the credential's
   * over the ballot (check `signature`; a missing one fails it too).
   */
  readonly expectedVoter?: CastBy;
}

/** Who cast a ballot, as the cast request and the BallotCast event state it. */
export interface CastBy {
  readonly pseudonym: string;
  /** The public credential (64 hex digits) the ballot is signed with. */
  readonly credential: string;
  readonly bindingNonce: string;
  /** 128 hex digits (docs/spec/crypto.md, "Ballot signature"). */
  readonly signature?: string;
}

interface Prepared {
  readonly parsed: ParsedBallot;
  readonly lc: LinearCombination;
  /** Sum-proof challenges per contest, kept for the close look. */
  readonly sumChallenges: bigint[];
  /** The cast ballot's signature, when one is checked. */
  signature?: ParsedSignature;
}

export function verifyBallot(input: unknown, context: ElectionContext, styles: BallotStyles, options: VerifyOptions = {}): BallotVerification {
  return verifyBallots([input], context, styles, [options])[0];
}

/**
 * Verifies many ballots with one MSM. On a failed batch, falls back to one MSM per ballot
 * and then to per-option and per-contest checks for the ballots that fail, so every result
 * names its own failures.
 */
export function verifyBallots(
  inputs: readonly unknown[],
  context: ElectionContext,
  styles: BallotStyles,
  options: readonly VerifyOptions[] = [],
): BallotVerification[] {
  const results: (BallotVerification | undefined)[] = new Array(inputs.length);
  const prepared: (Prepared | undefined)[] = new Array(inputs.length);
  const batch = new LinearCombination();
  let batchSize = 0;

  inputs.forEach((input, i) => {
    const failures: BallotFailure[] = [];
    const parse = parseBallot(input, context, styles);
    failures.push(...trackingCodeFailures(input));
    const expected = options[i]?.expectedVoter;
    if (expected !== undefined && !opensVoterBinding((input as { voterBinding?: unknown } | null)?.voterBinding, expected.pseudonym, expected.credential, expected.bindingNonce)) {
      failures.push({ check: 'voter-binding', field: 'voterBinding', reason: 'the voter binding does not open to the casting voter\'s pseudonym and credential with the given binding nonce' });
    }
    if (!parse.ok) {
      results[i] = { ok: false, failures: [...parse.failures, ...failures] };
      return;
    }
    const p = prepare(parse.parsed, failures);
    if (expected !== undefined) addSignature(p, expected, failures);
    if (failures.length > 0) {
      // Already rejected (a challenge or the tracking code); look closer anyway so the report is complete.
      const seen = new Set(failures.map(failureKey));
      const more = p.lc.holds(context.publicKey) ? [] : closeLook(p, context).filter((f) => !seen.has(failureKey(f)));
      results[i] = { ok: false, failures: [...failures, ...more] };
      return;
    }
    prepared[i] = p;
    batch.append(p.lc);
    batchSize++;
  });

  if (batchSize === 0) return results as BallotVerification[];
  const batchHolds = batch.holds(context.publicKey);
  prepared.forEach((p, i) => {
    if (!p) return;
    if (batchHolds || (batchSize > 1 && p.lc.holds(context.publicKey))) {
      results[i] = { ok: true, ballot: verified(p.parsed) };
    } else {
      const failures = closeLook(p, context);
      results[i] = failures.length > 0
        ? { ok: false, failures }
        : // Cannot happen for a sound check (the combination failed, so some equation fails); say so rather than pass.
          { ok: false, failures: [{ check: 'option-proof', reason: 'the combined proof equations do not hold' }] };
    }
  });
  return results as BallotVerification[];
}

const failureKey = (f: BallotFailure) => `${f.check}|${f.contest ?? ''}|${f.option ?? ''}`;

/** Decodes the cast ballot's signature and adds its weighted equation to the ballot's. */
function addSignature(p: Prepared, by: CastBy, failures: BallotFailure[]): void {
  if (by.signature === undefined) {
    failures.push({ check: 'signature', field: 'signature', reason: 'a cast ballot carries its voter\'s signature' });
    return;
  }
  const { baseHash, trackingCode } = p.parsed.json;
  const parsed = parseSignature(Tags.ballotSignature, by.credential, ballotSignatureParts(baseHash, trackingCode), by.signature);
  if (!parsed.ok) {
    failures.push({ check: 'signature', field: 'signature', reason: parsed.reason });
    return;
  }
  p.signature = parsed.parsed;
  addSignatureEquation(p.lc, parsed.parsed, randomWeight());
}

function trackingCodeFailures(input: unknown): BallotFailure[] {
  const b = input as { trackingCode?: unknown } | null;
  if (typeof b !== 'object' || b === null || typeof b.trackingCode !== 'string') return [];
  let expected: string;
  try {
    expected = computeTrackingCode(b as never);
  } catch {
    return []; // not plain JSON: the structure failure already says so
  }
  return b.trackingCode === expected ? [] : [{ check: 'tracking-code', field: 'trackingCode', reason: 'the tracking code is not the hash of this ballot' }];
}

/** Checks the challenge sums (scalar arithmetic) and builds the ballot's weighted equations. */
function prepare(parsed: ParsedBallot, failures: BallotFailure[]): Prepared {
  const lc = new LinearCombination();
  const sumChallenges: bigint[] = [];
  const { json } = parsed;
  for (const contest of parsed.contests) {
    const binding = proofBinding(parsed.baseHash, json.styleId, parsed.voterBinding, contest.contestId);
    contest.options.forEach((o, i) => {
      const c = optionChallenge(binding, i, o.bytes.alpha, o.bytes.beta, o.bytes.a0, o.bytes.b0, o.bytes.a1, o.bytes.b1);
      if (mod(o.c0 + o.c1) !== c) {
        failures.push({ check: 'option-proof', contest: contest.contestId, option: i, reason: 'the branch challenges c0 + c1 are not the Fiat-Shamir challenge' });
      }
    });
    const c = sumChallenge(binding, contest.options.flatMap((o) => [o.bytes.alpha, o.bytes.beta]), contest.sum.aBytes, contest.sum.bBytes);
    sumChallenges.push(c);
    addContestEquations(lc, contest, c, true, true);
  }
  return { parsed, lc, sumChallenges };
}

/**
 * Adds the weighted equations of one contest: the options' 0-or-1 proofs and/or the sum proof.
 * Each equation is moved to the form "… = identity"; α and β of an option share one MSM term
 * for all the equations they appear in.
 */
function addContestEquations(lc: LinearCombination, contest: ParsedContest, sumC: bigint, options: boolean, sum: boolean): void {
  const zA = sum ? randomWeight() : 0n;
  const zB = sum ? randomWeight() : 0n;
  for (const o of contest.options) {
    const alphaAt = lc.term(o.alpha, zA * sumC);
    const betaAt = lc.term(o.beta, zB * sumC);
    if (options) addOptionEquations(lc, o, alphaAt, betaAt);
  }
  if (sum) {
    // zA·(a + c·A − v·G) + zB·(b + c·(B − G) − v·K)
    lc.term(contest.sum.a, zA);
    lc.term(contest.sum.b, zB);
    lc.g += -zA * contest.sum.v - zB * sumC;
    lc.k += -zB * contest.sum.v;
  }
}

function addOptionEquations(lc: LinearCombination, o: ParsedOption, alphaAt: number, betaAt: number): void {
  const [z1, z2, z3, z4] = [randomWeight(), randomWeight(), randomWeight(), randomWeight()];
  // z1·(a0 + c0·α − v0·G) + z2·(b0 + c0·β − v0·K) + z3·(a1 + c1·α − v1·G) + z4·(b1 + c1·(β − G) − v1·K)
  lc.term(o.a0, z1);
  lc.term(o.b0, z2);
  lc.term(o.a1, z3);
  lc.term(o.b1, z4);
  lc.addAt(alphaAt, z1 * o.c0 + z3 * o.c1);
  lc.addAt(betaAt, z2 * o.c0 + z4 * o.c1);
  lc.g += -z1 * o.v0 - z3 * o.v1 - z4 * o.c1;
  lc.k += -z2 * o.v0 - z4 * o.v1;
}

/** Names the failing proofs of a ballot whose combined equations failed. */
function closeLook(p: Prepared, context: ElectionContext): BallotFailure[] {
  const failures: BallotFailure[] = [];
  if (p.signature && !signatureHolds(p.signature)) {
    failures.push({ check: 'signature', field: 'signature', reason: 'the signature is not the credential\'s over this ballot' });
  }
  p.parsed.contests.forEach((contest, ci) => {
    contest.options.forEach((o, i) => {
      const lc = new LinearCombination();
      const alphaAt = lc.term(o.alpha, 0n);
      const betaAt = lc.term(o.beta, 0n);
      addOptionEquations(lc, o, alphaAt, betaAt);
      if (!lc.holds(context.publicKey)) {
        failures.push({ check: 'option-proof', contest: contest.contestId, option: i, reason: 'the 0-or-1 proof equations do not hold' });
      }
    });
    const lc = new LinearCombination();
    addContestEquations(lc, contest, p.sumChallenges[ci], false, true);
    if (!lc.holds(context.publicKey)) {
      failures.push({ check: 'sum-proof', contest: contest.contestId, reason: 'the contest does not provably encrypt exactly one chosen option' });
    }
  });
  return failures;
}

function verified(parsed: ParsedBallot): VerifiedBallot {
  return {
    trackingCode: parsed.json.trackingCode,
    styleId: parsed.json.styleId,
    voterBinding: parsed.json.voterBinding,
    contests: parsed.contests.map((c) => ({ contestId: c.contestId, ciphertexts: c.options.map((o) => ({ alpha: o.alpha, beta: o.beta })) })),
  };
}
