/**
 * What the credential authority computes, on its own machine (docs/spec/credentials.md): for
 * each voter of the service's request a fresh password (80 random bits), the credential key
 * derived from it (x = H(election, username, password), X = x·G), the list of public
 * credentials signed with the authority's key, and the sealed mapping pseudonym → X the
 * service needs. The passwords leave only in the voters' e-mails; the service never sees one.
 * Pure: randomness comes in (RandomSource), files go out.
 */
import { canonicalPassword, newPassword } from '../authentication/secrets';
import { deriveCredentialKey } from '../crypto/credential/credential-key';
import {
  credentialListFingerprint, credentialListHash, signCredentialList, signCredentialReplacement,
} from '../crypto/credential/credential-list';
import type { SigningKey } from '../crypto/credential/credential-signature';
import type { RandomSource } from '../roll/random-source';
import {
  CREDENTIAL_LIST_FORMAT, CREDENTIAL_REPLACEMENT_FORMAT,
  type CredentialListFile, type CredentialReplacementFile, type CredentialRequestFile, type CredentialRequestVoter,
} from './credential-files';

/** One voter's secret, kept by the authority only until its e-mail is delivered. */
export interface IssuedCredential extends CredentialRequestVoter {
  /** As the e-mail shows it: 16 Crockford characters in groups of four. */
  password: string;
  credential: string;
}

export interface GeneratedCredentials {
  list: CredentialListFile;
  issued: IssuedCredential[];
  fingerprint: string;
}

export function generateCredentials(request: CredentialRequestFile, authority: SigningKey, random: RandomSource): GeneratedCredentials {
  const issued: IssuedCredential[] = [];
  const taken = new Set<string>();
  for (const voter of request.voters) {
    // A repeat of 80 random bits is never expected; drawn again rather than ever sharing a credential.
    for (;;) {
      const password = newPassword(random);
      const { publicKey } = deriveCredentialKey(request.electionId, voter.username, canonicalPassword(password));
      if (taken.has(publicKey)) continue;
      taken.add(publicKey);
      issued.push({ ...voter, password, credential: publicKey });
      break;
    }
  }
  const credentials = issued.map((i) => i.credential).sort();
  const listHash = credentialListHash(credentials);
  const signature = signCredentialList(authority, { electionId: request.electionId, rollCommitment: request.rollCommitment, count: credentials.length, listHash });
  return {
    list: {
      format: CREDENTIAL_LIST_FORMAT, electionId: request.electionId, authorityKey: authority.publicKey, rollCommitment: request.rollCommitment,
      credentials, listHash, signature, assignments: issued.map((i) => ({ pseudonym: i.pseudonym, credential: i.credential })),
    },
    issued,
    fingerprint: credentialListFingerprint(listHash),
  };
}

/** A new password and credential for one voter, and the signed replacement of the old one. */
export function replaceCredential(
  input: { electionId: string; listHash: string; number: number; voter: CredentialRequestVoter; revoked: string; listed: ReadonlySet<string> },
  authority: SigningKey,
  random: RandomSource,
): { file: CredentialReplacementFile; issued: IssuedCredential } {
  for (;;) {
    const password = newPassword(random);
    const { publicKey } = deriveCredentialKey(input.electionId, input.voter.username, canonicalPassword(password));
    if (input.listed.has(publicKey)) continue;
    const signature = signCredentialReplacement(authority, { electionId: input.electionId, listHash: input.listHash, number: input.number, revoked: input.revoked, replacement: publicKey });
    return {
      file: {
        format: CREDENTIAL_REPLACEMENT_FORMAT, electionId: input.electionId, number: input.number, pseudonym: input.voter.pseudonym,
        revoked: input.revoked, replacement: publicKey, signature,
      },
      issued: { ...input.voter, password, credential: publicKey },
    };
  }
}
