/**
 * Sends the confirmation e-mail (cast-confirmation.ts) as a reaction to each BallotCast the
 * ledger records for this election, once a checkpoint covers it, so the e-mail carries the very
 * checkpoint (size and root hash) a receipt check on the board starts from. The cast path
 * knows nothing of it: the receipt is never delayed by mail, and a mail relay that refuses
 * loses an e-mail, never a vote.
 *
 * It follows the ledger from where it stood when the service started: a ballot cast while no
 * instance ran gets no e-mail (its receipt was still shown and kept in the booth). With several
 * instances, the one that writes the log sends (`sends`).
 */
import { toHex } from '../domain/crypto/hash';
import { readableTrackingCode } from '../domain/crypto/ballot';
import { voterStream } from '../domain/roll/decider';
import type { VoterRegistered } from '../domain/roll/voter-events';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store';
import { castConfirmationMail } from './cast-confirmation';
import type { MailSender } from './ports';

export interface CastConfirmationPorts {
  store: EventStore;
  checkpoints: { latest(): Promise<{ size: number; rootHash: Uint8Array } | undefined> };
  mail: MailSender;
  electionId: string;
  /** The board's address: the e-mail links its receipt lookup. */
  systemUrl: string;
  /** How often to look for a covering checkpoint, and for how long at most. */
  pollMs?: number;
  maxWaitMs?: number;
  onError?: (err: unknown) => void;
  /** Whether this instance sends (with several instances, only the log writer does, so a voter
   * gets one e-mail, not one per instance). Absent: always. Asked at each cast: across a
   * takeover, a cast may get its e-mail from the old writer, the new one, or neither. */
  sends?: () => boolean;
}

interface Job {
  pseudonym: string;
  trackingCode: string;
  position: number;
}

export class CastConfirmationMailer {
  private subscription?: Subscription;
  private readonly jobs: Job[] = [];
  private working?: Promise<void>;
  private stopped = false;

  constructor(private readonly p: CastConfirmationPorts) {}

  async start(): Promise<void> {
    const prefix = `ballot-${this.p.electionId}-`;
    this.subscription = this.p.store.subscribeToAll(await this.p.store.head(), async (e: RecordedEvent) => {
      if (e.type !== 'BallotCast' || !e.stream.startsWith(prefix) || this.p.sends?.() === false) return;
      const d = e.data as { pseudonym: string; trackingCode: string };
      this.jobs.push({ pseudonym: d.pseudonym, trackingCode: d.trackingCode, position: e.position });
      this.working ??= this.work().finally(() => (this.working = undefined));
    }, (err) => this.p.onError?.(err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.working;
  }

  private async work(): Promise<void> {
    while (this.jobs.length > 0 && !this.stopped) {
      const job = this.jobs.shift()!;
      try {
        await this.send(job);
      } catch (err) {
        this.p.onError?.(err);
      }
    }
  }

  private async covering(position: number): Promise<{ size: number; rootHash: Uint8Array } | undefined> {
    const deadline = Date.now() + (this.p.maxWaitMs ?? 600_000);
    while (!this.stopped && Date.now() < deadline) {
      const latest = await this.p.checkpoints.latest();
      if (latest && latest.size > position) return latest;
      await new Promise((r) => setTimeout(r, this.p.pollMs ?? 250));
    }
    return undefined;
  }

  private async send(job: Job): Promise<void> {
    const registered = (await this.p.store.readStream(voterStream(this.p.electionId, job.pseudonym), { limit: 1 }))[0] as unknown as VoterRegistered | undefined;
    if (registered?.type !== 'VoterRegistered' || !registered.data.voter.email) return;
    const checkpoint = await this.covering(job.position);
    if (!checkpoint) return;
    const readable = readableTrackingCode(job.trackingCode);
    await this.p.mail.send(castConfirmationMail({
      to: registered.data.voter.email, name: registered.data.voter.name, trackingCode: job.trackingCode, readableTrackingCode: readable,
      logIndex: job.position, checkpoint: { size: checkpoint.size, rootHash: toHex(checkpoint.rootHash) },
      lookupUrl: new URL(`/#code=${encodeURIComponent(readable)}`, this.p.systemUrl).toString(),
    }));
  }
}
