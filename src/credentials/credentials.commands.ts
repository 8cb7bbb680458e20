/**
 * The credential authority's facts as commands (docs/spec/credentials.md): its key, its signed
 * list and its replacements on the public stream `credentials-<id>` (credentials decider), and
 * each voter's public credential on the voter's sealed ballot stream (voting decider), the
 * stream that also decides casting: a credential with a ballot is never replaced and a
 * replaced one never votes, under any race.
 */
import { CommandHandler } from '@nestjs/cqrs';
import type { CredentialsCommand, EnrolCredentialAuthority, PublishCredentialList, RecordCredentialReplacement } from '../domain/credentials/commands';
import { credentialsDecider, credentialsStream } from '../domain/credentials/decider';
import type { CredentialsEvent } from '../domain/credentials/events';
import type { CredentialsState } from '../domain/credentials/state';
import type { AssignVoterCredential, ReplaceVoterCredential, VotingCommand } from '../domain/voting/commands';
import { voterBallotsStream, votingDecider } from '../domain/voting/decider';
import type { VotingEvent } from '../domain/voting/events';
import type { VoterBallotState } from '../domain/voting/state';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';
import { DecideCredentialResendHandler } from './credential-resend.commands';

abstract class CredentialsLedgerCommand<D extends CredentialsCommand> extends LedgerCommand<D, CredentialsEvent, CredentialsState> {}

abstract class CredentialsHandler<C extends CredentialsLedgerCommand<CredentialsCommand>>
  extends LedgerCommandHandler<C, CredentialsCommand, CredentialsEvent, CredentialsState> {
  protected readonly decider = credentialsDecider;
  protected streamOf(command: C): string {
    return credentialsStream(command.electionId);
  }
}

/** The authority's public key, before opening, once. */
export class EnrolCredentialAuthorityCommand extends CredentialsLedgerCommand<EnrolCredentialAuthority> {}
@CommandHandler(EnrolCredentialAuthorityCommand)
export class EnrolCredentialAuthorityHandler extends CredentialsHandler<EnrolCredentialAuthorityCommand> {}

/** The authority's signed list, before opening, once: one credential per voter of the roll. */
export class PublishCredentialListCommand extends CredentialsLedgerCommand<PublishCredentialList> {}
@CommandHandler(PublishCredentialListCommand)
export class PublishCredentialListHandler extends CredentialsHandler<PublishCredentialListCommand> {}

/** One signed replacement: the revoked credential and the new one, naming no voter. */
export class RecordCredentialReplacementCommand extends CredentialsLedgerCommand<RecordCredentialReplacement> {}
@CommandHandler(RecordCredentialReplacementCommand)
export class RecordCredentialReplacementHandler extends CredentialsHandler<RecordCredentialReplacementCommand> {}

abstract class VoterCredentialHandler<C extends LedgerCommand<AssignVoterCredential | ReplaceVoterCredential, VotingEvent, VoterBallotState>>
  extends LedgerCommandHandler<C, VotingCommand, VotingEvent, VoterBallotState> {
  protected readonly decider = votingDecider;
  protected streamOf(command: C): string {
    return voterBallotsStream(command.electionId, command.decision.pseudonym);
  }
}

/** The voter's public credential, from the authority's sealed mapping. */
export class AssignVoterCredentialCommand extends LedgerCommand<AssignVoterCredential, VotingEvent, VoterBallotState> {}
@CommandHandler(AssignVoterCredentialCommand)
export class AssignVoterCredentialHandler extends VoterCredentialHandler<AssignVoterCredentialCommand> {}

/** The authority replaced the voter's credential: refused once the voter has a recorded ballot. */
export class ReplaceVoterCredentialCommand extends LedgerCommand<ReplaceVoterCredential, VotingEvent, VoterBallotState> {}
@CommandHandler(ReplaceVoterCredentialCommand)
export class ReplaceVoterCredentialHandler extends VoterCredentialHandler<ReplaceVoterCredentialCommand> {}

export const credentialsCommandHandlers = [
  EnrolCredentialAuthorityHandler, PublishCredentialListHandler, RecordCredentialReplacementHandler, AssignVoterCredentialHandler, ReplaceVoterCredentialHandler,
  DecideCredentialResendHandler,
];
