import { fromHex, utf8, type HashPart } from '../hash';
import { Tags } from '../tags';
import { sign, verify, type SigningKey } from './credential-signature';

/**
 * Sign-in by proof of possession (docs/spec/roll-and-authentication.md §5): instead of sending
 * the password, the voter's browser derives the credential key from it and signs the server's
 * fresh challenge, with tag "urna/v1/credential/login-signature" over
 *
 *   utf8(electionId), utf8(username), challenge (32 bytes)
 *
 * The server checks it against the voter's public credential, so it never sees the password
 * and stores no hash of it. The tag keeps a login signature from ever being a ballot's.
 */
export const LOGIN_CHALLENGE_HEX = /^[0-9a-f]{64}$/;

const loginParts = (electionId: string, username: string, challengeHex: string): HashPart[] =>
  [utf8(electionId), utf8(username), fromHex(challengeHex, 32)];

export function signLogin(key: SigningKey, electionId: string, username: string, challengeHex: string, randomness?: Uint8Array): string {
  return sign(Tags.loginSignature, key, loginParts(electionId, username, challengeHex), randomness);
}

export function loginSignatureValid(publicKey: string, electionId: string, username: string, challengeHex: string, signature: unknown): boolean {
  if (!LOGIN_CHALLENGE_HEX.test(challengeHex)) return false;
  return verify(Tags.loginSignature, publicKey, loginParts(electionId, username, challengeHex), signature);
}
