/**
 * The roll's commands (numerals 23-24; docs/spec/roll-and-authentication.md): the public roll
 * of pseudonyms and entities, and each voter's sealed stream with the registration and its
 * first credential.
 */
import { CommandHandler } from '@nestjs/cqrs';
import type { IssueCredential, RegisterVoter, RemoveVoterFromRoll } from '../domain/authentication/commands';
import type { AmendRoll, ImportRoll, RollCommand } from '../domain/roll/commands';
import { rollDecider, rollStream } from '../domain/roll/decider';
import type { RollEvent } from '../domain/roll/events';
import type { RollState } from '../domain/roll/state';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';
import { VoterStreamHandler, VoterStreamLedgerCommand } from '../authentication/voter-stream.command';

export abstract class RollLedgerCommand<D extends RollCommand> extends LedgerCommand<D, RollEvent, RollState> {}

abstract class RollHandler<C extends RollLedgerCommand<RollCommand>> extends LedgerCommandHandler<C, RollCommand, RollEvent, RollState> {
  protected readonly decider = rollDecider;
  protected streamOf(command: C): string {
    return rollStream(command.electionId);
  }
}

export class ImportRollCommand extends RollLedgerCommand<ImportRoll> {}
@CommandHandler(ImportRollCommand)
export class ImportRollHandler extends RollHandler<ImportRollCommand> {}

export class AmendRollCommand extends RollLedgerCommand<AmendRoll> {}
@CommandHandler(AmendRollCommand)
export class AmendRollHandler extends RollHandler<AmendRollCommand> {}

/** A voter's sealed stream begins with the registration and its first credential, in one append. */
export class RegisterVoterCommand extends VoterStreamLedgerCommand<RegisterVoter> {
  constructor(electionId: string, pseudonym: string, decision: RegisterVoter, readonly credential: IssueCredential, context: CommandContext) {
    super(electionId, pseudonym, decision, context);
  }
}
@CommandHandler(RegisterVoterCommand)
export class RegisterVoterHandler extends VoterStreamHandler<RegisterVoterCommand> {
  protected override decisions(command: RegisterVoterCommand) {
    return [command.decision, command.credential];
  }
}

export class RemoveVoterFromRollCommand extends VoterStreamLedgerCommand<RemoveVoterFromRoll> {}
@CommandHandler(RemoveVoterFromRollCommand)
export class RemoveVoterFromRollHandler extends VoterStreamHandler<RemoveVoterFromRollCommand> {}

export const rollCommandHandlers = [ImportRollHandler, AmendRollHandler, RegisterVoterHandler, RemoveVoterFromRollHandler];
