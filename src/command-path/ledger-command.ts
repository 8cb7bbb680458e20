import { Command } from '@nestjs/cqrs';
import type { RecordedEvent } from '../ledger/event-store';
import type { StreamRead } from './stream-state';

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
  /**
   * The command's stream as the sender already read it in this request (loadState, or a
   * previous command's outcome). The handler decides on it instead of reading the stream
   * again; the append at its revision proves it is still the stream's state. When the append
   * is refused for that revision, or the decision on it refuses or records nothing, the
   * handler reads the stream and decides again, exactly as without it: a read handed over can
   * save a read, never change a decision. Ignored unless it is this command's stream folded by
   * this handler's decider, and when `expectedRevision` is given.
   */
  read?: StreamRead<unknown>;
}

/** What a ledger command returns: the new events as decided and as recorded, and the
 * stream's state with them folded in. */
export interface CommandOutcome<E, S> {
  events: E[];
  recorded: RecordedEvent[];
  state: S;
  /** The stream as it now stands (`state` at the revision of its last event), for a next command. */
  read: StreamRead<S>;
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
