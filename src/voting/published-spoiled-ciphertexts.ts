/**
 * Every α and β of the spoiled ballots published for the election (BallotSpoiled on the
 * election's `spoiled-<id>-…` streams), so that casting refuses a ballot that reuses one: a
 * spoiled ballot's disclosure publishes its nonces, and the nonce of α = r·G opens any
 * ciphertext with that α (docs/spec/crypto.md, "Cast or spoiled, never both").
 *
 * Kept in memory and caught up from the ledger's global order before each check (one catch-up
 * at a time, shared by concurrent casts). A voter's own spoiled ballots are also checked by
 * the voting decider, atomically, on the voter's sealed ballot stream; this set adds the
 * other voters' published ones. Memory: ≈ 2·(options) strings of 64 hex digits per spoiled
 * ballot.
 */
import { ballotCiphertexts } from '../domain/crypto/ballot/benaloh';
import { spoiledStream } from '../domain/voting/decider';
import type { EventStore } from '../ledger/event-store';

const PAGE = 2000;

export class PublishedSpoiledCiphertexts {
  private readonly seen = new Set<string>();
  private next = 0;
  private catchingUp: Promise<void> | undefined;
  private readonly prefix: string;

  constructor(private readonly store: EventStore, electionId: string) {
    this.prefix = `${spoiledStream(electionId)}-`;
  }

  /** Whether any α or β of `ballot` is one of a published spoiled ballot. */
  async reusedBy(ballot: unknown): Promise<boolean> {
    await this.catchUp();
    return ballotCiphertexts(ballot).some((c) => this.seen.has(c));
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.read().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async read(): Promise<void> {
    const head = await this.store.head();
    while (this.next < head) {
      const page = await this.store.readAll({ from: this.next, limit: PAGE });
      if (page.length === 0) break;
      for (const e of page) {
        if (e.type === 'BallotSpoiled' && e.stream.startsWith(this.prefix)) {
          for (const c of ballotCiphertexts((e.data as { ballot?: unknown }).ballot)) this.seen.add(c);
        }
      }
      this.next = page[page.length - 1].position + 1;
    }
  }
}
