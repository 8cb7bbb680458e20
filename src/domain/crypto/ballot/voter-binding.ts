import { fromHex, hash256, toHex, utf8 } from '../hash';
import { encodeScalar } from '../scalar';
import { Tags } from '../tags';
import { PUBLIC_KEY_HEX } from '../credential/credential-signature';
import type { RandomScalar } from './prove';

/**
 * The voter binding of an urna/ballot/v3 ballot (docs/spec/crypto.md, "Voter binding"):
 *
 *   voterBinding = hash256("urna/v1/ballot/voter-credential-binding", utf8(pseudonym), credential, bindingNonce)
 *
 * with `credential` the 32-byte public credential the ballot is signed with and `bindingNonce`
 * 32 secret random bytes drawn afresh for every encryption. The ballot's proofs bind
 * `voterBinding`, and the voter's signature covers it through the tracking code, so a ballot
 * cannot be moved to another pseudonym or credential, while a ballot whose nonce is never
 * published (a spoiled one) names neither: pseudonyms and credentials are public lists, so a
 * binding without a secret nonce could be tested against them.
 */
export const BINDING_NONCE_HEX = /^[0-9a-f]{64}$/;

export function computeVoterBinding(pseudonym: string, credential: string, bindingNonceHex: string): string {
  if (!BINDING_NONCE_HEX.test(bindingNonceHex)) throw new Error('a binding nonce is 64 lowercase hexadecimal digits');
  if (!PUBLIC_KEY_HEX.test(credential)) throw new Error('a public credential is 64 lowercase hexadecimal digits');
  return toHex(hash256(Tags.ballotVoterCredentialBinding, utf8(pseudonym), fromHex(credential, 32), fromHex(bindingNonceHex, 32)));
}

/** Whether `voterBinding` opens to this pseudonym and credential with this nonce (false on malformed input). */
export function opensVoterBinding(voterBinding: unknown, pseudonym: unknown, credential: unknown, bindingNonceHex: unknown): boolean {
  if (typeof voterBinding !== 'string' || typeof pseudonym !== 'string' || typeof credential !== 'string' || typeof bindingNonceHex !== 'string') return false;
  if (pseudonym.length === 0 || !BINDING_NONCE_HEX.test(bindingNonceHex) || !PUBLIC_KEY_HEX.test(credential)) return false;
  return computeVoterBinding(pseudonym, credential, bindingNonceHex) === voterBinding;
}

/** A fresh binding nonce: the 32-byte encoding of a random scalar (≈ 252 bits). */
export function randomBindingNonce(random: RandomScalar): string {
  return toHex(encodeScalar(random()));
}
