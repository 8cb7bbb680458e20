import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import type libsodium from 'libsodium-wrappers-sumo';
import { FixedBase, Group, GroupElement, InvalidEncodingError } from './group';
import { encodeRistretto } from './ristretto255-noble-decode';
import { encodeScalar } from './scalar';

/**
 * ristretto255 (RFC 9496) over libsodium, behind the same Group interface as the @noble/curves
 * backend. Issue 3 asks for a WASM or native backend to be measured where pure JavaScript
 * misses the verification target; bench/crypto-ballot.bench.ts reports all of them and the
 * verifier can run on any (active-group.ts, src/parallel/group-backend.ts).
 *
 * libsodium works on encodings only: every element here IS its canonical 32-byte encoding, so
 * equality is byte equality and each operation decodes and re-encodes inside libsodium. It has
 * no tables for a chosen base, so `fixedBase` uses the generator's built-in table only; libdecaf
 * (native/decaf255) makes one for any base (SodiumRistretto255.fixedBase).
 *
 * Two builds of libsodium provide the operations (SodiumRistretto255): its WebAssembly build
 * (libsodium-wrappers-sumo, adapted below; runs anywhere) and the system library through a
 * small N-API addon (native/ristretto255, Node only, built where libsodium-dev is installed).
 */

/** The operations this backend needs, on canonical 32-byte encodings. */
export interface SodiumRistretto255 {
  readonly implementation: string;
  isValid(p: Uint8Array): boolean;
  add(a: Uint8Array, b: Uint8Array): Uint8Array;
  sub(a: Uint8Array, b: Uint8Array): Uint8Array;
  /** k·P for a valid P and a reduced scalar (32 bytes little-endian); the identity allowed. */
  mul(k: Uint8Array, p: Uint8Array): Uint8Array;
  /** k·G, the identity allowed. */
  mulBase(k: Uint8Array): Uint8Array;
  /** A constant-time k ↦ k·P from a table of P's multiples, when the build can make one (libdecaf). */
  fixedBase?(p: Uint8Array): (k: Uint8Array) => Uint8Array;
  /** Σ kᵢ·Pᵢ with points and scalars packed 32 bytes each, when the build offers it in one call. */
  msm?(points: Uint8Array, scalars: Uint8Array): Uint8Array;
}

/** libsodium-wrappers-sumo (after `await sodium.ready`) as a SodiumRistretto255. Its scalar
 * multiplications throw when the result is the identity (k ≡ 0 or P the identity in this
 * prime-order group); mul/mulBase are only called when neither holds. */
export function wasmSodium(sodium: typeof libsodium): SodiumRistretto255 {
  return {
    implementation: 'libsodium (WebAssembly, libsodium-wrappers-sumo)',
    isValid: (p) => sodium.crypto_core_ristretto255_is_valid_point(p),
    add: (a, b) => sodium.crypto_core_ristretto255_add(a, b),
    sub: (a, b) => sodium.crypto_core_ristretto255_sub(a, b),
    mul: (k, p) => sodium.crypto_scalarmult_ristretto255(k, p),
    mulBase: (k) => sodium.crypto_scalarmult_ristretto255_base(k),
  };
}

const ELEMENT_BYTES = 32;
const IDENTITY = new Uint8Array(ELEMENT_BYTES);
// The base point's RFC 9496 encoding (e2f2ae0a…76).
const GENERATOR_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';

const toBytes = (e: GroupElement) => e as unknown as Uint8Array;
const toElement = (b: Uint8Array) => b as unknown as GroupElement;

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < ELEMENT_BYTES; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function createLibsodiumRistretto255(sodium: SodiumRistretto255, order: bigint): Group {
  const generator = toElement(fromHex(GENERATOR_HEX));

  function reduce(k: bigint): bigint {
    const r = k % order;
    return r < 0n ? r + order : r;
  }

  // 32 bytes little-endian, always 32 steps (the scalar may be a secret); reduced below ℓ < 2²⁵³,
  // so libsodium's clearing of the top bit never changes it.
  const scalarBytes = encodeScalar;

  const isIdentity = (a: GroupElement): boolean => {
    const b = toBytes(a);
    for (let i = 0; i < ELEMENT_BYTES; i++) if (b[i] !== 0) return false;
    return true;
  };

  /** k·a. libsodium refuses a result equal to the identity, which in a prime-order group happens
   * exactly when k ≡ 0 or a is the identity: both are answered before calling it. */
  function mul(a: GroupElement, k: bigint): GroupElement {
    const s = reduce(k);
    if (s === 0n || isIdentity(a)) return toElement(IDENTITY);
    if (a === generator) return toElement(sodium.mulBase(scalarBytes(s)));
    return toElement(sodium.mul(scalarBytes(s), toBytes(a)));
  }

  function add(a: GroupElement, b: GroupElement): GroupElement {
    if (isIdentity(a)) return b;
    if (isIdentity(b)) return a;
    return toElement(sodium.add(toBytes(a), toBytes(b)));
  }

  function sub(a: GroupElement, b: GroupElement): GroupElement {
    if (isIdentity(b)) return a;
    return toElement(sodium.sub(toBytes(a), toBytes(b)));
  }

  class LibsodiumFixedBase implements FixedBase {
    constructor(readonly base: GroupElement, private readonly table?: (k: Uint8Array) => Uint8Array) {}
    mul(k: bigint): GroupElement {
      const s = reduce(k);
      if (this.table === undefined || s === 0n) return mul(this.base, s);
      return toElement(this.table(scalarBytes(s)));
    }
  }

  function fixedBase(base: GroupElement): FixedBase {
    if (base === generator || bytesEqual(toBytes(base), toBytes(generator))) return new LibsodiumFixedBase(generator);
    return new LibsodiumFixedBase(base, isIdentity(base) || !sodium.fixedBase ? undefined : sodium.fixedBase(toBytes(base).slice()));
  }

  return {
    name: 'ristretto255',
    implementation: sodium.implementation,
    order,
    elementBytes: ELEMENT_BYTES,
    scalarBytes: 32,
    identity: toElement(IDENTITY),
    generator,
    add,
    sub,
    neg: (a) => sub(toElement(IDENTITY), a),
    mul,
    mulPublic: mul,
    msm(elements, scalars) {
      if (elements.length !== scalars.length) throw new Error('msm: as many scalars as elements are needed');
      if (sodium.msm) {
        const points = new Uint8Array(elements.length * ELEMENT_BYTES);
        const packed = new Uint8Array(elements.length * 32);
        elements.forEach((e, i) => {
          points.set(toBytes(e), i * ELEMENT_BYTES);
          packed.set(scalarBytes(reduce(scalars[i])), i * 32);
        });
        return toElement(sodium.msm(points, packed));
      }
      let sum = toElement(IDENTITY);
      for (let i = 0; i < elements.length; i++) sum = add(sum, mul(elements[i], scalars[i]));
      return sum;
    },
    fixedBase,
    // Nothing to build: one slice.
    *fixedBaseInSlices(base) {
      return fixedBase(base);
    },
    equals: (a, b) => a === b || bytesEqual(toBytes(a), toBytes(b)),
    isIdentity,
    encode: (a) => toBytes(a).slice(),
    // Elements are their encodings: nothing to share.
    encodeMany: (elements) => elements.map((a) => toBytes(a).slice()),
    decode(bytes) {
      if (!(bytes instanceof Uint8Array) || bytes.length !== ELEMENT_BYTES) {
        throw new InvalidEncodingError('group element', `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
      }
      // Bit 255 set means a value ≥ 2²⁵⁵ > p: never canonical (RFC 9496 §4.3.1). libsodium 1.0.18
      // (Debian 12's, the native build) ignores that bit and accepts such encodings; newer
      // releases and @noble/curves refuse them. Checked here so every build refuses the same.
      if ((bytes[31] & 0x80) !== 0 || !sodium.isValid(bytes)) {
        throw new InvalidEncodingError('group element', 'not a canonical ristretto255 encoding (RFC 9496 §4.3.1)');
      }
      const copy = bytes.slice();
      return toElement(copy);
    },
    // RFC 9380 hash_to_ristretto255 (expand_message_xmd with SHA-512, then the one-way map) is
    // computed by noble and encoded, so both backends derive the very same elements.
    hashToElement: (tag, message) => toElement(encodeRistretto(ristretto255_hasher.hashToCurve(message, { DST: tag }) as never)),
    fingerprints(elements) {
      // Canonical encodings: equal elements have equal bytes, so the first 6 bytes will do.
      return elements.map((e) => {
        const b = toBytes(e);
        return b[0] + b[1] * 2 ** 8 + b[2] * 2 ** 16 + b[3] * 2 ** 24 + b[4] * 2 ** 32 + b[5] * 2 ** 40;
      });
    },
  };
}
