import { Command } from '@nestjs/cqrs';
import type { RecordedEvent } from '../ledger/event-store';

/** Who sent a command, recorded in the metadata of every event it appends. */
export interface CommandContext {
  /** A role and an identifier, e.g. "voter:<pseudonym>", "official:opening", "system:scheduler". */
  actor: string;
  /** Shared by every event of one request or ceremony. */
  correlationId?: string;
  /**
   * Append only if the stream is still at this revision (the one the sender read its facts
   * at). Without it, the handler appends at the revision it loaded and decides again on a
   * conflict; with it, a conflict fails the command, since the sender's facts are stale.
   */
  expectedRevision?: number;
}

/** What a ledger command returns: the new events as decided and as recorded, and the
 * stream's state with them folded in. */
export interface CommandOutcome<E, S> {
  events: E[];
  recorded: RecordedEvent[];
  state: S;
}

/**
 * A state change asked of the ledger: one decision of a phase's decider (`decision`, the
 * decider's own plain-data command) on the stream the command names. Every state change of
 * the election is a subclass of this sent through @nestjs/cqrs's CommandBus, whoever sends it
 * (HTTP, the urna CLI, the scheduler, the simulacro), and is judged by the decider in its one
 * handler (LedgerCommandHandler).
 */
export abstract class LedgerCommand<D, E = unknown, S = unknown> extends Command<CommandOutcome<E, S>> {
  constructor(
    readonly electionId: string,
    readonly decision: D,
    readonly context: CommandContext,
  ) {
    super();
  }
}
