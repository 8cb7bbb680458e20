import { fromHex, type HashPart } from '../hash';
import { Tags } from '../tags';
import { sign, type SigningKey } from './credential-signature';

/**
 * The voter's signature on a cast ballot (docs/spec/crypto.md, "Ballot signature"): a
 * credential signature with tag "urna/v1/credential/ballot-signature" over
 *
 *   baseHash (32 bytes: the election's manifest and key), trackingCode (32 bytes)
 *
 * The tracking code is the hash of the whole ballot (format, base hash, style, voter binding,
 * every ciphertext and proof), so the signature covers every byte of it, and the voter binding
 * inside covers the pseudonym and the credential. Only the voter's browser holds the key: the
 * service, which has the database and every service key, cannot make one.
 */
export function ballotSignatureParts(baseHashHex: string, trackingCodeHex: string): HashPart[] {
  return [fromHex(baseHashHex, 32), fromHex(trackingCodeHex, 32)];
}

export function signBallot(key: SigningKey, ballot: { baseHash: string; trackingCode: string }, randomness?: Uint8Array): string {
  return sign(Tags.ballotSignature, key, ballotSignatureParts(ballot.baseHash, ballot.trackingCode), randomness);
}
