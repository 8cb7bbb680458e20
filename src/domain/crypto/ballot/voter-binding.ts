import { fromHex, hash256, toHex, utf8 } from '../hash';
import { encodeScalar } from '../scalar';
import { Tags } from '../tags';
import type { RandomScalar } from './prove';

/**
 * The voter binding of an urna/ballot/v2 ballot (docs/spec/crypto.md, "Voter binding"):
 *
 *   voterBinding = hash256("urna/v1/ballot/voter-binding", utf8(pseudonym), bindingNonce)
 *
 * with `bindingNonce` 32 secret random bytes drawn afresh for every encryption. The ballot's
 * proofs bind `voterBinding`, so a ballot cannot be cast under another pseudonym, while a
 * ballot whose nonce is never published (a spoiled one) names no voter: the roll of
 * pseudonyms is public, so a binding without a secret nonce could be tested against it.
 */
export const BINDING_NONCE_HEX = /^[0-9a-f]{64}$/;

export function computeVoterBinding(pseudonym: string, bindingNonceHex: string): string {
  if (!BINDING_NONCE_HEX.test(bindingNonceHex)) throw new Error('a binding nonce is 64 lowercase hexadecimal digits');
  return toHex(hash256(Tags.ballotVoterBinding, utf8(pseudonym), fromHex(bindingNonceHex, 32)));
}

/** Whether `voterBinding` opens to this pseudonym with this nonce (false on malformed input). */
export function opensVoterBinding(voterBinding: unknown, pseudonym: unknown, bindingNonceHex: unknown): boolean {
  if (typeof voterBinding !== 'string' || typeof pseudonym !== 'string' || typeof bindingNonceHex !== 'string') return false;
  if (pseudonym.length === 0 || !BINDING_NONCE_HEX.test(bindingNonceHex)) return false;
  return computeVoterBinding(pseudonym, bindingNonceHex) === voterBinding;
}

/** A fresh binding nonce: the 32-byte encoding of a random scalar (≈ 252 bits). */
export function randomBindingNonce(random: RandomScalar): string {
  return toHex(encodeScalar(random()));
}
