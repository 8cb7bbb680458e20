import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SodiumRistretto255 } from '../domain/crypto/ristretto255-libsodium';

/**
 * libdecaf's ristretto255 (decaf_255) through the project's N-API addon, native/decaf255: the
 * default backend where it is built (`npm run build:native`, needs Debian's libdecaf-dev and a
 * C compiler). Besides the Group operations on 32-byte encodings (the same shape as the
 * libsodium addon, so one TypeScript Group serves both) it verifies ballots in batches with
 * points kept in internal form (src/native-verification).
 *
 * URNA_HIDE_DECAF=1 makes this process behave as if the addon were not built: the fallback path
 * (libsodium, then @noble/curves) can be exercised and tested on a machine that has it.
 */
export const DECAF_ADDON = join(__dirname, '..', '..', 'native', 'decaf255', 'build', 'Release', 'decaf255.node');

/** An opaque handle on points decoded into libdecaf's internal form (freed by the GC). */
export type DecodedPoints = { readonly __decodedPoints: unique symbol };
export type PrecomputedTable = { readonly __precomputedTable: unique symbol };

export interface DecafAddon {
  isValid(p: Uint8Array): boolean;
  add(a: Uint8Array, b: Uint8Array): Uint8Array;
  sub(a: Uint8Array, b: Uint8Array): Uint8Array;
  mul(k: Uint8Array, p: Uint8Array): Uint8Array;
  mulBase(k: Uint8Array): Uint8Array;
  /** libdecaf's table of multiples of p (as mulBase has for G), freed with the handle. */
  precompute(p: Uint8Array): PrecomputedTable;
  /** k·p from precompute(p)'s table, constant time. */
  mulPrecomputed(table: PrecomputedTable, k: Uint8Array): Uint8Array;
  msm(points: Uint8Array, scalars: Uint8Array): Uint8Array;
  /** Decodes n encodings once; valid[i] is set to 1 where encoding i is a ristretto255 element. */
  decode(encodings: Uint8Array, valid: Uint8Array): DecodedPoints;
  /**
   * Whether Σ over the terms of the given [start, end) ranges of weight·(±coefficient)·point is
   * the identity (ristretto's test). terms: 3 words each (point, coefficient | flags, weight);
   * coefficients 32 bytes canonical, weights 16 bytes little-endian.
   */
  batchHolds(points: DecodedPoints, coefficients: Uint8Array, terms: Uint32Array, weights: Uint8Array, ranges: Uint32Array): boolean;
  /**
   * Tests only: each decoded point's combined scalar over those terms, Σ ±weight·coefficient
   * mod ℓ (32 bytes little-endian per decoded point, zeros where no term names it): the part of
   * batchHolds computed in C with 512-bit sums, compared with BigInt arithmetic.
   */
  batchScalars(points: DecodedPoints, coefficients: Uint8Array, terms: Uint32Array, weights: Uint8Array, ranges: Uint32Array): Uint8Array;
  /** Σ of the named decoded points, encoded. */
  sum(points: DecodedPoints, indices: Uint32Array): Uint8Array;
  /** Gives the decoded points' memory back for the next decode on this thread, at once rather
   * than when the garbage collector finalizes the handle; the handle names no point afterwards. */
  release(points: DecodedPoints): void;
  windowFor(n: number): number;
  /** Tests only: swaps decoded point i for another Edwards representative of the same element. */
  debugTorque(points: DecodedPoints, index: number): void;
  version(): string;
}

/** Term flags (native/decaf255/batch.h). */
export const COEF_ONE = 0x3fffffff;
export const NEGATE = 0x80000000;

export const decafHidden = (env: NodeJS.ProcessEnv = process.env): boolean => env.URNA_HIDE_DECAF === '1';

export const nativeDecafBuilt = (env: NodeJS.ProcessEnv = process.env): boolean => !decafHidden(env) && existsSync(DECAF_ADDON);

let loaded: DecafAddon | undefined;

export function loadDecafAddon(): DecafAddon {
  if (!nativeDecafBuilt()) {
    throw new Error(`the native libdecaf backend is not built (${DECAF_ADDON})${decafHidden() ? ' or is hidden (URNA_HIDE_DECAF=1)' : ''}: run \`npm run build:native\` (needs libdecaf-dev: apt-get install libdecaf-dev)`);
  }
  // A built .node file is loaded by path; there is no package to import.
  return (loaded ??= require(DECAF_ADDON) as DecafAddon);
}

/** The addon as the Group operations of ristretto255-libsodium.ts (elements are encodings). */
export function decafAsGroupOperations(addon: DecafAddon = loadDecafAddon()): SodiumRistretto255 {
  return {
    implementation: `${addon.version()} (native, system library through N-API, batch verification)`,
    isValid: addon.isValid,
    add: addon.add,
    sub: addon.sub,
    mul: addon.mul,
    mulBase: addon.mulBase,
    fixedBase(p) {
      const table = addon.precompute(p);
      return (k) => addon.mulPrecomputed(table, k);
    },
    msm: addon.msm,
  };
}
