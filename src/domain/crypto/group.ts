/**
 * The prime-order group every protocol in Urna computes in, behind one small interface so
 * that a faster backend (WASM, native) can replace the pure-JS one without touching
 * protocol code. Elements are opaque values: only the group that made them may touch them.
 *
 * Scalars are bigints in [0, order). Encodings are fixed-length (docs/spec/crypto.md):
 * elements 32 bytes (RFC 9496 ristretto255 encoding), scalars 32 bytes little-endian.
 */

declare const elementBrand: unique symbol;
/** An element of the group, already validated (decoding rejects anything else). */
export type GroupElement = { readonly [elementBrand]: true };

/** Multiplication of one fixed base by many scalars, using a precomputed table. */
export interface FixedBase {
  readonly base: GroupElement;
  /** k·base. Accepts k = 0. NOT constant time in k on every backend (the noble table reads
   * the entry each digit of k selects): fast for the booth's encryption nonces and public data;
   * where a long-lived secret multiplies a base, use Group.mul (crypto-ceremony-tally.md §6.2). */
  mul(k: bigint): GroupElement;
}

export interface Group {
  readonly name: string;
  /** Which code computes it (e.g. "@noble/curves", "libsodium (WASM)"): for reports only. */
  readonly implementation: string;
  /** The prime order ℓ of the group. */
  readonly order: bigint;
  readonly elementBytes: number;
  readonly scalarBytes: number;
  readonly identity: GroupElement;
  readonly generator: GroupElement;

  add(a: GroupElement, b: GroupElement): GroupElement;
  sub(a: GroupElement, b: GroupElement): GroupElement;
  neg(a: GroupElement): GroupElement;
  /** k·a, constant time in k (for secrets). Accepts k = 0. */
  mul(a: GroupElement, k: bigint): GroupElement;
  /** k·a in variable time: only for public data (verification). */
  mulPublic(a: GroupElement, k: bigint): GroupElement;
  /** Σ kᵢ·aᵢ in variable time (multi-scalar multiplication): public data only. */
  msm(elements: GroupElement[], scalars: bigint[]): GroupElement;
  /**
   * A table for repeated multiplication of one base (the generator, the election key).
   * `window`: a hint for backends that build a table (bits per window): wider tables take longer
   * to build and multiply faster, for a process that encrypts many ballots; others ignore it.
   */
  fixedBase(base: GroupElement, window?: number): FixedBase;
  /**
   * The same table, built a slice at a time: each `next()` does a bounded part of the work and
   * the last one returns the table. For a page, which lets the browser paint and answer input
   * between slices instead of freezing while the whole table is built.
   */
  fixedBaseInSlices(base: GroupElement, window?: number): Generator<void, FixedBase, undefined>;
  equals(a: GroupElement, b: GroupElement): boolean;
  isIdentity(a: GroupElement): boolean;

  encode(a: GroupElement): Uint8Array;
  /**
   * The same bytes as encoding each element, computed together where the backend can share work:
   * the pure-JS backend encodes the elements its fixed-base tables made with one field inversion
   * for the whole batch. The booth encodes each contest's commitments at once.
   */
  encodeMany(elements: readonly GroupElement[]): Uint8Array[];
  /** Throws InvalidEncodingError for anything but the canonical encoding of an element. */
  decode(bytes: Uint8Array): GroupElement;
  /** An element nobody knows the discrete log of, derived from `tag` and `message`. */
  hashToElement(tag: string, message: Uint8Array): GroupElement;
  /**
   * A 48-bit number per element, equal for equal elements, computed for many elements at once
   * (far cheaper than encoding each one). Different elements collide with probability ~2⁻⁴⁸, so
   * a match is a candidate to confirm, never a proof of equality. For lookup tables such as the
   * tally's baby-step giant-step discrete logarithm.
   */
  fingerprints(elements: readonly GroupElement[]): number[];
}

export class InvalidEncodingError extends Error {
  constructor(readonly what: string, reason: string) {
    super(`invalid ${what}: ${reason}`);
    this.name = 'InvalidEncodingError';
  }
}
