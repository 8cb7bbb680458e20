/**
 * Every α and β of the spoiled ballots published for the election (BallotSpoiled on the
 * election's `spoiled-<id>-…` streams), so that casting refuses a ballot that reuses one: a
 * spoiled ballot's disclosure publishes its nonces, and the nonce of α = r·G opens any
 * ciphertext with that α (docs/spec/crypto.md, "Cast or spoiled, never both").
 *
 * Kept in memory and followed with a ledger subscription, started at the first check. Each check
 * first asks the ledger's head, then waits until the subscription has been handed every event
 * below it, so a check sees every spoiled ballot published before it began, whichever instance
 * published it. A voter's own spoiled ballots are also checked by the voting decider,
 * atomically, on the voter's sealed ballot stream; this set adds the other voters' published
 * ones. Memory: ≈ 2·(options) strings of 64 hex digits per spoiled ballot.
 *
 * Why a subscription: before, each check read back from PostgreSQL every event appended since
 * the last one, ballots of ~47 kB included, so each cast made the database send and this process
 * parse both of its ballot events once more. A subscription is handed the events this process
 * appended, or another subscription read, without reading them again (RecentEvents).
 */
import { ballotCiphertexts } from '../domain/crypto/ballot/benaloh';
import { spoiledStream } from '../domain/voting/decider';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store';
import { DatabaseUnavailableException } from '../faults/database-unavailable';
import { WorkRefusedError } from '../http/work-budget';
import { PositionWaiters } from '../ledger/position-waiters';

/** How long a check waits for the subscription to reach the head before answering 503. */
const DEFAULT_CATCH_UP_TIMEOUT_MS = 10_000;
/** Seconds a voter is asked to wait when the subscription is behind (the service is busy). */
const BEHIND_RETRY_AFTER_SECONDS = 2;

export class PublishedSpoiledCiphertexts {
  private readonly seen = new Set<string>();
  private readonly prefix: string;
  /** Every event below this position has been handed to `receive`. */
  private next = 0;
  /** Undefined before the first check, and after it ended, until the next check starts it again. */
  private subscription: Subscription | undefined;
  private readonly waiters = new PositionWaiters();
  private closed = false;

  constructor(
    private readonly store: EventStore,
    electionId: string,
    private readonly options: { catchUpTimeoutMs?: number } = {},
  ) {
    this.prefix = `${spoiledStream(electionId)}-`;
  }

  /** Whether any α or β of `ballot` is one of a published spoiled ballot. */
  async reusedBy(ballot: unknown): Promise<boolean> {
    this.follow();
    // The head is read after the check began: every event below it is committed (positions
    // are given in commit order), so waiting for them covers every spoiled ballot published
    // before this check.
    await this.handedUpTo(await this.store.head());
    return ballotCiphertexts(ballot).some((c) => this.seen.has(c));
  }

  async close(): Promise<void> {
    this.closed = true;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    this.waiters.failAll(new Error('closed'));
  }

  private follow(): void {
    // A subscription that ended (an error other than a lost connection, which it outlives) is
    // started again, from where it stood, at the next check.
    if (this.subscription || this.closed) return;
    this.subscription = this.store.subscribeToAll(this.next, async (e) => this.receive(e), (err) => {
      this.subscription = undefined;
      this.waiters.failAll(err);
    });
  }

  private receive(e: RecordedEvent): void {
    if (e.type === 'BallotSpoiled' && e.stream.startsWith(this.prefix)) {
      for (const c of ballotCiphertexts((e.data as { ballot?: unknown }).ballot)) this.seen.add(c);
    }
    this.next = e.position + 1;
    this.waiters.reached(this.next);
  }

  /**
   * Resolves once every event below `position` was handed over. Otherwise 503, nothing decided:
   * SERVICE_BUSY ("try again in 2 s") when the subscription is still following but did not reach
   * the head in time (the database answers, the service is behind); DATABASE_UNAVAILABLE, at
   * once, when the subscription ended (the database failed, or the service is closing).
   */
  private async handedUpTo(position: number): Promise<void> {
    if (this.next >= position) return;
    // Ended before the head was read (its waiters were released then): this check fails too.
    if (!this.subscription || this.closed) throw new DatabaseUnavailableException();
    let reached: boolean;
    try {
      reached = await this.waiters.wait(position, this.options.catchUpTimeoutMs ?? DEFAULT_CATCH_UP_TIMEOUT_MS);
    } catch (err) {
      throw new DatabaseUnavailableException(err);
    }
    if (!reached) throw new WorkRefusedError('busy', BEHIND_RETRY_AFTER_SECONDS);
  }
}
