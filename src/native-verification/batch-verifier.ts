import { randomFillSync } from 'node:crypto';
import type { EncryptedBallotJson } from '../domain/crypto/ballot/ballot-format';
import type { BallotStyle, BallotStyles } from '../domain/crypto/ballot/ballot-style';
import { parseBallot, type ParsedBallot } from '../domain/crypto/ballot/parse-ballot';
import { proofBinding } from '../domain/crypto/ballot/proof-binding';
import type { BallotFailure } from '../domain/crypto/ballot/verification-result';
import { verifyBallots, type VerifyOptions } from '../domain/crypto/ballot/verify-ballot';
import { opensVoterBinding } from '../domain/crypto/ballot/voter-binding';
import { ballotSignatureParts } from '../domain/crypto/credential/ballot-signature';
import { PUBLIC_KEY_HEX, SIGNATURE_HEX } from '../domain/crypto/credential/credential-signature';
import type { ElectionContext } from '../domain/crypto/election-context';
import type { GroupElement } from '../domain/crypto/group';
import { u32 } from '../domain/crypto/hash';
import { littleEndianToBigint, mod, ORDER } from '../domain/crypto/scalar';
import { Tags } from '../domain/crypto/tags';
import { loadDecafAddon, type DecafAddon, type DecodedPoints } from '../parallel/native-decaf';
import { ballotJcs } from './ballot-jcs';
import { ballotShape, G_INDEX, K_INDEX, writeBallotTerms, type BallotShape, type BatchBuffers, type SignatureTerms } from './ballot-terms';
import { hash256FastTextHex, hashToScalarFast, IndexedChallenges } from './fast-hash';

/**
 * Ballot verification on libdecaf with batch verification (docs/spec/crypto.md, "Batch
 * verification"). The verdicts are those of verify-ballot.ts; only the work differs:
 *
 * 1. Outside any MSM, on the exact received bytes: the structure and every scalar's canonical
 *    encoding (parse-ballot.ts), the tracking code, the voter binding, the signature's parse,
 *    and each option's c0 + c1 = H(…) with the Fiat–Shamir hash (SHA-512 through node:crypto).
 * 2. Every point of the batch is decoded once, in C. A point that does not decode fails its
 *    own ballot only.
 * 3. Once the batch is fixed, one CSPRNG buffer gives every equation an independent, uniform,
 *    non-zero 128-bit weight; the weighted sum of all equations is evaluated with one MSM and
 *    accepted only if ristretto's identity test holds.
 * 4. A batch that fails is cut in halves, each checked with fresh weights, down to the single
 *    ballots that fail.
 *
 * Any ballot that fails a step is verified again by verify-ballot.ts (the active group), so its
 * failures are named exactly as everywhere else; it is never accepted here.
 */
export interface NativeBallotOutcome {
  readonly results: NativeVerdict[];
  /** contestId → per-option sums (α, β encodings) of the accepted ballots. */
  readonly sums: Map<string, { alpha: Uint8Array; beta: Uint8Array }[]>;
}

export type NativeVerdict =
  | { readonly ok: true; readonly trackingCode: string; readonly styleId: string; readonly voterBinding: string; readonly contestIds: readonly string[] }
  | { readonly ok: false; readonly failures: readonly BallotFailure[] };

/**
 * A ballot that passed step 1, its equations already written into the batch's buffers: the
 * parsed form is dropped as soon as they are (kept for a whole batch, it made every young-
 * generation collection copy it, about a tenth of a run's time).
 */
interface Candidate {
  readonly index: number;
  readonly json: EncryptedBallotJson;
  readonly style: BallotStyle;
  readonly pointStart: number;
  readonly pointEnd: number;
  readonly termStart: number;
  readonly termEnd: number;
  /** α and β point indices, option by option, contest by contest. */
  readonly ciphertexts: Uint32Array;
}

// The parse keeps the bytes; the C side decodes them (step 2).
const deferred = (bytes: Uint8Array): GroupElement => bytes as unknown as GroupElement;

const G_ENCODING = Buffer.from('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76', 'hex');

export function verifyBallotsNative(
  inputs: readonly unknown[],
  context: ElectionContext,
  publicKeyEncoding: Uint8Array,
  styles: BallotStyles,
  options: readonly VerifyOptions[] = [],
  addon: DecafAddon = loadDecafAddon(),
): NativeBallotOutcome {
  const results: (NativeVerdict | undefined)[] = new Array(inputs.length);
  const sums = new Map<string, { alpha: Uint8Array; beta: Uint8Array }[]>();
  const slow: number[] = [];
  const candidates: Candidate[] = [];
  const batch = newBatch(publicKeyEncoding);
  inputs.forEach((input, index) => {
    const c = screen(input, context, styles, options[index]);
    if (c) candidates.push(lay(batch, index, c, inputs.length - index));
    else slow.push(index);
  });

  if (candidates.length > 0) {
    const valid = new Uint8Array(batch.points);
    const decoded = addon.decode(batch.encodings.subarray(0, 32 * batch.points), valid);
    const decodable: Candidate[] = [];
    for (const c of candidates) {
      let ok = valid[G_INDEX] === 1 && valid[K_INDEX] === 1;
      for (let p = c.pointStart; ok && p < c.pointEnd; p++) ok = valid[p] === 1;
      if (ok) decodable.push(c);
      else slow.push(c.index);
    }
    const coefficients = batch.coefficients.subarray(0, 32 * batch.coefs);
    const terms = batch.terms.subarray(0, 3 * batch.termCount);
    const holds = (group: readonly Candidate[]): boolean => {
      const ranges = new Uint32Array(2 * group.length);
      group.forEach((c, i) => {
        ranges[2 * i] = c.termStart;
        ranges[2 * i + 1] = c.termEnd;
      });
      // Fresh weights for every check, drawn now that the terms are fixed.
      return addon.batchHolds(decoded, coefficients, terms, freshWeights(batch.weights), ranges);
    };
    const accepted: Candidate[] = [];
    const guilty: Candidate[] = [];
    bisect(decodable, holds, accepted, guilty);
    for (const c of guilty) slow.push(c.index);
    for (const c of accepted) results[c.index] = verdictOf(c);
    addSums(sums, accepted, decoded, addon);
    addon.release(decoded);
  }

  if (slow.length > 0) {
    const again = verifyBallots(slow.map((i) => inputs[i]), context, styles, slow.map((i) => options[i] ?? {}));
    slow.forEach((i, k) => {
      const r = again[k];
      results[i] = r.ok
        ? // The batch refused what the close look accepts: a disagreement to report, never a pass.
          { ok: false, failures: [{ check: 'option-proof', reason: 'the combined proof equations do not hold' }] }
        : { ok: false, failures: r.failures };
    });
  }
  return { results: results as NativeVerdict[], sums };
}

/** Accepts the members of every sub-batch that holds; a single member that fails is guilty. */
export function bisect<T>(batch: readonly T[], holds: (part: readonly T[]) => boolean, accepted: T[], guilty: T[]): void {
  if (batch.length === 0) return;
  if (holds(batch)) {
    accepted.push(...batch);
    return;
  }
  if (batch.length === 1) {
    guilty.push(batch[0]);
    return;
  }
  const half = batch.length >> 1;
  bisect(batch.slice(0, half), holds, accepted, guilty);
  bisect(batch.slice(half), holds, accepted, guilty);
}

/** Independent, uniform, non-zero 128-bit weights, 16 bytes little-endian each, from one CSPRNG call. */
export function freshWeights(count: number, fill: (b: Uint8Array) => Uint8Array = randomFillSync): Uint8Array {
  const weights = fill(new Uint8Array(16 * count));
  for (let i = 0; i < count; i++) {
    // A zero weight would drop its equation from the check; redraw it (probability 2⁻¹²⁸ each).
    while (isZero(weights, 16 * i)) weights.set(fill(new Uint8Array(16)), 16 * i);
  }
  return weights;
}

function isZero(b: Uint8Array, at: number): boolean {
  let acc = 0;
  for (let i = at; i < at + 16; i++) acc |= b[i];
  return acc === 0;
}

/**
 * Step 1: the checks outside the MSM. Undefined when any fails (the ballot is then verified by
 * verify-ballot.ts, which names the failure).
 */
interface Screened {
  readonly parsed: ParsedBallot;
  readonly sumChallenges: bigint[];
  readonly signature?: SignatureTerms;
}

function screen(input: unknown, context: ElectionContext, styles: BallotStyles, options: VerifyOptions | undefined): Screened | undefined {
  const parse = parseBallot(input, context, styles, deferred);
  if (!parse.ok) return undefined;
  const { parsed } = parse;
  const json = parsed.json;
  if (json.trackingCode !== trackingCodeOf(json)) return undefined;
  const expected = options?.expectedVoter;
  let signature: SignatureTerms | undefined;
  if (expected !== undefined) {
    if (!opensVoterBinding(json.voterBinding, expected.pseudonym, expected.credential, expected.bindingNonce)) return undefined;
    signature = signatureTerms(expected.credential, expected.signature, json);
    if (!signature) return undefined;
  }
  const sumChallenges: bigint[] = [];
  for (const contest of parsed.contests) {
    const binding = proofBinding(parsed.baseHash, json.styleId, parsed.voterBinding, contest.contestId).parts;
    const ciphertexts: Uint8Array[] = [];
    const challenges = new IndexedChallenges(Tags.ballotOptionProof, binding, 6);
    for (let i = 0; i < contest.options.length; i++) {
      const o = contest.options[i];
      const c = challenges.challenge(i, o.bytes.alpha, o.bytes.beta, o.bytes.a0, o.bytes.b0, o.bytes.a1, o.bytes.b1);
      if (mod(o.c0 + o.c1) !== c) return undefined;
      ciphertexts.push(o.bytes.alpha, o.bytes.beta);
    }
    sumChallenges.push(hashToScalarFast(Tags.ballotContestSumProof, [...binding, u32(contest.options.length), ...ciphertexts, contest.sum.aBytes, contest.sum.bBytes]));
  }
  return { parsed, sumChallenges, signature };
}

/**
 * credential-signature.ts's parseSignature on the received bytes, except that R and X are
 * decoded with the rest of the batch, in C (one that does not decode fails the ballot, and the
 * slow path names it): the hex forms, X not the identity (its only encoding is 32 zero bytes),
 * s canonical, and c = H(tag, R, X, baseHash, trackingCode).
 */
function signatureTerms(credential: string, signatureHex: string | undefined, json: ParsedBallot['json']): SignatureTerms | undefined {
  if (signatureHex === undefined || !PUBLIC_KEY_HEX.test(credential) || !SIGNATURE_HEX.test(signatureHex)) return undefined;
  const publicKey = Buffer.from(credential, 'hex');
  const r = Buffer.from(signatureHex.slice(0, 64), 'hex');
  const s = Buffer.from(signatureHex.slice(64), 'hex');
  if (publicKey.every((x) => x === 0) || littleEndianToBigint(s) >= ORDER) return undefined;
  const c = hashToScalarFast(Tags.ballotSignature, [r, publicKey, ...ballotSignatureParts(json.baseHash, json.trackingCode)]);
  return { r, publicKey, c, s };
}

/** tracking-code.ts's code for a parsed ballot: its JCS written out directly, SHA-256 by node:crypto. */
function trackingCodeOf(ballot: ParsedBallot['json']): string | undefined {
  const jcs = ballotJcs(ballot);
  return jcs === undefined ? undefined : hash256FastTextHex(Tags.ballotTrackingCode, jcs);
}

/** Step 2's input: every candidate's points, coefficients and terms in one set of buffers,
 * G and K first. */
function newBatch(publicKeyEncoding: Uint8Array): BatchBuffers {
  const b: BatchBuffers = { encodings: new Uint8Array(64), coefficients: new Uint8Array(0), terms: new Uint32Array(0), points: 2, coefs: 0, termCount: 0, weights: 0 };
  b.encodings.set(G_ENCODING, 32 * G_INDEX);
  b.encodings.set(publicKeyEncoding, 32 * K_INDEX);
  return b;
}

/** Room for `count` more ballots of this shape (the batch's ballots usually share one style). */
function reserve(b: BatchBuffers, shape: BallotShape, count: number): void {
  const grow = <T extends Uint8Array | Uint32Array>(buffer: T, used: number, need: number, make: (n: number) => T): T => {
    if (used + need <= buffer.length) return buffer;
    const bigger = make(Math.max(used + need * count, 2 * buffer.length));
    bigger.set(buffer.subarray(0, used));
    return bigger;
  };
  b.encodings = grow(b.encodings, 32 * b.points, 32 * shape.points, (n) => new Uint8Array(n));
  b.coefficients = grow(b.coefficients, 32 * b.coefs, 32 * shape.coefs, (n) => new Uint8Array(n));
  b.terms = grow(b.terms, 3 * b.termCount, 3 * shape.terms, (n) => new Uint32Array(n));
}

/** Writes a screened ballot's equations into the batch; its parsed form is not kept. */
function lay(b: BatchBuffers, index: number, s: Screened, remaining: number): Candidate {
  reserve(b, ballotShape(s.parsed, s.signature !== undefined), remaining);
  const pointStart = b.points;
  const termStart = b.termCount;
  const ciphertexts = writeBallotTerms(b, s.parsed, s.sumChallenges, s.signature);
  return { index, json: s.parsed.json, style: s.parsed.style, pointStart, pointEnd: b.points, termStart, termEnd: b.termCount, ciphertexts };
}

function verdictOf(c: Candidate): NativeVerdict {
  return { ok: true, trackingCode: c.json.trackingCode, styleId: c.json.styleId, voterBinding: c.json.voterBinding, contestIds: c.style.contests.map((contest) => contest.id) };
}

/** The homomorphic sums of the accepted ballots, per contest and option, added in C. */
function addSums(sums: NativeBallotOutcome['sums'], accepted: readonly Candidate[], decoded: DecodedPoints, addon: DecafAddon): void {
  const byContest = new Map<string, { alpha: number[]; beta: number[] }[]>();
  for (const c of accepted) {
    let at = 0;
    for (const contest of c.style.contests) {
      let acc = byContest.get(contest.id);
      if (!acc) byContest.set(contest.id, (acc = contest.optionIds.map(() => ({ alpha: [], beta: [] }))));
      for (let k = 0; k < contest.optionIds.length; k++, at += 2) {
        acc[k].alpha.push(c.ciphertexts[at]);
        acc[k].beta.push(c.ciphertexts[at + 1]);
      }
    }
  }
  for (const [id, opts] of byContest) {
    sums.set(id, opts.map((o) => ({ alpha: addon.sum(decoded, Uint32Array.from(o.alpha)), beta: addon.sum(decoded, Uint32Array.from(o.beta)) })));
  }
}
