import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex, u32, utf8, type HashPart } from '../hash';
import { Tags } from '../tags';
import { PUBLIC_KEY_HEX, sign, verify, type SigningKey } from './credential-signature';

/**
 * The credential authority's public list and its signatures (docs/spec/credentials.md,
 * "The public credential list"):
 *
 *   listHash   = hash256("urna/v1/credential/list", X₁, …, Xₙ)        credentials ascending, 32 bytes each
 *   list signature over  utf8(electionId), rollCommitment (32 B), u32(n), listHash         tag "urna/v1/credential/list-signature"
 *   replacement signature over  utf8(electionId), listHash, u32(number), revoked X, new X   tag "urna/v1/credential/replacement-signature"
 *   fingerprint = the first 32 hex digits of listHash, in eight groups of four joined by "-"
 *
 * The list hash is computed streaming (hash256 by definition, without building one buffer of
 * every credential): a list of ten million credentials frames to 360 MB.
 */

/** Why a list of credentials is not a valid list, or undefined. */
export function credentialListProblem(credentials: readonly string[]): string | undefined {
  if (credentials.length === 0) return 'the list is empty';
  for (let i = 0; i < credentials.length; i++) {
    if (typeof credentials[i] !== 'string' || !PUBLIC_KEY_HEX.test(credentials[i])) return `credential ${i} is not 64 lowercase hexadecimal digits`;
    if (i > 0 && credentials[i - 1] >= credentials[i]) return `credentials ${i - 1} and ${i} are not in ascending order without repeats`;
  }
  return undefined;
}

export function credentialListHash(credentials: readonly string[]): string {
  const h = sha256.create();
  const tag = utf8(Tags.credentialList);
  h.update(u32(tag.length)).update(tag).update(u32(credentials.length));
  const size = u32(32);
  for (const c of credentials) h.update(size).update(fromHex(c, 32));
  return toHex(h.digest());
}

/** "1a2b-3c4d-…": 128 bits of the list hash, for people to compare on paper. */
export function credentialListFingerprint(listHashHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(listHashHex)) throw new RangeError('a list hash is 64 lowercase hexadecimal digits');
  return listHashHex.slice(0, 32).match(/.{4}/g)!.join('-');
}

export interface CredentialListStatement {
  readonly electionId: string;
  /** The roll the list was made for (roll-and-authentication.md §3), 64 hex digits. */
  readonly rollCommitment: string;
  readonly count: number;
  readonly listHash: string;
}

const listParts = (s: CredentialListStatement): HashPart[] => [utf8(s.electionId), fromHex(s.rollCommitment, 32), u32(s.count), fromHex(s.listHash, 32)];

export function signCredentialList(authority: SigningKey, statement: CredentialListStatement, randomness?: Uint8Array): string {
  return sign(Tags.credentialListSignature, authority, listParts(statement), randomness);
}

export function credentialListSignatureValid(authorityKey: string, statement: CredentialListStatement, signature: unknown): boolean {
  try {
    return verify(Tags.credentialListSignature, authorityKey, listParts(statement), signature);
  } catch {
    return false; // a malformed roll commitment or list hash: not a statement this key signed
  }
}

export interface CredentialReplacementStatement {
  readonly electionId: string;
  /** The list the replaced credential belongs to. */
  readonly listHash: string;
  /** 1 for the authority's first replacement in this election, then 2, 3, … */
  readonly number: number;
  readonly revoked: string;
  readonly replacement: string;
}

const replacementParts = (s: CredentialReplacementStatement): HashPart[] =>
  [utf8(s.electionId), fromHex(s.listHash, 32), u32(s.number), fromHex(s.revoked, 32), fromHex(s.replacement, 32)];

export function signCredentialReplacement(authority: SigningKey, statement: CredentialReplacementStatement, randomness?: Uint8Array): string {
  return sign(Tags.credentialReplacementSignature, authority, replacementParts(statement), randomness);
}

export function credentialReplacementSignatureValid(authorityKey: string, statement: CredentialReplacementStatement, signature: unknown): boolean {
  try {
    return verify(Tags.credentialReplacementSignature, authorityKey, replacementParts(statement), signature);
  } catch {
    return false;
  }
}
