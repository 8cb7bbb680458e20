import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';

/**
 * Multi-scalar multiplication for ristretto255, tuned for ballot verification
 * (docs/spec/crypto.md, "Group and encodings"): Pippenger's bucket method with signed digits
 * (half as many buckets per window), on the Edwards representatives in extended coordinates
 * with our own field arithmetic (lazy reduction modulo 2²⁵⁵ − 19, additions against a cached
 * form of each input point: 8 multiplications), and skipping, window by window, the scalars
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
  // atLeast[b] = how many scalars need more than b bits (signed digits may carry one bit up).
  const atLeast = new Int32Array(SCALAR_BITS + 2);
  for (const b of bitLengths) atLeast[Math.min(b + 1, SCALAR_BITS + 1)]++;
  for (let b = SCALAR_BITS; b >= 0; b--) atLeast[b] += atLeast[b + 1];
  let best = 2;
  let bestCost = Infinity;
  for (let c = 2; c <= 16; c++) {
    const windows = Math.ceil(SCALAR_BITS / c);
    let cost = 0;
    for (let w = 0; w < windows; w++) cost += atLeast[Math.min(w * c + 1, SCALAR_BITS + 1)] + 2 * (1 << (c - 1)) + c;
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

// Field arithmetic modulo p = 2²⁵⁵ − 19 on bigints kept below 2²⁵⁶ (2²⁵⁵ ≡ 19), fully reduced
// only at the end. Subtraction adds 4p (> 2²⁵⁶) so intermediate values never go negative.
const p = 2n ** 255n - 19n;
const P4 = 4n * p;
const MASK_255 = (1n << 255n) - 1n;
const D2 = (2n * 37095705934669439343138083508754565189542113879843219016388785533085940283555n) % p;
function red(x: bigint): bigint {
  x = (x & MASK_255) + 19n * (x >> 255n);
  return (x & MASK_255) + 19n * (x >> 255n);
}

/** Extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, curve −x² + y² = 1 + d·x²y². */
interface Ext {
  X: bigint;
  Y: bigint;
  Z: bigint;
  T: bigint;
}
/** A point prepared for repeated addition: (Y − X, Y + X, 2d·T, 2Z). */
interface Cached {
  ymx: bigint;
  ypx: bigint;
  t2d: bigint;
  z2: bigint;
}

const toCached = (q: Ext): Cached => ({ ymx: red(q.Y + P4 - q.X), ypx: red(q.Y + q.X), t2d: red(q.T * D2), z2: red(2n * q.Z) });
const negCached = (c: Cached): Cached => ({ ymx: c.ypx, ypx: c.ymx, t2d: red(P4 - c.t2d), z2: c.z2 });

/** add-2008-hwcd-3 (a = −1) against a cached point: 8 multiplications. */
function addCached(q: Ext, c: Cached): Ext {
  const A = red((q.Y + P4 - q.X) * c.ymx);
  const B = red((q.Y + q.X) * c.ypx);
  const C = red(q.T * c.t2d);
  const D = red(q.Z * c.z2);
  const E = B + P4 - A;
  const F = D + P4 - C;
  const G = D + C;
  const H = B + A;
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
}
const add = (q: Ext, r: Ext): Ext => addCached(q, toCached(r));

/** dbl-2008-hwcd (a = −1): 4 multiplications and 4 squarings. */
function double(q: Ext): Ext {
  const A = red(q.X * q.X);
  const B = red(q.Y * q.Y);
  const C = red(2n * q.Z * q.Z);
  const xy = q.X + q.Y;
  const E = red(xy * xy) + 2n * P4 - A - B;
  const G = B + P4 - A; // D + B with D = −A
  const F = G + P4 - C;
  const H = 2n * P4 - A - B; // D − B
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
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

  const cached: (Cached | undefined)[] = points.map((pt, j) => {
    if (topWindow[j] < 0) return undefined;
    const { X, Y, Z, T } = (pt as unknown as { ep: EdwardsPoint }).ep;
    return toCached({ X, Y, Z, T });
  });
  const negs: (Cached | undefined)[] = new Array(n);
  const buckets: (Ext | undefined)[] = new Array(half);
  let sum: Ext | undefined;
  for (let w = windows - 1; w >= 0; w--) {
    if (sum !== undefined) for (let i = 0; i < c; i++) sum = double(sum);
    buckets.fill(undefined);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (topWindow[j] < w) continue;
      const d = digits[j * windows + w];
      if (d === 0) continue;
      any = true;
      const pc = d > 0 ? cached[j]! : (negs[j] ??= negCached(cached[j]!));
      const k = (d > 0 ? d : -d) - 1;
      const b = buckets[k];
      buckets[k] = b === undefined ? fromCached(pc) : addCached(b, pc);
    }
    if (!any) continue;
    // Σ (k+1)·bucket[k] as running sums from the top bucket down.
    let running: Ext | undefined;
    let windowSum: Ext | undefined;
    for (let k = half - 1; k >= 0; k--) {
      const b = buckets[k];
      if (b !== undefined) running = running === undefined ? b : add(running, b);
      if (running !== undefined) windowSum = windowSum === undefined ? running : add(windowSum, running);
    }
    if (windowSum !== undefined) sum = sum === undefined ? windowSum : add(sum, windowSum);
  }
  if (sum === undefined) return ZERO;
  return new ed25519.Point(sum.X % p, sum.Y % p, sum.Z % p, sum.T % p);
}

/**
 * Back from the cached form (a bucket's first point) without an inversion: ypx − ymx = 2X and
 * ypx + ymx = 2Y, so (2X·2Z : 2Y·2Z : 2Z·2Z : 2X·2Y) is the point scaled by 4Z (T·Z = X·Y holds).
 */
function fromCached(c: Cached): Ext {
  const X = red((c.ypx + P4 - c.ymx) * c.z2); // 2X·2Z
  const Y = red((c.ypx + c.ymx) * c.z2); // 2Y·2Z
  const Z = red(c.z2 * c.z2); // 2Z·2Z
  const T = red((c.ypx + P4 - c.ymx) * (c.ypx + c.ymx)); // 2X·2Y = 4XY = 4T·Z → T' = 4TZ, consistent with factor 4Z
  return { X, Y, Z, T };
}

/**
 * Fixed-base multiplication k·B with a table of signed-digit windows: window j holds
 * 0, 1…2^(w−1) times 2^(j·w)·B, so k·B is one table addition per window. The default w = 8
 * (32 windows of 129 entries, ≈ 1 MiB) serves the server side (generatorBase: tally, proofs). The
 * booth asks for w = 7 (37 windows of 65 entries): 58 % of the points to build, 16 % more
 * additions per multiplication. A fresh page runs the field code in its slowest tiers, several
 * times slower than later, so the points it builds first cost the most. In Chromium, over 55 fresh
 * pages each on a loaded machine, the first ballot (tables + one encryption) had a median of
 * 216 ms at 7 bits, 231 ms at 6, 229 ms at 8 (the spread within each is wider than these gaps;
 * bench/results/encrypt.json has the latest run): 7 for its smaller cost per ballot. A process
 * encrypting many ballots (the simulacro's voters) asks for w = 11 (24 windows of 1,025 entries,
 * ≈ 5 MiB, about 10× longer to build than w = 8, 25 % fewer additions). Entries are stored in
 * affine form (Z = 1, one batch inversion per window at build time), so each addition costs 7
 * multiplications instead of 8. Every window performs exactly one addition (digit 0 adds the
 * identity), so the sequence of operations does not depend on k; the table index does, as in
 * noble's precomputed multiply. Used by the encrypting side, which multiplies only G and K.
 */
export const FIXED_BASE_WINDOW = 8;
/** The booth's tables, built in slices while the voter reads the ballot (see above). */
export const BOOTH_FIXED_BASE_WINDOW = 7;
/** For a thread that encrypts many ballots with the same tables (bench/results/encrypt.json). */
export const WIDE_FIXED_BASE_WINDOW = 11;

/** A table entry in affine form (Z = 1): (y − x, y + x, 2d·x·y). */
interface Affine {
  ymx: bigint;
  ypx: bigint;
  t2d: bigint;
}

/** add-2008-hwcd-3 (a = −1) against an affine point: 7 multiplications (2Z·Z' is a shift). */
function addAffine(q: Ext, c: Affine): Ext {
  const A = red((q.Y + P4 - q.X) * c.ymx);
  const B = red((q.Y + q.X) * c.ypx);
  const C = red(q.T * c.t2d);
  const D = q.Z << 1n;
  const E = B + P4 - A;
  const F = D + P4 - C;
  const G = D + C;
  const H = B + A;
  return { X: red(E * F), Y: red(G * H), Z: red(F * G), T: red(E * H) };
}

/** z⁻¹ for every z (all non-zero) with one field inversion (Montgomery's trick). */
function invertAll(zs: readonly bigint[]): bigint[] {
  const prefix: bigint[] = new Array(zs.length);
  let acc = 1n;
  for (let i = 0; i < zs.length; i++) {
    prefix[i] = acc;
    acc = red(acc * zs[i]);
  }
  let inv = ed25519.Point.Fp.inv(acc % p);
  const out: bigint[] = new Array(zs.length);
  for (let i = zs.length - 1; i >= 0; i--) {
    out[i] = red(inv * prefix[i]);
    inv = red(inv * zs[i]);
  }
  return out;
}

/** 0, B, 2B … half·B in affine form, for one window whose base is B. */
function affineWindow(windowBase: Ext, half: number): Affine[] {
  const baseCached = toCached(windowBase);
  const multiples: Ext[] = [windowBase];
  let acc = windowBase;
  for (let k = 2; k <= half; k++) {
    acc = addCached(acc, baseCached);
    multiples.push(acc);
  }
  const zInv = invertAll(multiples.map((q) => q.Z));
  const row: Affine[] = [IDENTITY_AFFINE];
  multiples.forEach((q, i) => {
    const x = red(q.X * zInv[i]);
    const y = red(q.Y * zInv[i]);
    row.push({ ymx: red(y + P4 - x), ypx: red(y + x), t2d: red(red(x * y) * D2) });
  });
  return row;
}

export class FixedBaseTable {
  private readonly windows: number;
  private readonly half: number;

  private constructor(private readonly table: Affine[][], readonly width: number) {
    this.windows = table.length;
    this.half = 1 << (width - 1);
  }

  /** The whole table at once. */
  static build(base: RistrettoPoint, width = FIXED_BASE_WINDOW): FixedBaseTable {
    const slices = FixedBaseTable.inSlices(base, width);
    for (;;) {
      const next = slices.next();
      if (next.done) return next.value;
    }
  }

  /**
   * The same table, one window per slice: the generator pauses between windows so that a page
   * can let the browser paint and answer the voter (a window of the booth's width is a few
   * milliseconds of work). Each window is converted to affine form with its own batch inversion,
   * so no slice waits for the others; an inversion costs about a hundredth of a window.
   */
  static *inSlices(base: RistrettoPoint, width = FIXED_BASE_WINDOW): Generator<void, FixedBaseTable, undefined> {
    if (!Number.isInteger(width) || width < 2 || width > 16) throw new RangeError(`a fixed-base window is 2 to 16 bits, not ${width}`);
    // Scalars are below 2^253; signed digits need windows·width ≥ 254 so that the top digit
    // never carries out.
    const windows = Math.ceil(SCALAR_BITS / width);
    const { X, Y, Z, T } = (base as unknown as { ep: EdwardsPoint }).ep;
    let windowBase: Ext = { X, Y, Z, T };
    const rows: Affine[][] = [];
    for (let w = 0; w < windows; w++) {
      if (w > 0) yield;
      rows.push(affineWindow(windowBase, 1 << (width - 1)));
      for (let i = 0; i < width; i++) windowBase = double(windowBase);
    }
    return new FixedBaseTable(rows, width);
  }

  /** k·B for 0 ≤ k < 2²⁵³. */
  mul(k: bigint): EdwardsPoint {
    const limbs = toLimbs(k);
    const { width, half } = this;
    let acc: Ext = IDENTITY_EXT;
    let carry = 0;
    for (let w = 0; w < this.windows; w++) {
      const at = w * width;
      let d = (at < 256 ? bitsAt(limbs, at, Math.min(width, 256 - at)) : 0) + carry;
      carry = d > half ? 1 : 0;
      d -= carry << width;
      const entry = this.table[w][d < 0 ? -d : d];
      // −(x, y) = (−x, y): y − x and y + x swap, x·y changes sign.
      const negated: Affine = { ymx: entry.ypx, ypx: entry.ymx, t2d: P4 - entry.t2d };
      acc = addAffine(acc, d < 0 ? negated : entry);
    }
    return new ed25519.Point(acc.X % p, acc.Y % p, acc.Z % p, acc.T % p);
  }
}

/** 2·P on our field arithmetic (noble's `double` reduces with its generic field: slower). */
export function doubled(point: EdwardsPoint): EdwardsPoint {
  const { X, Y, Z, T } = double({ X: point.X, Y: point.Y, Z: point.Z, T: point.T });
  return new ed25519.Point(X % p, Y % p, Z % p, T % p);
}

const IDENTITY_EXT: Ext = { X: 0n, Y: 1n, Z: 1n, T: 0n };
const IDENTITY_AFFINE: Affine = { ymx: 1n, ypx: 1n, t2d: 0n };
