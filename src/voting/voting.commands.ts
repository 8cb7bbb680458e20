/** Voting's commands (docs/spec/crypto.md, record.md): a ballot cast on the voter's ballot
 * stream, and an audited (Benaloh) ballot spoiled on the election's spoiled-ballot stream. */
import { CommandHandler } from '@nestjs/cqrs';
import type { CastBallot, SpoilBallot, VotingCommand } from '../domain/voting/commands';
import { ballotStream, spoiledStream, votingDecider } from '../domain/voting/decider';
import type { VotingEvent } from '../domain/voting/events';
import type { VoterBallotState } from '../domain/voting/state';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

abstract class VotingHandler<C extends LedgerCommand<VotingCommand, VotingEvent, VoterBallotState>>
  extends LedgerCommandHandler<C, VotingCommand, VotingEvent, VoterBallotState> {
  protected readonly decider = votingDecider;
}

/** One ballot per voter, ever: the ballot stream's own rule, enforced by its expected revision. */
export class CastBallotCommand extends LedgerCommand<CastBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(CastBallotCommand)
export class CastBallotHandler extends VotingHandler<CastBallotCommand> {
  protected override readonly maxAttempts: number = 3;
  protected streamOf(command: CastBallotCommand): string {
    return ballotStream(command.electionId, command.decision.pseudonym);
  }
}

export class SpoilBallotCommand extends LedgerCommand<SpoilBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(SpoilBallotCommand)
export class SpoilBallotHandler extends VotingHandler<SpoilBallotCommand> {
  /** One stream for every spoiled ballot of the election: many voters append to it at once. */
  protected override readonly maxAttempts: number = 10;
  protected streamOf(command: SpoilBallotCommand): string {
    return spoiledStream(command.electionId);
  }
}

export const votingCommandHandlers = [CastBallotHandler, SpoilBallotHandler];
