/**
 * What the opening report prints of the credential authority's list (docs/spec/documents.md §3,
 * docs/spec/credentials.md): its authority, key, size and fingerprint, read from the ledger.
 */
import { credentialsStream } from '../domain/credentials/events';
import type { CredentialAuthorityEnrolled, CredentialListPublished } from '../domain/credentials/events';
import type { OpeningCredentials } from '../documents/opening-report';
import type { EventStore } from '../ledger/event-store';

export async function openingCredentials(store: EventStore, electionId: string): Promise<OpeningCredentials | undefined> {
  const events = await store.readStream(credentialsStream(electionId), { from: 0, limit: 2 });
  const enrolled = events.find((e) => e.type === 'CredentialAuthorityEnrolled')?.data as CredentialAuthorityEnrolled['data'] | undefined;
  const list = events.find((e) => e.type === 'CredentialListPublished')?.data as CredentialListPublished['data'] | undefined;
  if (!enrolled || !list) return undefined;
  return { authorityName: enrolled.name, authorityKey: list.authorityKey, count: list.count, listHash: list.listHash, fingerprint: list.fingerprint };
}
