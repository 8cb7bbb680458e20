/** The tally's commands on the tally stream (numerals 36-38; docs/spec/crypto-ceremony-tally.md, record.md). */
import { CommandHandler } from '@nestjs/cqrs';
import type {
  CompleteTally, PostPartialDecryption, PublishResults, RecordActa, RecordEncryptedTally, RejectTrustee, StartTally, TallyCommand,
} from '../domain/tally/commands';
import { tallyDecider } from '../domain/tally/decider';
import { tallyStream, type TallyEvent } from '../domain/tally/events';
import type { TallyState } from '../domain/tally/state';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

export abstract class TallyLedgerCommand<D extends TallyCommand> extends LedgerCommand<D, TallyEvent, TallyState> {}

export abstract class TallyHandler<C extends TallyLedgerCommand<TallyCommand>> extends LedgerCommandHandler<C, TallyCommand, TallyEvent, TallyState> {
  protected readonly decider = tallyDecider;
  /** Every trustee posts to this one stream, each message's proofs checked as it is decided:
   * more room than the default before a crossing fails the message. */
  protected override readonly maxAttempts: number = 10;
  protected streamOf(command: C): string {
    return tallyStream(command.electionId);
  }
}

export class StartTallyCommand extends TallyLedgerCommand<StartTally> {}
@CommandHandler(StartTallyCommand)
export class StartTallyHandler extends TallyHandler<StartTallyCommand> {}

export class RecordEncryptedTallyCommand extends TallyLedgerCommand<RecordEncryptedTally> {}
@CommandHandler(RecordEncryptedTallyCommand)
export class RecordEncryptedTallyHandler extends TallyHandler<RecordEncryptedTallyCommand> {}

export class RejectTrusteeCommand extends TallyLedgerCommand<RejectTrustee> {}
@CommandHandler(RejectTrusteeCommand)
export class RejectTrusteeHandler extends TallyHandler<RejectTrusteeCommand> {}

export class PostPartialDecryptionCommand extends TallyLedgerCommand<PostPartialDecryption> {}
@CommandHandler(PostPartialDecryptionCommand)
export class PostPartialDecryptionHandler extends TallyHandler<PostPartialDecryptionCommand> {}

export class PublishResultsCommand extends TallyLedgerCommand<PublishResults> {}
@CommandHandler(PublishResultsCommand)
export class PublishResultsHandler extends TallyHandler<PublishResultsCommand> {}

export class CompleteTallyCommand extends TallyLedgerCommand<CompleteTally> {}
@CommandHandler(CompleteTallyCommand)
export class CompleteTallyHandler extends TallyHandler<CompleteTallyCommand> {}

export class RecordActaCommand extends TallyLedgerCommand<RecordActa> {}
@CommandHandler(RecordActaCommand)
export class RecordActaHandler extends TallyHandler<RecordActaCommand> {}

export const tallyCommandHandlers = [
  StartTallyHandler, RecordEncryptedTallyHandler, RejectTrusteeHandler, PostPartialDecryptionHandler,
  PublishResultsHandler, CompleteTallyHandler, RecordActaHandler,
];
