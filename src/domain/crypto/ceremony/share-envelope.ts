import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { group } from '../active-group';
import type { GroupElement } from '../group';
import { element, frame, hash256, u32 } from '../hash';
import { decodeScalar, encodeScalar, randomScalar } from '../scalar';
import type { ScalarSource } from '../proofs/dleq';
import { CeremonyTags } from './ceremony-tags';
import { proveEnvelopeKey } from './envelope-key-proof';
import type { SchnorrProof } from './schnorr';
import { secretTimesGenerator } from './secret-base';

/**
 * How dealer i sends share s = fᵢ(j) to trustee j over a public ledger: hashed ElGamal
 * (ECIES) on ristretto255 with an encrypt-then-MAC one-block stream cipher made of SHA-256.
 * Specified byte for byte in docs/spec/crypto-ceremony-tally.md, "Share envelopes":
 *
 *   r random;  R = r·G;  S = r·Eⱼ                    (j opens with S = eⱼ·R)
 *   ids     = ctx, u32(i), u32(j), encode(R), encode(S)
 *   encKey  = hash256("urna/v1/dkg-share-encryption-key", ids…)
 *   macKey  = hash256("urna/v1/dkg-share-mac-key", ids…)
 *   pad     = hash256("urna/v1/dkg-share-pad", encKey)
 *   ct      = encodeScalar(s) XOR pad                  (32 bytes)
 *   mac     = HMAC-SHA-256(macKey, frame("urna/v1/dkg-share-mac", [ctx, u32(i), u32(j), encode(R), ct]))
 *
 *   ephemeralKeyProof = Schnorr proof of knowledge of r (envelope-key-proof.ts)
 *
 * A fresh R per envelope means a pad is never reused. Everything after S depends only on S and
 * public values, so revealing S (with a proof that S = eⱼ·R, see complaint.ts) lets anyone
 * open this one envelope. That S opens nothing else rests on the key proof: the dealer knows r,
 * so R is not another dealer's R, nor one shifted from it.
 */
export interface SealedShare {
  readonly ephemeralKey: GroupElement;
  readonly ciphertext: Uint8Array;
  readonly mac: Uint8Array;
  /** Proof that the dealer knows log_G R (envelope-key-proof.ts). */
  readonly ephemeralKeyProof: SchnorrProof;
}

/** What opening needs: the key proof is checked in public before anyone opens (round2.ts). */
export type EnvelopeBody = Pick<SealedShare, 'ephemeralKey' | 'ciphertext' | 'mac'>;

export type OpenedShare =
  | { readonly ok: true; readonly share: bigint }
  | { readonly ok: false; readonly reason: 'mac-invalid' | 'share-not-a-scalar'; readonly detail: string };

/** The symmetric keys of one envelope (exported for the published test vectors). */
export function envelopeKeys(ctx: Uint8Array, dealer: number, recipient: number, r: GroupElement, s: GroupElement) {
  const ids = [ctx, u32(dealer), u32(recipient), element(r), element(s)];
  const encryptionKey = hash256(CeremonyTags.shareEncryptionKey, ...ids);
  return { encryptionKey, pad: hash256(CeremonyTags.sharePad, encryptionKey), macKey: hash256(CeremonyTags.shareMacKey, ...ids) };
}

function macOf(macKey: Uint8Array, ctx: Uint8Array, dealer: number, recipient: number, r: GroupElement, ct: Uint8Array): Uint8Array {
  return hmac(sha256, macKey, frame(CeremonyTags.shareMac, [ctx, u32(dealer), u32(recipient), element(r), ct]));
}

function xor32(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let k = 0; k < 32; k++) out[k] = a[k] ^ b[k];
  return out;
}

/** Compares without an early exit, so timing does not reveal how many MAC bytes matched. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let k = 0; k < a.length; k++) diff |= a[k] ^ b[k];
  return diff === 0;
}

/** Seals `share` for `recipient`; `nonces` gives the nonce of the envelope's key proof. */
export function sealShare(
  ctx: Uint8Array,
  dealer: number,
  recipient: number,
  recipientKey: GroupElement,
  share: bigint,
  ephemeralSecret: bigint,
  nonces: ScalarSource = randomScalar,
): SealedShare {
  const ephemeralKey = secretTimesGenerator(ephemeralSecret);
  const { pad, macKey } = envelopeKeys(ctx, dealer, recipient, ephemeralKey, group.mul(recipientKey, ephemeralSecret));
  const ciphertext = xor32(encodeScalar(share), pad);
  const body = { ephemeralKey, ciphertext, mac: macOf(macKey, ctx, dealer, recipient, ephemeralKey, ciphertext) };
  return { ...body, ephemeralKeyProof: proveEnvelopeKey(ctx, dealer, recipient, body, ephemeralSecret, nonces) };
}

/** Opens an envelope given the Diffie-Hellman secret S (the recipient computes S = eⱼ·R;
 * a judge takes S from a verified complaint). */
export function openShareWithSecret(
  ctx: Uint8Array,
  dealer: number,
  recipient: number,
  sealed: EnvelopeBody,
  sharedSecret: GroupElement,
): OpenedShare {
  const { pad, macKey } = envelopeKeys(ctx, dealer, recipient, sealed.ephemeralKey, sharedSecret);
  if (sealed.ciphertext.length !== 32 || !equalBytes(macOf(macKey, ctx, dealer, recipient, sealed.ephemeralKey, sealed.ciphertext), sealed.mac)) {
    return { ok: false, reason: 'mac-invalid', detail: 'the envelope authenticator does not match' };
  }
  try {
    return { ok: true, share: decodeScalar(xor32(sealed.ciphertext, pad)) };
  } catch (err) {
    return { ok: false, reason: 'share-not-a-scalar', detail: (err as Error).message };
  }
}

export function recipientSharedSecret(sealed: Pick<SealedShare, 'ephemeralKey'>, transportSecret: bigint): GroupElement {
  return group.mul(sealed.ephemeralKey, transportSecret);
}
