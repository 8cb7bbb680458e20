/**
 * Trustee signatures (docs/spec/crypto-ceremony-tally.md §7). Every message a trustee sends —
 * round 1, round 2, its share-check report, its sealed share, its partial decryptions — is
 * signed by the Ed25519 key generated inside that trustee's token and enrolled with it. The
 * signature, not the ledger's actor string, says who sent a message: the deciders refuse a
 * message whose signature does not verify under the enrolled key of the trustee it names, and
 * `urna verify` checks every one again (V19).
 *
 * What is signed is a framed statement (the same length-prefixed framing as every Urna hash),
 * so that a signature for one election, ceremony, kind of message or trustee never verifies as
 * another:
 *
 *   frame("urna/v1/trustee-signature", utf8(electionId), utf8(scope), utf8(kind),
 *         u32(trusteeIndex), utf8(JCS(message)))
 *
 * Pure: no Node built-ins (the browser bundles may verify signatures too).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '../shared/canonical-json';
import { frame, fromHex, toHex, u32, utf8 } from '../crypto/hash';

export const TRUSTEE_SIGNATURE_TAG = 'urna/v1/trustee-signature';
/** The scope of the tally's messages (the ceremony's are scoped by their ceremony id). */
export const TALLY_SCOPE = 'tally';

/** The kinds of signed message: each is the event type the message is recorded in. */
export type SignedKind =
  | 'CeremonyRound1Published'
  | 'CeremonySharesDealt'
  | 'CeremonySharesChecked'
  | 'TrusteeShareSealed'
  | 'PartialDecryptionPosted';

export interface TrusteeStatement {
  electionId: string;
  /** The ceremony id for ceremony messages, "tally" for partial decryptions. */
  scope: string;
  kind: SignedKind;
  /** The trustee the message names (its sender). */
  trusteeIndex: number;
  /** The message itself, as JSON data; signed over its RFC 8785 canonical form. */
  message: unknown;
}

/** The exact bytes a trustee's token signs for a statement. */
export function statementBytes(s: TrusteeStatement): Uint8Array {
  return frame(TRUSTEE_SIGNATURE_TAG, [utf8(s.electionId), utf8(s.scope), utf8(s.kind), u32(s.trusteeIndex), utf8(canonicalJson(s.message))]);
}

const HEX32 = /^[0-9a-f]{64}$/;
const HEX64 = /^[0-9a-f]{128}$/;

/** Why a signing key cannot be enrolled, or undefined when it can: 32 bytes (64 lowercase hex
 * digits) that decode as an RFC 8032 point in canonical encoding, not of small order (a
 * small-order key would let one signature verify for many messages). */
export function signingKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || !HEX32.test(key)) return 'not 64 lowercase hexadecimal digits';
  try {
    const point = ed25519.Point.fromBytes(fromHex(key, 32), false);
    if (point.isSmallOrder()) return 'a point of small order';
  } catch {
    return 'not the canonical encoding of a point of Ed25519';
  }
  return undefined;
}

/** True when `signature` (128 lowercase hex digits) is an RFC 8032 Ed25519 signature of the
 * statement by `signingKey`, with canonical encodings required (no ZIP-215 leniency). Never
 * throws: anything malformed is simply not a valid signature. */
export function verifyTrusteeSignature(signingKey: unknown, signature: unknown, statement: TrusteeStatement): boolean {
  if (typeof signature !== 'string' || !HEX64.test(signature) || signingKeyProblem(signingKey) !== undefined) return false;
  try {
    return ed25519.verify(fromHex(signature, 64), statementBytes(statement), fromHex(signingKey as string, 32), { zip215: false });
  } catch {
    return false;
  }
}

/** What people compare on paper: hex(SHA-256(the 32 key bytes)) (printed in groups of four). */
export function signingKeyFingerprint(signingKey: string): string {
  return toHex(sha256(fromHex(signingKey, 32)));
}

/** The message a share-check report signs: the trustee and its complaints, ascending dealer. */
export function shareCheckMessage<C>(trusteeIndex: number, complaints: readonly C[]): { trusteeIndex: number; complaints: readonly C[] } {
  return { trusteeIndex, complaints };
}

/** The message a sealed share signs (the record itself is checked by the token that opens it). */
export function sealedShareMessage<S>(d: { trusteeIndex: number; tokenSerial: string; verificationKey: string; sealed: S }) {
  return { trusteeIndex: d.trusteeIndex, tokenSerial: d.tokenSerial, verificationKey: d.verificationKey, sealed: d.sealed };
}

/** The message a trustee's partial decryptions of one contest sign: the contest, the ballot box
 * and count its proofs are bound to, and the partial decryptions themselves. */
export function partialDecryptionMessage<P>(d: { trusteeIndex: number; contestId: string; ballotBoxHash: string; ballots: number; partials: P }) {
  return { trusteeIndex: d.trusteeIndex, contestId: d.contestId, ballotBoxHash: d.ballotBoxHash, ballots: d.ballots, partials: d.partials };
}
