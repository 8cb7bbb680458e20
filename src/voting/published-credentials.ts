/**
 * The credential authority's public list as the ledger holds it (stream `credentials-<id>`):
 * which public credentials are listed and which are revoked, so that casting refuses a ballot
 * signed by a credential not on the list, or revoked (docs/spec/credentials.md).
 *
 * Kept in memory and caught up from the stream's last revision read before each check (one
 * catch-up at a time, shared by concurrent casts). The list is fixed at opening; only the
 * authority's replacements are appended during voting.
 */
import { toDomainEvent } from '../command-path/stream-state';
import { credentialsDecider, credentialsStream } from '../domain/credentials/decider';
import type { CredentialsEvent } from '../domain/credentials/events';
import { credentialStatus, type CredentialsState, type CredentialStatus } from '../domain/credentials/state';
import type { EventStore } from '../ledger/event-store';

const PAGE = 500;

export class PublishedCredentials {
  private state: CredentialsState = credentialsDecider.initialState();
  private next = 0;
  private catchingUp: Promise<void> | undefined;

  constructor(private readonly store: EventStore, private readonly electionId: string) {}

  async statusOf(credential: string): Promise<CredentialStatus> {
    await this.catchUp();
    return credentialStatus(this.state, credential);
  }

  async current(): Promise<CredentialsState> {
    await this.catchUp();
    return this.state;
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.read().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async read(): Promise<void> {
    for (;;) {
      const page = await this.store.readStream(credentialsStream(this.electionId), { from: this.next, limit: PAGE });
      for (const e of page) this.state = credentialsDecider.evolve(this.state, toDomainEvent<CredentialsEvent>(e));
      this.next += page.length;
      if (page.length < PAGE) return;
    }
  }
}
