import { u32 } from '../hash';
import { randomScalar } from '../scalar';
import type { ScalarSource } from '../proofs/dleq';
import { CeremonyTags } from './ceremony-tags';
import { proveKnowledge, verifyKnowledge, type SchnorrProof } from './schnorr';
import type { EnvelopeBody } from './share-envelope';

/**
 * Each share envelope carries a Schnorr proof that its dealer knows r with R = r·G:
 *
 *   tag     "urna/v1/dkg-envelope-key-proof"
 *   context ctx, u32(i), u32(j), ct, mac          then the statement R and the commitment A
 *
 * Why: a recipient who cannot open an envelope publishes S = eⱼ·R (complaint.ts). Were R free,
 * a dealer could put there another dealer's R (or R + δ·G) and have the honest recipient
 * publish the key to that other envelope. With the proof, S = r·Eⱼ is a value the dealer could
 * compute itself, so publishing it gives nobody anything new; a copied or shifted R has no
 * proof unless the dealer knows the other dealer's r. Binding i and j stops a proof being
 * reused in another envelope; binding ct and mac makes the envelope as a whole non-malleable.
 * docs/spec/crypto-ceremony-tally.md §3.3 states the bytes and the argument.
 */
const envelopeContext = (ctx: Uint8Array, dealer: number, recipient: number, body: EnvelopeBody) => [
  ctx,
  u32(dealer),
  u32(recipient),
  body.ciphertext,
  body.mac,
];

export function proveEnvelopeKey(
  ctx: Uint8Array,
  dealer: number,
  recipient: number,
  body: EnvelopeBody,
  ephemeralSecret: bigint,
  nonces: ScalarSource = randomScalar,
): SchnorrProof {
  return proveKnowledge(CeremonyTags.envelopeKeyProof, envelopeContext(ctx, dealer, recipient, body), ephemeralSecret, nonces);
}

export function verifyEnvelopeKey(ctx: Uint8Array, dealer: number, recipient: number, body: EnvelopeBody, proof: SchnorrProof): boolean {
  return verifyKnowledge(CeremonyTags.envelopeKeyProof, envelopeContext(ctx, dealer, recipient, body), body.ephemeralKey, proof);
}
