import type { ParsedBallot } from '../domain/crypto/ballot/parse-ballot';
import { encodeScalar } from '../domain/crypto/scalar';
import { COEF_ONE, NEGATE } from '../parallel/native-decaf';

/**
 * A ballot's verification equations as data for the native batch check (native/decaf255,
 * batch.h), the same equations verify-ballot.ts folds with @noble/curves (docs/spec/crypto.md,
 * "Ballot verification" and "Batch verification"). Each equation is a list of terms
 * (point, ±coefficient) whose sum must be the identity, and gets its own weight:
 *
 *   option, weights z1…z4:  a0 + c0·α − v0·G     b0 + c0·β − v0·K
 *                           a1 + c1·α − v1·G     b1 + c1·β − c1·G − v1·K
 *   contest sum, zA, zB:    a + c·Σα − v·G       b + c·Σβ − c·G − v·K
 *   signature, zS:          R + c·X − s·G
 *
 * Coefficients are the proof's exact received scalar bytes (already checked below ℓ), or a
 * challenge this verifier computed. Points are the exact received encodings; G and K are the
 * points 0 and 1 of the whole batch.
 */
/** A lowercase hexadecimal digit's value (parse-ballot.ts has already checked every field). */
const nibble = (code: number): number => (code <= 57 ? code - 48 : code - 87);

export const G_INDEX = 0;
export const K_INDEX = 1;

/** The batch's growing buffers; sizes are counted first (termCounts), then filled. */
export interface BatchBuffers {
  encodings: Uint8Array;
  coefficients: Uint8Array;
  terms: Uint32Array;
  points: number;
  coefs: number;
  termCount: number;
  weights: number;
}

/** A ballot's cast signature, as the terms need it. */
export interface SignatureTerms {
  readonly r: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly c: bigint;
  readonly s: Uint8Array;
}

export interface BallotShape {
  points: number;
  coefs: number;
  terms: number;
  weights: number;
}

export function ballotShape(parsed: ParsedBallot, signed: boolean): BallotShape {
  const shape = { points: signed ? 2 : 0, coefs: signed ? 2 : 0, terms: signed ? 3 : 0, weights: signed ? 1 : 0 };
  for (const contest of parsed.contests) {
    const n = contest.options.length;
    shape.points += 6 * n + 2;
    shape.coefs += 4 * n + 2;
    shape.terms += 15 * n + 5;
    shape.weights += 4 * n + 2;
  }
  return shape;
}

/** Where a ballot's α and β went (point indices), for the sums: α, β of each option, contest
 * by contest, in one array (no object per option stays alive for the batch). */
export type CiphertextIndices = Uint32Array;

/**
 * Writes one ballot's points, coefficients and terms. `json` gives the exact received scalar
 * hex strings; `sumChallenges` the contests' c computed from the received bytes.
 */
export function writeBallotTerms(
  b: BatchBuffers,
  parsed: ParsedBallot,
  sumChallenges: readonly bigint[],
  signature: SignatureTerms | undefined,
): CiphertextIndices {
  let optionCount = 0;
  for (const contest of parsed.contests) optionCount += contest.options.length;
  const indices: CiphertextIndices = new Uint32Array(2 * optionCount);
  let at = 0;
  const point = (bytes: Uint8Array): number => {
    b.encodings.set(bytes, 32 * b.points);
    return b.points++;
  };
  const coefHex = (hex: string): number => {
    const at = 32 * b.coefs;
    for (let i = 0; i < 32; i++) b.coefficients[at + i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
    return b.coefs++;
  };
  const coefBytes = (bytes: Uint8Array): number => {
    b.coefficients.set(bytes, 32 * b.coefs);
    return b.coefs++;
  };
  const term = (p: number, coef: number, weight: number, negate = false): void => {
    const at = 3 * b.termCount++;
    b.terms[at] = p;
    b.terms[at + 1] = (coef | (negate ? NEGATE : 0)) >>> 0;
    b.terms[at + 2] = weight;
  };
  const weight = (): number => b.weights++;

  const contestsJson = (parsed.json as unknown as { contests: { options: { proof: Record<string, string> }[]; sumProof: { v: string } }[] }).contests;
  parsed.contests.forEach((contest, ci) => {
    const c = coefBytes(encodeScalar(sumChallenges[ci]));
    const v = coefHex(contestsJson[ci].sumProof.v);
    const zA = weight();
    const zB = weight();
    contest.options.forEach((o, oi) => {
      const proof = contestsJson[ci].options[oi].proof;
      const alpha = point(o.bytes.alpha);
      const beta = point(o.bytes.beta);
      indices[at++] = alpha;
      indices[at++] = beta;
      const c0 = coefHex(proof.c0);
      const c1 = coefHex(proof.c1);
      const v0 = coefHex(proof.v0);
      const v1 = coefHex(proof.v1);
      const [z1, z2, z3, z4] = [weight(), weight(), weight(), weight()];
      term(point(o.bytes.a0), COEF_ONE, z1);
      term(alpha, c0, z1);
      term(G_INDEX, v0, z1, true);
      term(point(o.bytes.b0), COEF_ONE, z2);
      term(beta, c0, z2);
      term(K_INDEX, v0, z2, true);
      term(point(o.bytes.a1), COEF_ONE, z3);
      term(alpha, c1, z3);
      term(G_INDEX, v1, z3, true);
      term(point(o.bytes.b1), COEF_ONE, z4);
      term(beta, c1, z4);
      term(G_INDEX, c1, z4, true);
      term(K_INDEX, v1, z4, true);
      term(alpha, c, zA);
      term(beta, c, zB);
    });
    term(point(contest.sum.aBytes), COEF_ONE, zA);
    term(G_INDEX, v, zA, true);
    term(point(contest.sum.bBytes), COEF_ONE, zB);
    term(G_INDEX, c, zB, true);
    term(K_INDEX, v, zB, true);
  });
  if (signature) {
    const zS = weight();
    term(point(signature.r), COEF_ONE, zS);
    term(point(signature.publicKey), coefBytes(encodeScalar(signature.c)), zS);
    term(G_INDEX, coefBytes(signature.s), zS, true);
  }
  return indices;
}
