/**
 * The username directory the login uses, read from the voting projection (PostgreSQL, rebuilt
 * from the sealed CredentialIssued events), so logins survive restarts and credentials issued
 * by another process (the roll import CLI) are found. A miss waits for the projection to reach
 * the ledger's head once before answering "unknown", so a fresh import is never refused.
 */
import type { EventStore } from '../ledger/event-store';
import type { UsernameDirectory } from '../authentication/username-directory';
import type { VotingProjection } from './voting-projection';

export class ProjectedUsernameDirectory implements UsernameDirectory {
  constructor(private readonly projection: VotingProjection, private readonly store: EventStore) {}

  async find(username: string): Promise<string | undefined> {
    const found = await this.projection.findPseudonym(username);
    if (found !== undefined) return found;
    await this.projection.caughtUpTo(await this.store.head(), 2_000);
    return this.projection.findPseudonym(username);
  }
}
