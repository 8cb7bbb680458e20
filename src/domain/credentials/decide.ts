import { group } from '../crypto/active-group';
import { fromHex } from '../crypto/hash';
import {
  credentialListFingerprint, credentialListHash, credentialListProblem, credentialListSignatureValid, credentialReplacementSignatureValid,
} from '../crypto/credential/credential-list';
import { PUBLIC_KEY_HEX } from '../crypto/credential/credential-signature';
import { DomainError } from '../shared/decider';
import type { CredentialsCommand, EnrolCredentialAuthority, PublishCredentialList, RecordCredentialReplacement } from './commands';
import { credentialText } from './credential-text';
import type { CredentialsEvent, PublicCredentialsPublished } from './events';
import { credentialStatus, type CredentialsState } from './state';

/** Credentials per PublicCredentialsPublished: 66 bytes of JSON each keeps a chunk near 53 KiB (events are ≤ 60 KiB). */
export const CREDENTIAL_CHUNK_SIZE = 800;

export function decideCredentials(command: CredentialsCommand, state: CredentialsState): CredentialsEvent[] {
  switch (command.type) {
    case 'EnrolCredentialAuthority':
      return enrol(command, state);
    case 'PublishCredentialList':
      return publish(command, state);
    case 'RecordCredentialReplacement':
      return replace(command, state);
  }
}

/** A public key anyone can verify with: the canonical encoding of an element other than the identity. */
export function isCredentialKey(hex: unknown): boolean {
  if (typeof hex !== 'string' || !PUBLIC_KEY_HEX.test(hex)) return false;
  try {
    return !group.isIdentity(group.decode(fromHex(hex, 32)));
  } catch {
    return false;
  }
}

function enrol(c: EnrolCredentialAuthority, state: CredentialsState): CredentialsEvent[] {
  if (c.electionOpened) throw new DomainError('CREDENTIAL_LIST_FROZEN', credentialText.pair('list.frozen'));
  if (state.authorityKey !== undefined) throw new DomainError('AUTHORITY_ALREADY_ENROLLED', credentialText.pair('authority.alreadyEnrolled'));
  if (!isCredentialKey(c.authorityKey)) throw new DomainError('INVALID_AUTHORITY_KEY', credentialText.pair('authority.invalidKey'));
  if (typeof c.name !== 'string' || c.name.trim() === '') throw new DomainError('MISSING_NAME', credentialText.pair('authority.missingName'));
  return [{ type: 'CredentialAuthorityEnrolled', data: { electionId: c.electionId, authorityKey: c.authorityKey, name: c.name.trim(), enrolledAt: c.now } }];
}

function publish(c: PublishCredentialList, state: CredentialsState): CredentialsEvent[] {
  // "A list changed after opening" is refused first, whatever else is wrong with it.
  if (c.electionOpened) throw new DomainError('CREDENTIAL_LIST_FROZEN', credentialText.pair('list.frozen'));
  if (state.authorityKey === undefined) throw new DomainError('NO_CREDENTIAL_AUTHORITY', credentialText.pair('authority.notEnrolled'));
  if (state.list !== undefined) throw new DomainError('CREDENTIAL_LIST_ALREADY_PUBLISHED', credentialText.pair('list.alreadyPublished'));
  const problem = credentialListProblem(c.credentials);
  if (problem) throw new DomainError('INVALID_CREDENTIAL_LIST', credentialText.pair('list.invalid', { reason: problem }));
  const bad = c.credentials.find((x) => !isCredentialKey(x));
  if (bad !== undefined) throw new DomainError('INVALID_CREDENTIAL', credentialText.pair('list.invalidCredential', { credential: bad }), { credential: bad });
  if (c.rollCommitment !== c.roll.rollCommitment) throw new DomainError('CREDENTIAL_LIST_FOR_ANOTHER_ROLL', credentialText.pair('list.anotherRoll'));
  if (c.credentials.length !== c.roll.size) {
    throw new DomainError('CREDENTIAL_LIST_WRONG_SIZE', credentialText.pair('list.wrongSize', { credentials: c.credentials.length, voters: c.roll.size }));
  }
  const listHash = credentialListHash(c.credentials);
  const statement = { electionId: c.electionId, rollCommitment: c.rollCommitment, count: c.credentials.length, listHash };
  if (!credentialListSignatureValid(state.authorityKey, statement, c.signature)) {
    throw new DomainError('CREDENTIAL_LIST_NOT_SIGNED', credentialText.pair('list.notSigned'));
  }
  const chunks: PublicCredentialsPublished[] = [];
  const chunkCount = Math.ceil(c.credentials.length / CREDENTIAL_CHUNK_SIZE);
  for (let i = 0; i < chunkCount; i++) {
    chunks.push({
      type: 'PublicCredentialsPublished',
      data: { electionId: c.electionId, chunk: i, chunkCount, credentials: c.credentials.slice(i * CREDENTIAL_CHUNK_SIZE, (i + 1) * CREDENTIAL_CHUNK_SIZE) },
    });
  }
  return [
    {
      type: 'CredentialListPublished',
      data: {
        electionId: c.electionId, authorityKey: state.authorityKey, rollCommitment: c.rollCommitment, count: c.credentials.length, listHash,
        fingerprint: credentialListFingerprint(listHash), signature: c.signature, chunkCount, publishedAt: c.now,
      },
    },
    ...chunks,
  ];
}

function replace(c: RecordCredentialReplacement, state: CredentialsState): CredentialsEvent[] {
  if (state.list === undefined || state.authorityKey === undefined) throw new DomainError('NO_CREDENTIAL_LIST', credentialText.pair('list.notPublished'));
  if (c.votingClosed) throw new DomainError('VOTING_CLOSED', credentialText.pair('replacement.votingClosed'));
  if (c.number !== state.replacements + 1) {
    throw new DomainError('REPLACEMENT_OUT_OF_ORDER', credentialText.pair('replacement.outOfOrder', { number: c.number, expected: state.replacements + 1 }));
  }
  if (credentialStatus(state, c.revoked) !== 'active') throw new DomainError('CREDENTIAL_NOT_ACTIVE', credentialText.pair('replacement.notActive'));
  if (state.listed.has(c.replacement)) throw new DomainError('CREDENTIAL_ALREADY_LISTED', credentialText.pair('replacement.alreadyListed'));
  if (!isCredentialKey(c.replacement)) {
    throw new DomainError('INVALID_CREDENTIAL', credentialText.pair('list.invalidCredential', { credential: String(c.replacement) }), { credential: c.replacement });
  }
  const statement = { electionId: c.electionId, listHash: state.list.listHash, number: c.number, revoked: c.revoked, replacement: c.replacement };
  if (!credentialReplacementSignatureValid(state.authorityKey, statement, c.signature)) {
    throw new DomainError('REPLACEMENT_NOT_SIGNED', credentialText.pair('replacement.notSigned'));
  }
  return [{
    type: 'CredentialReplaced',
    data: { electionId: c.electionId, number: c.number, revoked: c.revoked, replacement: c.replacement, signature: c.signature, replacedAt: c.now },
  }];
}
