import { group } from '../active-group';
import type { GroupElement } from '../group';
import { fromHex, hashToScalar, toHex, utf8, type HashPart } from '../hash';
import { decodeScalar, encodeScalar, mod } from '../scalar';
import { Tags } from '../tags';
import type { LinearCombination } from '../ballot/linear-combination';

/**
 * Schnorr signatures on ristretto255, the one signature scheme of the credential authority
 * and of voters' credentials (docs/spec/credentials.md, "Signatures"). Each use has its own
 * tag, so a signature made for one purpose (a login, a ballot, a list) never verifies for
 * another:
 *
 *   sign:    k = hashToScalar("urna/v1/credential/signature-nonce", utf8(tag), x, ρ, m₁…mₖ)
 *            R = k·G;  c = hashToScalar(tag, R, X, m₁…mₖ);  s = k + c·x
 *   verify:  s·G = R + c·X          signature = encode(R) ‖ encode(s), 128 hex digits
 *
 * The nonce is derived from the secret key, 32 fresh random bytes ρ and the message
 * ("hedged"): a weak random source alone cannot repeat a nonce for two messages (which
 * would reveal x), and a fixed ρ makes test vectors reproducible. A public key that is the
 * identity is refused: every signature would verify under it.
 */
export const SIGNATURE_HEX = /^[0-9a-f]{128}$/;
export const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/;

export interface SigningKey {
  readonly secretKey: bigint;
  /** X = x·G, 64 hex digits. */
  readonly publicKey: string;
}

/** 32 bytes of fresh randomness (Web Crypto: browsers and Node ≥ 19). */
export const freshRandomness = (): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(32));

/** x·G through Group.mul, the constant-time path for secrets (FixedBase tables are not: group.ts). */
export function publicKeyOf(secretKey: bigint): string {
  if (secretKey <= 0n || secretKey >= group.order) throw new RangeError('a secret key is a scalar in [1, ℓ)');
  return toHex(group.encode(group.mul(group.generator, secretKey)));
}

export function signingKey(secretKey: bigint): SigningKey {
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

export function sign(tag: string, key: SigningKey, parts: readonly HashPart[], randomness: Uint8Array = freshRandomness()): string {
  if (randomness.length !== 32) throw new RangeError('the signature nonce takes 32 random bytes');
  const k = hashToScalar(Tags.credentialSignatureNonce, utf8(tag), encodeScalar(key.secretKey), randomness, ...parts);
  if (k === 0n) throw new Error('signature nonce is zero: draw other randomness');
  // k reveals x (s = k + c·x): it is a secret, multiplied on the constant-time path.
  const r = group.encode(group.mul(group.generator, k));
  const c = hashToScalar(tag, r, fromHex(key.publicKey, 32), ...parts);
  return toHex(r) + toHex(encodeScalar(mod(k + c * key.secretKey)));
}

/** A signature and its key decoded, and the challenge: what one verification equation needs. */
export interface ParsedSignature {
  readonly publicKey: GroupElement;
  readonly r: GroupElement;
  readonly s: bigint;
  readonly c: bigint;
}

/** Decodes and checks the encodings; the reason says what is wrong, never throws. */
export function parseSignature(tag: string, publicKeyHex: unknown, parts: readonly HashPart[], signatureHex: unknown): { ok: true; parsed: ParsedSignature } | { ok: false; reason: string } {
  if (typeof publicKeyHex !== 'string' || !PUBLIC_KEY_HEX.test(publicKeyHex)) return { ok: false, reason: 'the public key is not 64 lowercase hexadecimal digits' };
  if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) return { ok: false, reason: 'the signature is not 128 lowercase hexadecimal digits' };
  let publicKey: GroupElement;
  let r: GroupElement;
  let s: bigint;
  const keyBytes = fromHex(publicKeyHex, 32);
  const rBytes = fromHex(signatureHex.slice(0, 64), 32);
  try {
    publicKey = group.decode(keyBytes);
  } catch {
    return { ok: false, reason: 'the public key is not the canonical encoding of a group element' };
  }
  if (group.isIdentity(publicKey)) return { ok: false, reason: 'the public key is the identity' };
  try {
    r = group.decode(rBytes);
  } catch {
    return { ok: false, reason: 'R is not the canonical encoding of a group element' };
  }
  try {
    s = decodeScalar(fromHex(signatureHex.slice(64), 32));
  } catch {
    return { ok: false, reason: 's is not a scalar below the group order' };
  }
  return { ok: true, parsed: { publicKey, r, s, c: hashToScalar(tag, rBytes, keyBytes, ...parts) } };
}

/** s·G = R + c·X, alone (variable time: public data). */
export function signatureHolds(p: ParsedSignature): boolean {
  return group.equals(group.msm([p.r, p.publicKey, group.generator], [1n, p.c, mod(-p.s)]), group.identity);
}

export function verify(tag: string, publicKeyHex: unknown, parts: readonly HashPart[], signatureHex: unknown): boolean {
  const parsed = parseSignature(tag, publicKeyHex, parts, signatureHex);
  return parsed.ok && signatureHolds(parsed.parsed);
}

/** Adds z·(R + c·X − s·G) to a batch of equations (ballot verification, linear-combination.ts). */
export function addSignatureEquation(lc: LinearCombination, p: ParsedSignature, z: bigint): void {
  lc.term(p.r, z);
  lc.term(p.publicKey, z * p.c);
  lc.g += -z * p.s;
}
