import type { VoterAccessCommand } from '../domain/authentication/commands';
import { voterAccessDecider } from '../domain/authentication/decider';
import type { VoterStreamEvent } from '../domain/authentication/events';
import type { VoterAccessState } from '../domain/authentication/state';
import { voterStream } from '../domain/roll/decider';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

/** A command on one voter's sealed stream (registration, credentials, sign-in, codes, sessions). */
export abstract class VoterStreamLedgerCommand<D extends VoterAccessCommand> extends LedgerCommand<D, VoterStreamEvent, VoterAccessState> {
  constructor(electionId: string, readonly pseudonym: string, decision: D, context: CommandContext) {
    super(electionId, decision, context);
  }
}

/**
 * Decided once: a concurrent write to the same voter's stream fails the request
 * (WrongExpectedRevisionError) instead of deciding it again, so two sign-ins or two code
 * checks racing each other never both pass on the same facts.
 */
export abstract class VoterStreamHandler<C extends VoterStreamLedgerCommand<VoterAccessCommand>>
  extends LedgerCommandHandler<C, VoterAccessCommand, VoterStreamEvent, VoterAccessState> {
  protected readonly decider = voterAccessDecider;
  protected override readonly maxAttempts: number = 1;
  protected streamOf(command: C): string {
    return voterStream(command.electionId, command.pseudonym);
  }
}
