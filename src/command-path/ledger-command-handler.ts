import { Inject } from '@nestjs/common';
import { DomainError, type Decider, type DomainEvent } from '../domain/shared/decider';
import { WrongExpectedRevisionError, type EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { CommandMetrics } from './command-metrics';
import type { CommandOutcome, LedgerCommand } from './ledger-command';
import { loadState, toNewEvent, type StreamRead } from './stream-state';

/**
 * The one way state changes: load the command's stream, fold it with the phase's decider,
 * decide, append the new events with the revision that was read as the expected revision.
 *
 * What every command needs is done here once, for all of them: the sender's actor (and
 * correlation id) recorded in each event's metadata; on a concurrency conflict the command is
 * decided again on the fresher state, after a short random pause, a bounded number of times (so a rule such as "one
 * ballot per voter" is enforced by the ledger's concurrency control, never by a
 * check-then-write race); and the command's time and outcome counted for /metrics.
 *
 * A phase's handler only names its decider, its stream and, where the default does not fit,
 * how many attempts a conflict gets.
 */
export abstract class LedgerCommandHandler<C extends LedgerCommand<D, E, S>, D, E extends DomainEvent, S> {
  @Inject(EVENT_STORE) private readonly store!: EventStore;
  @Inject(CommandMetrics) private readonly metrics!: CommandMetrics;

  protected abstract readonly decider: Decider<D, E, S>;
  protected abstract streamOf(command: C): string;
  /** Attempts on a concurrency conflict (1: a conflict fails the command). */
  protected readonly maxAttempts: number = 5;

  /** The revision the sender read its facts at, when it must append there or not at all. */
  protected expectedRevisionOf(command: C): number | undefined {
    return command.context.expectedRevision;
  }

  /** The decisions this command asks of the decider, in order, on one stream (one append). */
  protected decisions(command: C): D[] {
    return [command.decision];
  }

  async execute(command: C): Promise<CommandOutcome<E, S>> {
    const name = command.constructor.name;
    const stop = this.metrics.start(name);
    const attempts = this.expectedRevisionOf(command) === undefined ? this.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.attempt(command);
        stop('ok');
        return outcome;
      } catch (err) {
        if (err instanceof WrongExpectedRevisionError) {
          this.metrics.conflict(name);
          if (attempt < attempts) {
            await pauseBeforeRetry(attempt);
            continue;
          }
          stop('conflict');
        } else stop(err instanceof DomainError ? 'refused' : 'error');
        throw err;
      }
    }
  }

  private async attempt(command: C): Promise<CommandOutcome<E, S>> {
    const stream = this.streamOf(command);
    const decisions = this.decisions(command);
    for (const decision of decisions) assertSameTarget(command, decision);
    const handed = this.handedRead(command, stream);
    if (handed) {
      // Decided on the sender's read; anything but an accepted append is decided again on a
      // fresh read below, so the outcome is the one a read made now would give.
      try {
        const outcome = await this.decideAndAppend(command, stream, decisions, handed);
        if (outcome.events.length > 0) return outcome;
      } catch (err) {
        if (!(err instanceof DomainError) && !(err instanceof WrongExpectedRevisionError)) throw err;
      }
      this.metrics.handedReadStale(command.constructor.name);
    }
    return this.decideAndAppend(command, stream, decisions, await loadState(this.store, stream, this.decider));
  }

  /** The sender's read of this very stream by this very decider, when it may stand in for a read. */
  private handedRead(command: C, stream: string): StreamRead<S> | undefined {
    const read = command.context.read;
    if (!read || read.stream !== stream || read.decider !== this.decider || this.expectedRevisionOf(command) !== undefined) return undefined;
    return read as StreamRead<S>;
  }

  private async decideAndAppend(command: C, stream: string, decisions: D[], read: StreamRead<S>): Promise<CommandOutcome<E, S>> {
    let state = read.state;
    const events: E[] = [];
    for (const decision of decisions) {
      const decided = this.decider.decide(decision, state);
      state = decided.reduce(this.decider.evolve, state);
      events.push(...decided);
    }
    if (events.length === 0) return { events, recorded: [], state, read };
    const { actor, correlationId } = command.context;
    const expected = this.expectedRevisionOf(command) ?? read.revision;
    const { recorded, nextExpectedRevision } = await this.store.append(
      stream,
      events.map((e) => toNewEvent(e, { actor, ...(correlationId ? { correlationId } : {}) })),
      expected < 0 ? 'no_stream' : expected,
    );
    return { events, recorded, state, read: { stream, decider: this.decider, state, revision: nextExpectedRevision } };
  }
}

/**
 * A short random pause before deciding again: senders that crossed once would otherwise read
 * and append in step again and cross again, each losing the same race up to the last attempt
 * (trustee stations posting one after another's contests did). Up to 5·2^attempt ms, at most 100.
 */
function pauseBeforeRetry(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * 2 ** attempt)));
}

/**
 * The stream a command names (its election, and its voter where it has one) and the decision it
 * carries must agree: a decision about another election or voter is never written into this
 * stream, whatever the sender put in the command.
 */
function assertSameTarget(command: LedgerCommand<unknown>, decision: unknown): void {
  const d = decision as { electionId?: unknown; pseudonym?: unknown };
  const pseudonym = (command as { pseudonym?: unknown }).pseudonym;
  const mismatch = (typeof d.electionId === 'string' && d.electionId !== command.electionId)
    || (typeof pseudonym === 'string' && typeof d.pseudonym === 'string' && d.pseudonym !== pseudonym);
  if (mismatch) {
    throw new DomainError('COMMAND_TARGET_MISMATCH', 'La decisión no corresponde a la elección o persona votante del comando. / The decision is not for the command\'s election or voter.');
  }
}
