import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import type libsodium from 'libsodium-wrappers-sumo';
import { FixedBase, Group, GroupElement, InvalidEncodingError } from './group';
import { encodeRistretto } from './ristretto255-noble-decode';

/**
 * ristretto255 (RFC 9496) over libsodium's WebAssembly build (libsodium-wrappers-sumo), behind
 * the same Group interface as the @noble/curves backend. Issue 3 asks for a WASM backend to be
 * measured where pure JavaScript misses the verification target; bench/crypto.bench.ts reports
 * both, and the verifier can run on either (active-group.ts).
 *
 * libsodium works on encodings only: every element here IS its canonical 32-byte encoding, so
 * equality is byte equality and each operation decodes and re-encodes inside the WASM module.
 * It has no multi-scalar multiplication and no tables for a chosen base, so `msm` is a sum of
 * constant-time multiplications and `fixedBase` uses the generator's built-in table only.
 *
 * The caller passes the initialised module (`await sodium.ready` first): loading WASM is
 * asynchronous and the Group interface is not.
 */
type Sodium = typeof libsodium;

const ELEMENT_BYTES = 32;
const IDENTITY = new Uint8Array(ELEMENT_BYTES);
// The base point's RFC 9496 encoding (e2f2ae0a…76).
const GENERATOR_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';

const toBytes = (e: GroupElement) => e as unknown as Uint8Array;
const toElement = (b: Uint8Array) => b as unknown as GroupElement;

export function createLibsodiumRistretto255(sodium: Sodium, order: bigint): Group {
  const generator = toElement(sodium.from_hex(GENERATOR_HEX));

  function reduce(k: bigint): bigint {
    const r = k % order;
    return r < 0n ? r + order : r;
  }

  /** 32 bytes little-endian; k already reduced (< ℓ < 2²⁵³, so libsodium's top-bit clearing never bites). */
  function scalarBytes(k: bigint): Uint8Array {
    const out = new Uint8Array(32);
    let x = k;
    for (let i = 0; i < 32 && x > 0n; i++) {
      out[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    return out;
  }

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
    if (a === generator) return toElement(sodium.crypto_scalarmult_ristretto255_base(scalarBytes(s)));
    return toElement(sodium.crypto_scalarmult_ristretto255(scalarBytes(s), toBytes(a)));
  }

  function add(a: GroupElement, b: GroupElement): GroupElement {
    if (isIdentity(a)) return b;
    if (isIdentity(b)) return a;
    return toElement(sodium.crypto_core_ristretto255_add(toBytes(a), toBytes(b)));
  }

  function sub(a: GroupElement, b: GroupElement): GroupElement {
    if (isIdentity(b)) return a;
    return toElement(sodium.crypto_core_ristretto255_sub(toBytes(a), toBytes(b)));
  }

  class LibsodiumFixedBase implements FixedBase {
    constructor(readonly base: GroupElement) {}
    mul(k: bigint): GroupElement {
      return mul(this.base, k);
    }
  }

  return {
    name: 'ristretto255',
    implementation: 'libsodium (WebAssembly, libsodium-wrappers-sumo)',
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
      let sum = toElement(IDENTITY);
      for (let i = 0; i < elements.length; i++) sum = add(sum, mul(elements[i], scalars[i]));
      return sum;
    },
    fixedBase: (base) => new LibsodiumFixedBase(base === generator || sodium.memcmp(toBytes(base), toBytes(generator)) ? generator : base),
    equals: (a, b) => a === b || sodium.memcmp(toBytes(a), toBytes(b)),
    isIdentity,
    encode: (a) => toBytes(a).slice(),
    decode(bytes) {
      if (!(bytes instanceof Uint8Array) || bytes.length !== ELEMENT_BYTES) {
        throw new InvalidEncodingError('group element', `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
      }
      if (!sodium.crypto_core_ristretto255_is_valid_point(bytes)) {
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
