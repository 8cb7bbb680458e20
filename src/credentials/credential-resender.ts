/**
 * The one path by which a voter's password is sent again, whoever asked:
 *
 *   voter (booth, "I did not get my password": username + the e-mail on the roll) ─┐
 *   official (monitoring, CredentialResendRequested on monitoring-resends-<id>) ─────┴→ ask
 *   ask (CredentialResendAsked, judged by the resend decider) → the credential authority draws
 *   a new password and e-mails it (its outbox or SMTP) and signs the replacement → the service
 *   imports the replacement (refused if the voter voted meanwhile) → CredentialResent, or
 *   CredentialResendFailed with a code.
 *
 * The voter's ask is answered before anything about the name is read (voterAsks only queues),
 * so a known and an unknown username get the same answer in the same time; what happens next
 * shows only in the voter's inbox. One pump runs at a time in this process.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { canonicalUsername } from '../domain/authentication/secrets';
import { credentialResendDecider } from '../domain/credentials/resend-decider';
import { credentialResendsStream } from '../domain/credentials/resend-events';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import { credentialResendsStream as officialRequestsStream } from '../domain/monitoring/events';
import { voterStream } from '../domain/roll/decider';
import type { VoterRegistered } from '../domain/roll/voter-events';
import { DomainError } from '../domain/shared/decider';
import { voterBallotsStream, votingDecider } from '../domain/voting/decider';
import type { EventStore } from '../ledger/event-store';
import type { CredentialAuthorityLink } from './credential-authority-link';
import { importCredentialReplacement } from './credential-list-import';
import { DecideCredentialResendCommand } from './credential-resend.commands';

export interface CredentialResenderPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  /** username (canonical) → pseudonym (the sign-in's directory). */
  findPseudonym: (username: string) => Promise<string | undefined>;
  /** Without it, asks are recorded and wait for the officials to carry them to the authority. */
  authority?: CredentialAuthorityLink;
  clock?: () => Date;
  /** Whether this instance is the one that serves pending asks (calls the authority): with
   * several instances behind a proxy, only the log writer does, so one ask never draws two
   * passwords. Absent: always (one instance). Asks are recorded by whichever instance took them. */
  servesAsks?: () => boolean;
  /** Voters' asks waiting at most; beyond, an ask is dropped (the answer is the same). Default 256. */
  maxQueued?: number;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export class CredentialResender {
  private readonly queue: { username: string; email: string }[] = [];
  private pumping: Promise<void> = Promise.resolve();
  /** Officials' requests read so far (events of their stream). */
  private officialSeen = 0;

  constructor(private readonly p: CredentialResenderPorts) {}

  private now(): string {
    return (this.p.clock?.() ?? new Date()).toISOString();
  }

  /** The booth's ask: queued, never answered with anything about the name. */
  voterAsks(username: string, email: string): void {
    if (this.queue.length >= (this.p.maxQueued ?? 256)) return;
    this.queue.push({ username, email });
    void this.pump();
  }

  /** Takes up queued voters' asks and officials' requests, then serves every pending ask. Resolves when done. */
  pump(): Promise<void> {
    this.pumping = this.pumping.then(() => this.round()).catch(() => undefined);
    return this.pumping;
  }

  private async round(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.queue.shift()!;
      const pseudonym = await this.voterOf(next.username, next.email);
      if (pseudonym) await this.ask(pseudonym, 'voter');
    }
    const requests = await this.p.store.readStream(officialRequestsStream(this.p.electionId), { from: this.officialSeen });
    for (const r of requests) {
      this.officialSeen++;
      const d = r.data as { pseudonym: string; requestedBy: string };
      if (r.type === 'CredentialResendRequested') await this.ask(d.pseudonym, d.requestedBy, r.position);
    }
    if (!this.p.authority || this.p.servesAsks?.() === false) return;
    const { state } = await loadState(this.p.store, credentialResendsStream(this.p.electionId), credentialResendDecider);
    for (const [pseudonym, v] of Object.entries(state.voters)) if (v.pending) await this.send(pseudonym);
  }

  /** The pseudonym when the username is on the roll with this e-mail address; else undefined. */
  private async voterOf(username: string, email: string): Promise<string | undefined> {
    const canonical = canonicalUsername(username);
    const pseudonym = canonical === undefined ? undefined : await this.p.findPseudonym(canonical);
    if (!pseudonym) return undefined;
    const registered = await this.registration(pseudonym);
    return registered && sameAddress(registered.data.voter.email, email) ? pseudonym : undefined;
  }

  private async registration(pseudonym: string): Promise<VoterRegistered | undefined> {
    const events = await this.p.store.readStream(voterStream(this.p.electionId, pseudonym));
    if (events.some((e) => e.type === 'VoterRemovedFromRoll')) return undefined;
    const first = events[0];
    return first?.type === 'VoterRegistered' ? (first as unknown as VoterRegistered) : undefined;
  }

  private async facts(pseudonym: string): Promise<{ onRoll: boolean; voted: boolean; closed: boolean }> {
    const lifecycle = (await loadState(this.p.store, lifecycleStream(this.p.electionId), lifecycleDecider)).state;
    const closesAt = lifecycle.votingClosesAt ? Date.parse(lifecycle.votingClosesAt) : Infinity;
    return {
      onRoll: (await this.registration(pseudonym)) !== undefined,
      voted: (await loadState(this.p.store, voterBallotsStream(this.p.electionId, pseudonym), votingDecider)).state.cast,
      closed: lifecycle.phase === 'closed' || lifecycle.phase === 'exported' || Date.parse(this.now()) >= closesAt,
    };
  }

  /** A refused ask appends nothing: the decider's rules are the answer (logged by the caller's tests). */
  private async ask(pseudonym: string, by: string, request?: number): Promise<void> {
    const facts = await this.facts(pseudonym);
    await this.decide({ type: 'AskCredentialResend', pseudonym, by, request, now: this.now(), facts }, by === 'voter' ? `voter:${pseudonym}` : by);
  }

  private async send(pseudonym: string): Promise<void> {
    const facts = await this.facts(pseudonym);
    const refused = facts.voted ? 'ALREADY_VOTED' : facts.closed ? 'VOTING_CLOSED' : undefined;
    if (refused) {
      await this.decide({ type: 'RecordCredentialResendFailed', pseudonym, reason: refused, now: this.now() }, 'system:credential-resend');
      return;
    }
    try {
      const file = await this.p.authority!.replace(pseudonym);
      const ports = { store: this.p.store, commands: this.p.commands, electionId: this.p.electionId, actor: 'system:credential-resend' };
      const { number } = await importCredentialReplacement(ports, file, this.now());
      await this.decide({ type: 'RecordCredentialResent', pseudonym, replacement: number, now: this.now() }, 'system:credential-resend');
    } catch (err) {
      const code = err instanceof DomainError && /^[A-Z_]{1,64}$/.test(err.code) ? err.code : 'AUTHORITY_FAILED';
      await this.decide({ type: 'RecordCredentialResendFailed', pseudonym, reason: code, now: this.now() }, 'system:credential-resend');
    }
  }

  private async decide(decision: ConstructorParameters<typeof DecideCredentialResendCommand>[1], actor: string): Promise<boolean> {
    try {
      await this.p.commands.execute(new DecideCredentialResendCommand(this.p.electionId, decision, { actor }));
      return true;
    } catch (err) {
      if (err instanceof DomainError) return false;
      throw err;
    }
  }
}
