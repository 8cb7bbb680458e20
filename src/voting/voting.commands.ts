/**
 * Voting's commands (docs/spec/crypto.md, "Cast or spoiled, never both"). A voter's cast and
 * spoiled ballots are decided on ONE stream, the voter's sealed ballot stream, so that a ballot
 * is cast or spoiled, never both, under any race; then each is published on a public stream
 * of its own: the cast ballot on `ballot-<id>-<pseudonym>`, a spoiled ballot on
 * `spoiled-<id>-<trackingCode>` with nothing that names the voter.
 */
import { CommandHandler } from '@nestjs/cqrs';
import type { CastBallot, PublishCastBallot, PublishSpoiledBallot, SpoilBallot, VotingCommand } from '../domain/voting/commands';
import { ballotStream, spoiledBallotStream, voterBallotsStream, votingDecider } from '../domain/voting/decider';
import type { VotingEvent } from '../domain/voting/events';
import type { VoterBallotState } from '../domain/voting/state';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';

abstract class VotingHandler<C extends LedgerCommand<VotingCommand, VotingEvent, VoterBallotState>>
  extends LedgerCommandHandler<C, VotingCommand, VotingEvent, VoterBallotState> {
  protected readonly decider = votingDecider;
}

/** One ballot per voter, ever, and never one the voter spoiled: the voter's sealed ballot stream's rule. */
export class CastBallotCommand extends LedgerCommand<CastBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(CastBallotCommand)
export class CastBallotHandler extends VotingHandler<CastBallotCommand> {
  protected override readonly maxAttempts: number = 3;
  protected streamOf(command: CastBallotCommand): string {
    return voterBallotsStream(command.electionId, command.decision.pseudonym);
  }
}

/** The cast ballot, public, on the pseudonym's ballot stream (its only event). */
export class PublishCastBallotCommand extends LedgerCommand<PublishCastBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(PublishCastBallotCommand)
export class PublishCastBallotHandler extends VotingHandler<PublishCastBallotCommand> {
  protected override readonly maxAttempts: number = 2;
  protected streamOf(command: PublishCastBallotCommand): string {
    return ballotStream(command.electionId, command.decision.pseudonym);
  }
}

/** A Benaloh audit, recorded on the voter's sealed ballot stream (never both cast and spoiled; at most MAX_AUDITS_PER_VOTER). */
export class SpoilBallotCommand extends LedgerCommand<SpoilBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(SpoilBallotCommand)
export class SpoilBallotHandler extends VotingHandler<SpoilBallotCommand> {
  protected override readonly maxAttempts: number = 3;
  protected streamOf(command: SpoilBallotCommand): string {
    return voterBallotsStream(command.electionId, command.decision.pseudonym);
  }
}

/** The audited ballot and its disclosure, public, on a stream of its own; sent as `system:benaloh`. */
export class PublishSpoiledBallotCommand extends LedgerCommand<PublishSpoiledBallot, VotingEvent, VoterBallotState> {}
@CommandHandler(PublishSpoiledBallotCommand)
export class PublishSpoiledBallotHandler extends VotingHandler<PublishSpoiledBallotCommand> {
  protected override readonly maxAttempts: number = 2;
  protected streamOf(command: PublishSpoiledBallotCommand): string {
    return spoiledBallotStream(command.electionId, command.decision.trackingCode);
  }
}

export const votingCommandHandlers = [CastBallotHandler, PublishCastBallotHandler, SpoilBallotHandler, PublishSpoiledBallotHandler];
