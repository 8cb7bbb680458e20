/**
 * The files that travel between the voting service and the credential authority, which runs
 * on another institution's machine (docs/spec/credentials.md, "Files"). Each is one JSON
 * document with its own `format`; these functions check a parsed file's shape and never throw
 * on hostile input (they return the reason).
 *
 *   service → authority   urna.credential-request/1      the roll's pseudonyms, usernames and where to write to each voter
 *   authority → service   urna.credential-list/1         the signed list, plus the sealed mapping pseudonym → public credential
 *   authority → service   urna.credential-replacement/1  one signed replacement, plus the pseudonym it is for
 */
import { PUBLIC_KEY_HEX, SIGNATURE_HEX } from '../crypto/credential/credential-signature';

export const CREDENTIAL_REQUEST_FORMAT = 'urna.credential-request/1';
export const CREDENTIAL_LIST_FORMAT = 'urna.credential-list/1';
export const CREDENTIAL_REPLACEMENT_FORMAT = 'urna.credential-replacement/1';

const HEX32 = /^[0-9a-f]{64}$/;
const PSEUDONYM = /^[a-z2-7]{26}$/;

export interface CredentialRequestVoter {
  pseudonym: string;
  username: string;
  name: string;
  email: string;
}

/** Confidential (names and e-mail addresses): for the credential authority only. */
export interface CredentialRequestFile {
  format: typeof CREDENTIAL_REQUEST_FORMAT;
  electionId: string;
  rollCommitment: string;
  /** Ascending pseudonym. */
  voters: CredentialRequestVoter[];
}

/** Confidential (the mapping): for the voting service only, which keeps it sealed. */
export interface CredentialListFile {
  format: typeof CREDENTIAL_LIST_FORMAT;
  electionId: string;
  authorityKey: string;
  rollCommitment: string;
  /** Ascending. */
  credentials: string[];
  listHash: string;
  signature: string;
  /** One per voter of the request, ascending pseudonym. */
  assignments: { pseudonym: string; credential: string }[];
}

export interface CredentialReplacementFile {
  format: typeof CREDENTIAL_REPLACEMENT_FORMAT;
  electionId: string;
  number: number;
  /** Sealed at the service; never published with the replacement. */
  pseudonym: string;
  revoked: string;
  replacement: string;
  signature: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;

export function credentialRequestProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.format !== CREDENTIAL_REQUEST_FORMAT) return `not a ${CREDENTIAL_REQUEST_FORMAT} document`;
  if (!isText(v.electionId) || typeof v.rollCommitment !== 'string' || !HEX32.test(v.rollCommitment)) return 'electionId or rollCommitment is missing or malformed';
  if (!Array.isArray(v.voters) || v.voters.length === 0) return 'voters must be a non-empty array';
  for (const [i, x] of v.voters.entries()) {
    if (!isObject(x) || !isText(x.pseudonym) || !PSEUDONYM.test(x.pseudonym) || !isText(x.username) || !isText(x.name) || !isText(x.email)) return `voter ${i} is malformed`;
    if (i > 0 && (v.voters[i - 1] as CredentialRequestVoter).pseudonym >= x.pseudonym) return `voters ${i - 1} and ${i} are not in ascending pseudonym order without repeats`;
  }
  return undefined;
}

export function credentialListFileProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.format !== CREDENTIAL_LIST_FORMAT) return `not a ${CREDENTIAL_LIST_FORMAT} document`;
  if (!isText(v.electionId)) return 'electionId is missing';
  for (const k of ['authorityKey', 'rollCommitment', 'listHash'] as const) if (typeof v[k] !== 'string' || !HEX32.test(v[k] as string)) return `${k} is not 64 lowercase hexadecimal digits`;
  if (typeof v.signature !== 'string' || !SIGNATURE_HEX.test(v.signature)) return 'signature is not 128 lowercase hexadecimal digits';
  if (!Array.isArray(v.credentials) || !v.credentials.every((c) => typeof c === 'string')) return 'credentials must be an array of strings';
  if (!Array.isArray(v.assignments)) return 'assignments must be an array';
  for (const [i, a] of v.assignments.entries()) {
    if (!isObject(a) || typeof a.pseudonym !== 'string' || !PSEUDONYM.test(a.pseudonym) || typeof a.credential !== 'string' || !PUBLIC_KEY_HEX.test(a.credential)) {
      return `assignment ${i} is malformed`;
    }
  }
  return undefined;
}

export function credentialReplacementFileProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.format !== CREDENTIAL_REPLACEMENT_FORMAT) return `not a ${CREDENTIAL_REPLACEMENT_FORMAT} document`;
  if (!isText(v.electionId)) return 'electionId is missing';
  if (!Number.isSafeInteger(v.number) || (v.number as number) < 1) return 'number must be a positive integer';
  if (typeof v.pseudonym !== 'string' || !PSEUDONYM.test(v.pseudonym)) return 'pseudonym is malformed';
  for (const k of ['revoked', 'replacement'] as const) if (typeof v[k] !== 'string' || !PUBLIC_KEY_HEX.test(v[k] as string)) return `${k} is not 64 lowercase hexadecimal digits`;
  if (typeof v.signature !== 'string' || !SIGNATURE_HEX.test(v.signature)) return 'signature is not 128 lowercase hexadecimal digits';
  return undefined;
}
