/** The closing phase's commands: voting closed (automatically, at the configured instant) and
 * the encrypted ballot box's export recorded with its hash (numeral 36; docs/spec/record.md). */
import { CommandHandler } from '@nestjs/cqrs';
import type { CloseVoting, RecordBallotBoxExport } from '../domain/lifecycle/commands';
import { LifecycleHandler, LifecycleLedgerCommand } from '../opening/opening.commands';

export class CloseVotingCommand extends LifecycleLedgerCommand<CloseVoting> {}
@CommandHandler(CloseVotingCommand)
export class CloseVotingHandler extends LifecycleHandler<CloseVotingCommand> {}

export class RecordBallotBoxExportCommand extends LifecycleLedgerCommand<RecordBallotBoxExport> {}
@CommandHandler(RecordBallotBoxExportCommand)
export class RecordBallotBoxExportHandler extends LifecycleHandler<RecordBallotBoxExportCommand> {}

export const closingCommandHandlers = [CloseVotingHandler, RecordBallotBoxExportHandler];
