import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import type { CeremonyCommand } from '../domain/ceremony/commands';
import { ceremonyView, type CeremonyView } from '../domain/ceremony/ceremony-view';
import { ceremonyProgress, type CeremonyProgress } from '../domain/ceremony/progress';
import type { CeremonyState } from '../domain/ceremony/state';
import { transcriptHash, transcriptOf } from '../domain/ceremony/transcript-hash';
import { ceremonyCommandOf, submissionTrustee, type CeremonySubmission } from '../domain/ceremony/trustee-submission';
import type { EventStore } from '../ledger/event-store';
import { ceremonyCommandFor } from './ceremony.commands';

/**
 * The key ceremony as the service runs it. The service holds no trustee's secret and opens no
 * token: each trustee runs their own station (src/trustee-station, `urna trustee …`) on their own
 * machine, and what reaches the service is signed public messages (`submit`), judged by the
 * ceremony decider — the signature by the trustee's enrolled key is what says who sent one.
 * Nothing lives in this object: every call reads the ceremony stream, so a new instance after a
 * restart continues where the ledger says the ceremony is.
 */
export class CeremonyService {
  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly electionId: string,
    private readonly actor = 'system:ceremony',
  ) {}

  private get stream(): string {
    return ceremonyStream(this.electionId);
  }

  async state(): Promise<CeremonyState> {
    return (await loadState(this.store, this.stream, ceremonyDecider)).state;
  }

  async progress(trusteeIndex?: number): Promise<CeremonyProgress> {
    return ceremonyProgress(await this.state(), trusteeIndex);
  }

  /** What the trustee stations (and anyone) are shown: the state without its sealed records. */
  async view(): Promise<CeremonyView> {
    return ceremonyView(this.electionId, await this.state());
  }

  run(command: CeremonyCommand, actor = this.actor) {
    return this.commands.execute(ceremonyCommandFor(this.electionId, command, { actor, correlationId: `ceremony-${this.electionId}` }));
  }

  /** A trustee's signed message, as its station sent it (HTTP or a file). The actor recorded is
   * the trustee it names, for people reading the log; the decider checks the signature. */
  async submit(submission: CeremonySubmission): Promise<void> {
    const state = await this.state();
    const trusteeId = state.trustees[String(submissionTrustee(submission))]?.trusteeId;
    await this.run(ceremonyCommandOf(submission), trusteeId ? `trustee:${trusteeId}` : 'trustee:unknown');
  }

  /** The transcript hash the notary is shown before witnessing. */
  async currentTranscriptHash(): Promise<string> {
    return transcriptHash(transcriptOf(await this.state()));
  }

  async witness(notary: string, transcriptHashSeen: string, now: string): Promise<void> {
    await this.run({ type: 'WitnessCeremony', electionId: this.electionId, notary, transcriptHash: transcriptHashSeen, now }, `notary:${notary}`);
  }

  async complete(): Promise<CeremonyState['completed']> {
    await this.run({ type: 'CompleteCeremony', electionId: this.electionId });
    return (await this.state()).completed;
  }
}
