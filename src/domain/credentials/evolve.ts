import type { CredentialsEvent } from './events';
import type { CredentialsState } from './state';

/** Mutates the sets in place: a list of millions of credentials is folded once, not copied per chunk. */
export function evolveCredentials(state: CredentialsState, event: CredentialsEvent): CredentialsState {
  switch (event.type) {
    case 'CredentialAuthorityEnrolled':
      return { ...state, authorityKey: event.data.authorityKey };
    case 'CredentialListPublished':
      return { ...state, list: { listHash: event.data.listHash, count: event.data.count, rollCommitment: event.data.rollCommitment } };
    case 'PublicCredentialsPublished':
      for (const c of event.data.credentials) state.listed.add(c);
      return { ...state };
    case 'CredentialReplaced':
      state.revoked.add(event.data.revoked);
      state.listed.add(event.data.replacement);
      return { ...state, replacements: event.data.number };
  }
}
