import {
  ceremonyContext,
  proveEnvelopeKey,
  sealShare,
  shareEnvelopeJson,
  type CeremonyParams,
  type EnvelopeBody,
  type ShareEnvelope,
} from '../../../../src/domain/crypto/ceremony';
import type { GroupElement } from '../../../../src/domain/crypto/group';
import { randomScalar } from '../../../../src/domain/crypto/scalar';

/**
 * An envelope a cheating DEALER can publish: bytes of its choosing (`edit` changes the sealed
 * ciphertext or MAC) with a valid proof of knowledge of r, which the dealer can always make
 * because it chose r. Since the key proof binds ciphertext and MAC, this is the only way a bad
 * envelope reaches its recipient's complaint; anyone else's edit makes it publicly invalid.
 */
export function dealtEnvelope(
  params: CeremonyParams,
  dealer: number,
  recipient: number,
  recipientKey: GroupElement,
  share: bigint,
  options: { r?: bigint; edit?: (body: EnvelopeBody) => EnvelopeBody } = {},
): ShareEnvelope {
  const ctx = ceremonyContext(params);
  const r = options.r ?? randomScalar();
  const sealed = sealShare(ctx, dealer, recipient, recipientKey, share, r);
  if (!options.edit) return shareEnvelopeJson(recipient, sealed);
  const body = options.edit({ ephemeralKey: sealed.ephemeralKey, ciphertext: sealed.ciphertext, mac: sealed.mac });
  return shareEnvelopeJson(recipient, { ...body, ephemeralKeyProof: proveEnvelopeKey(ctx, dealer, recipient, body, r) });
}

/** The bytes with one of them XORed by `mask` (1…255). */
export function flipByte(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const out = bytes.slice();
  out[at] ^= mask;
  return out;
}
