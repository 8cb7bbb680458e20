/**
 * V19 `ballots.credentials` (docs/spec/record.md §5.9, docs/spec/credentials.md "Verification"):
 * every counted ballot was cast by a credential of the credential authority's signed list.
 *
 *  1. stream `credentials-<id>` holds, before ElectionOpened, one CredentialAuthorityEnrolled,
 *     then one CredentialListPublished and its PublicCredentialsPublished chunks 0…n−1; after
 *     that only CredentialReplaced, numbered 1, 2, …; nothing of the list after opening;
 *  2. the authority's key is the one given out of band (--credential-authority) and the one the
 *     opening report prints; the list is ascending, without repeats, of valid elements other than
 *     the identity, of the roll's size, for the roll's commitment; its hash and fingerprint are
 *     recomputed and the authority's signature verifies; so does each replacement's, which revokes
 *     a credential still active and lists one never listed;
 *  3. every BallotCast is version 3 and names a listed credential, never a revoked one (whenever it
 *     was revoked), and no credential has two ballots. (Its signature and voter binding are checked
 *     with its proofs, V12.)
 *
 * Pure over the log's public entries: no database, no trust in the service.
 */
import { group } from '../domain/crypto/active-group';
import { fromHex } from '../domain/crypto/hash';
import {
  credentialListFingerprint, credentialListHash, credentialListProblem, credentialListSignatureValid, credentialReplacementSignatureValid,
} from '../domain/crypto/credential/credential-list';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';

export interface CredentialEligibilityInput {
  electionId: string;
  entries: readonly PublicEventEntry[];
  /** The roll rebuilt by V10: pseudonym → entity. */
  roll: ReadonlyMap<string, string>;
  rollCommitment: string | undefined;
  /** The opening report's `credentials` member, when the record carries the report. */
  openingReport?: { authorityKey?: unknown; listHash?: unknown; fingerprint?: unknown; count?: unknown } | null;
  /** Given out of band (urna verify --credential-authority). */
  authorityKey?: string;
}

export interface CredentialEligibility {
  summary: string;
  problems: string[];
  /** Whose authority key the list was checked with. */
  keySource: 'given' | 'record';
  authorityKey?: string;
}

function isElement(hex: string): boolean {
  try {
    return !group.isIdentity(group.decode(fromHex(hex, 32)));
  } catch {
    return false;
  }
}

export function checkCredentialEligibility(input: CredentialEligibilityInput): CredentialEligibility {
  const problems: string[] = [];
  const stream = `credentials-${input.electionId}`;
  const events = input.entries.filter((e) => e.stream === stream);
  const openedAt = input.entries.find((e) => e.type === 'ElectionOpened' && e.stream === `lifecycle-${input.electionId}`)?.position;
  const revisionsOk = events.every((e, k) => e.revision === k);
  if (!revisionsOk) problems.push(`${stream}: its events are not revisions 0, 1, 2, … in log order`);

  // 1. The stream's shape.
  const enrolled = events.filter((e) => e.type === 'CredentialAuthorityEnrolled');
  const summaries = events.filter((e) => e.type === 'CredentialListPublished');
  const chunks = events.filter((e) => e.type === 'PublicCredentialsPublished');
  const replacements = events.filter((e) => e.type === 'CredentialReplaced');
  const known = new Set(['CredentialAuthorityEnrolled', 'CredentialListPublished', 'PublicCredentialsPublished', 'CredentialReplaced']);
  for (const e of events) {
    if (!known.has(e.type) || e.version !== 1) problems.push(`${stream} at log entry ${e.position}: ${e.type} version ${e.version} is not an event of the credential list`);
  }
  if (enrolled.length !== 1) problems.push(`${stream} holds ${enrolled.length} CredentialAuthorityEnrolled events, not one`);
  if (summaries.length !== 1) problems.push(`${stream} holds ${summaries.length} CredentialListPublished events, not one: no signed list, or a list changed`);
  const given = input.authorityKey?.trim();
  const enrolledKey = (enrolled[0]?.data as { authorityKey?: unknown } | undefined)?.authorityKey;
  const authorityKey = given ?? (typeof enrolledKey === 'string' ? enrolledKey : undefined);
  if (enrolled.length === 0 || summaries.length === 0) {
    return { summary: 'no signed credential list', problems, keySource: given ? 'given' : 'record', authorityKey };
  }
  if (openedAt === undefined) problems.push('the log has no ElectionOpened: the list cannot be shown to precede the opening');
  for (const e of [...enrolled, ...summaries, ...chunks]) {
    if (openedAt !== undefined && e.position > openedAt) problems.push(`${e.type} at log entry ${e.position} comes after the opening (log entry ${openedAt}): the list changed after opening`);
  }

  // 2. The authority's key, the list and its signature.
  const summary = summaries[0].data as { authorityKey?: unknown; rollCommitment?: unknown; count?: unknown; listHash?: unknown; fingerprint?: unknown; signature?: unknown; chunkCount?: unknown };
  if (given !== undefined && given !== enrolledKey) problems.push(`the enrolled credential authority key ${String(enrolledKey)} is not the one given with --credential-authority (${given})`);
  if (summary.authorityKey !== enrolledKey) problems.push('CredentialListPublished names another authority key than the one enrolled');
  if (typeof authorityKey !== 'string' || !isElement(authorityKey)) problems.push('the credential authority key is not a valid group element');
  if (enrolled[0].position > summaries[0].position) problems.push('the list was published before its authority was enrolled');
  const credentials: string[] = [];
  const ordered = [...chunks].sort((a, b) => a.position - b.position);
  ordered.forEach((e, k) => {
    const d = e.data as { chunk?: unknown; chunkCount?: unknown; credentials?: unknown };
    if (d.chunk !== k || d.chunkCount !== summary.chunkCount) problems.push(`PublicCredentialsPublished at log entry ${e.position} is chunk ${String(d.chunk)} of ${String(d.chunkCount)}, where chunk ${k} of ${String(summary.chunkCount)} belongs`);
    if (e.position < summaries[0].position) problems.push(`PublicCredentialsPublished at log entry ${e.position} precedes its CredentialListPublished`);
    if (Array.isArray(d.credentials)) credentials.push(...d.credentials.map(String));
    else problems.push(`PublicCredentialsPublished at log entry ${e.position} has no credentials array`);
  });
  if (ordered.length !== summary.chunkCount) problems.push(`${ordered.length} chunks of credentials, CredentialListPublished announces ${String(summary.chunkCount)}`);
  const listProblem = credentialListProblem(credentials);
  if (listProblem) problems.push(`the list of public credentials is not valid: ${listProblem}`);
  const invalid = credentials.filter((c) => !isElement(c));
  if (invalid.length > 0) problems.push(`${invalid.length} listed credentials are not valid group elements (first: ${invalid[0]})`);
  const listHash = credentialListHash(credentials.filter((c) => /^[0-9a-f]{64}$/.test(c)));
  if (summary.listHash !== listHash) problems.push(`the listed credentials hash to ${listHash}, CredentialListPublished says ${String(summary.listHash)}`);
  if (summary.fingerprint !== credentialListFingerprint(listHash)) problems.push(`the fingerprint ${String(summary.fingerprint)} is not the list hash's ${credentialListFingerprint(listHash)}`);
  if (summary.count !== credentials.length) problems.push(`CredentialListPublished counts ${String(summary.count)} credentials, the chunks hold ${credentials.length}`);
  if (credentials.length !== input.roll.size) problems.push(`${credentials.length} credentials for ${input.roll.size} pseudonyms on the roll: one per voter`);
  if (summary.rollCommitment !== input.rollCommitment) problems.push('the list was signed for another roll commitment than the roll\'s');
  const signed = typeof authorityKey === 'string' && typeof summary.rollCommitment === 'string' && typeof summary.count === 'number'
    && credentialListSignatureValid(authorityKey, { electionId: input.electionId, rollCommitment: summary.rollCommitment, count: summary.count, listHash }, summary.signature);
  if (!signed) problems.push('the list is not signed by the credential authority\'s key (its signature over election, roll commitment, count and list hash does not verify)');
  const report = input.openingReport;
  if (report !== undefined) {
    if (report === null || typeof report !== 'object') problems.push('the opening report prints no credential list (its member credentials)');
    else {
      if (report.authorityKey !== authorityKey) problems.push(`the opening report prints the credential authority key ${String(report.authorityKey)}, not ${String(authorityKey)}`);
      if (report.listHash !== listHash || report.fingerprint !== credentialListFingerprint(listHash) || report.count !== credentials.length) {
        problems.push('the opening report fingerprints another credential list than the one in the log');
      }
    }
  }

  // Replacements, in order.
  const listed = new Set(credentials);
  const revoked = new Set<string>();
  replacements.forEach((e, k) => {
    const d = e.data as { number?: unknown; revoked?: unknown; replacement?: unknown; signature?: unknown };
    const where = `CredentialReplaced at log entry ${e.position}`;
    if (d.number !== k + 1) problems.push(`${where} is number ${String(d.number)}, where number ${k + 1} belongs`);
    if (e.position < summaries[0].position) problems.push(`${where} precedes the list`);
    const revokedKey = String(d.revoked);
    const replacement = String(d.replacement);
    if (!listed.has(revokedKey) || revoked.has(revokedKey)) problems.push(`${where} revokes ${revokedKey}, which is not an active listed credential`);
    if (listed.has(replacement)) problems.push(`${where} lists ${replacement}, which was already listed`);
    if (!isElement(replacement)) problems.push(`${where}: the new credential is not a valid group element`);
    const ok = typeof authorityKey === 'string' && typeof d.number === 'number'
      && credentialReplacementSignatureValid(authorityKey, { electionId: input.electionId, listHash, number: d.number, revoked: revokedKey, replacement }, d.signature);
    if (!ok) problems.push(`${where} is not signed by the credential authority's key`);
    revoked.add(revokedKey);
    listed.add(replacement);
  });

  // 3. Every cast ballot's credential.
  const casts = input.entries.filter((e) => e.type === 'BallotCast' && e.stream.startsWith(`ballot-${input.electionId}-`));
  const used = new Map<string, number>();
  for (const e of casts) {
    const credential = (e.data as { credential?: unknown }).credential;
    if (e.version !== 3) {
      problems.push(`BallotCast at log entry ${e.position} is version ${e.version}: only version 3 carries the voter's credential and signature`);
      continue;
    }
    const c = String(credential);
    if (!listed.has(c)) problems.push(`BallotCast at log entry ${e.position} is signed by ${c}, which is not on the credential authority's list`);
    else if (revoked.has(c)) problems.push(`BallotCast at log entry ${e.position} is signed by ${c}, a revoked credential`);
    const before = used.get(c);
    if (before !== undefined) problems.push(`credential ${c} has two ballots (log entries ${before} and ${e.position})`);
    else used.set(c, e.position);
  }
  const fingerprint = credentialListFingerprint(listHash);
  return {
    summary: `${credentials.length} credentials (${fingerprint}), ${replacements.length} replaced, ${used.size} ballots by as many listed credentials`,
    problems, keySource: given ? 'given' : 'record', authorityKey,
  };
}
