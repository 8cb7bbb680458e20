import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';

/**
 * Multi-scalar multiplication for ristretto255 over noble's Edwards points, tuned for ballot
 * verification (docs/spec/crypto.md, "Group and encodings"): Pippenger's bucket method with
 * signed digits (half as many buckets per window), working on the Edwards representatives
 * directly (no wrapper allocation per addition), and skipping, window by window, the scalars
 * that have no digit there. Ballot batches mix full-size coefficients with 128-bit random
 * weights, so the upper half of the windows only touches a third of the points.
 *
 * Variable time: public data only. A ristretto255 element is an equivalence class of Edwards
 * points, and sums of representatives represent the sum, so working on `ep` is sound.
 */
type RistrettoPoint = InstanceType<typeof ristretto255.Point>;
type EdwardsPoint = InstanceType<typeof ed25519.Point>;
const ZERO: EdwardsPoint = ed25519.Point.ZERO;

/** Window count needed for scalars below 2^253 with signed digits (a final carry needs one more bit). */
const SCALAR_BITS = 254;

function toLimbs(s: bigint): Uint32Array {
  const hex = s.toString(16).padStart(64, '0');
  const limbs = new Uint32Array(8);
  for (let i = 0; i < 8; i++) limbs[i] = parseInt(hex.slice(64 - 8 * (i + 1), 64 - 8 * i), 16);
  return limbs;
}

/** Bits [at, at+width) of the 256-bit number in `limbs` (width ≤ 16). */
function bitsAt(limbs: Uint32Array, at: number, width: number): number {
  const limb = at >>> 5;
  const shift = at & 31;
  let v = limbs[limb] >>> shift;
  if (shift + width > 32 && limb + 1 < 8) v |= limbs[limb + 1] << (32 - shift);
  return v & ((1 << width) - 1);
}

function bitLength(s: bigint): number {
  return s === 0n ? 0 : s.toString(2).length;
}

/** Picks the window width that minimizes the estimated number of point additions. */
function chooseWindow(bitLengths: number[]): number {
  let best = 2;
  let bestCost = Infinity;
  for (let c = 2; c <= 16; c++) {
    const windows = Math.ceil(SCALAR_BITS / c);
    let cost = 0;
    for (let w = 0; w < windows; w++) {
      const low = w * c;
      let active = 0;
      for (const b of bitLengths) if (b + 1 > low) active++;
      cost += active + 2 * (1 << (c - 1)) + c; // bucket additions + bucket sum + doublings
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

export function msmRistretto(points: readonly RistrettoPoint[], scalars: readonly bigint[]): EdwardsPoint {
  const n = points.length;
  if (n === 0) return ZERO;
  const lengths = scalars.map(bitLength);
  const c = chooseWindow(lengths);
  const windows = Math.ceil(SCALAR_BITS / c);
  const half = 1 << (c - 1);
  const full = 1 << c;

  // Signed digits in (−2^(c−1), 2^(c−1)]: digit w of scalar j at digits[j·windows + w].
  const digits = new Int32Array(n * windows);
  const topWindow = new Int32Array(n); // highest window with a non-zero digit, −1 if none
  for (let j = 0; j < n; j++) {
    topWindow[j] = -1;
    if (lengths[j] === 0) continue;
    const limbs = toLimbs(scalars[j]);
    let carry = 0;
    for (let w = 0; w < windows; w++) {
      let d = (w * c < 256 ? bitsAt(limbs, w * c, Math.min(c, 256 - w * c)) : 0) + carry;
      carry = 0;
      if (d > half) {
        d -= full;
        carry = 1;
      }
      digits[j * windows + w] = d;
      if (d !== 0) topWindow[j] = w;
    }
  }

  const eps: EdwardsPoint[] = points.map((p) => (p as unknown as { ep: EdwardsPoint }).ep);
  const negs: (EdwardsPoint | undefined)[] = new Array(n);
  const buckets: (EdwardsPoint | undefined)[] = new Array(half);
  let sum = ZERO;
  for (let w = windows - 1; w >= 0; w--) {
    if (sum !== ZERO) for (let i = 0; i < c; i++) sum = sum.double();
    buckets.fill(undefined);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (topWindow[j] < w) continue;
      const d = digits[j * windows + w];
      if (d === 0) continue;
      any = true;
      let p: EdwardsPoint;
      if (d > 0) p = eps[j];
      else p = negs[j] ??= eps[j].negate();
      const k = (d > 0 ? d : -d) - 1;
      const b = buckets[k];
      buckets[k] = b === undefined ? p : b.add(p);
    }
    if (!any) continue;
    // Σ (k+1)·bucket[k] as running sums from the top bucket down.
    let running: EdwardsPoint | undefined;
    let windowSum: EdwardsPoint | undefined;
    for (let k = half - 1; k >= 0; k--) {
      const b = buckets[k];
      if (b !== undefined) running = running === undefined ? b : running.add(b);
      if (running !== undefined) windowSum = windowSum === undefined ? running : windowSum.add(running);
    }
    if (windowSum !== undefined) sum = sum === ZERO ? windowSum : sum.add(windowSum);
  }
  return sum;
}
