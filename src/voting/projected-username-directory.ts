/**
 * The username directory the login uses, read from the voting projection (PostgreSQL, rebuilt
 * from the sealed CredentialIssued events), so logins survive restarts and credentials issued
 * by another process (the roll import CLI) are found.
 *
 * A fresh import is never refused: every lookup first waits (at most 2 s) for the projection to
 * have applied the roll's last public event, which an import or an amendment appends after all
 * of its sealed credentials. Known and unknown usernames wait alike — the wait no longer depends
 * on whether the lookup hits, since a miss that waited for the ledger's head would make unknown
 * usernames slower than known ones (issue 11 §1.4), all the more now that each refused unknown
 * username appends an event of its own. Once the projection has passed the roll (the normal
 * case during voting) the wait is one cheap read of the roll stream's tail.
 */
import type { EventStore } from '../ledger/event-store';
import type { UsernameDirectory } from '../authentication/username-directory';
import { rollStream } from '../domain/roll/decider';
import type { VotingProjection } from './voting-projection';

export class ProjectedUsernameDirectory implements UsernameDirectory {
  /** Events of the roll stream read so far, and the global position just after the last one. */
  private rollEvents = 0;
  private rollEnd = 0;

  constructor(private readonly projection: VotingProjection, private readonly store: EventStore, private readonly electionId?: string) {}

  async find(username: string): Promise<string | undefined> {
    await this.projection.caughtUpTo(this.electionId === undefined ? await this.store.head() : await this.endOfRoll(), 2_000);
    return this.projection.findPseudonym(username);
  }

  /** The global position after the roll's last event (new roll events are read from where the last call stopped). */
  private async endOfRoll(): Promise<number> {
    const fresh = await this.store.readStream(rollStream(this.electionId!), { from: this.rollEvents });
    if (fresh.length > 0) {
      this.rollEvents += fresh.length;
      this.rollEnd = Math.max(this.rollEnd, fresh[fresh.length - 1].position + 1);
    }
    return this.rollEnd;
  }
}
