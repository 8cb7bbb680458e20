/** Voter authentication's commands (numerals 23-25; docs/spec/roll-and-authentication.md), each on the voter's sealed stream. */
import { CommandHandler } from '@nestjs/cqrs';
import type {
  EndSession, RecordCodeDelivery, RecordCredentialDelivery, RequestCastCode, ResendCredential, SubmitPassword, VerifyOneTimeCode,
} from '../domain/authentication/commands';
import {
  loginAttemptDecider, loginAttemptStream, loginChallengeDecider, loginChallengeStream,
  type IssueLoginChallenge, type LoginAttemptState, type LoginChallengeState, type RecordUnknownUsername,
} from '../domain/authentication/login-attempt';
import type { LoginChallengeIssued, LoginFailed } from '../domain/authentication/events';
import { LedgerCommand, type CommandContext } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';
import { VoterStreamHandler, VoterStreamLedgerCommand } from './voter-stream.command';

export class SubmitPasswordCommand extends VoterStreamLedgerCommand<SubmitPassword> {}
@CommandHandler(SubmitPasswordCommand)
export class SubmitPasswordHandler extends VoterStreamHandler<SubmitPasswordCommand> {}

export class VerifyOneTimeCodeCommand extends VoterStreamLedgerCommand<VerifyOneTimeCode> {}
@CommandHandler(VerifyOneTimeCodeCommand)
export class VerifyOneTimeCodeHandler extends VoterStreamHandler<VerifyOneTimeCodeCommand> {}

export class RequestCastCodeCommand extends VoterStreamLedgerCommand<RequestCastCode> {}
@CommandHandler(RequestCastCodeCommand)
export class RequestCastCodeHandler extends VoterStreamHandler<RequestCastCodeCommand> {}

export class EndSessionCommand extends VoterStreamLedgerCommand<EndSession> {}
@CommandHandler(EndSessionCommand)
export class EndSessionHandler extends VoterStreamHandler<EndSessionCommand> {}

export class ResendCredentialCommand extends VoterStreamLedgerCommand<ResendCredential> {}
@CommandHandler(ResendCredentialCommand)
export class ResendCredentialHandler extends VoterStreamHandler<ResendCredentialCommand> {}

export class RecordCredentialDeliveryCommand extends VoterStreamLedgerCommand<RecordCredentialDelivery> {}
@CommandHandler(RecordCredentialDeliveryCommand)
export class RecordCredentialDeliveryHandler extends VoterStreamHandler<RecordCredentialDeliveryCommand> {}

export class RecordCodeDeliveryCommand extends VoterStreamLedgerCommand<RecordCodeDelivery> {}
@CommandHandler(RecordCodeDeliveryCommand)
export class RecordCodeDeliveryHandler extends VoterStreamHandler<RecordCodeDeliveryCommand> {}

/** A typed username that names nobody: one sealed LoginFailed in a fresh stream of its own
 * (`login-attempt-<electionId>-<attemptId>`), the same public trace as a wrong password. */
export class RecordUnknownUsernameCommand extends LedgerCommand<RecordUnknownUsername, LoginFailed, LoginAttemptState> {
  constructor(electionId: string, readonly attemptId: string, decision: RecordUnknownUsername, context: CommandContext) {
    super(electionId, decision, context);
  }
}
@CommandHandler(RecordUnknownUsernameCommand)
export class RecordUnknownUsernameHandler extends LedgerCommandHandler<RecordUnknownUsernameCommand, RecordUnknownUsername, LoginFailed, LoginAttemptState> {
  protected readonly decider = loginAttemptDecider;
  protected override readonly maxAttempts: number = 1;
  protected streamOf(command: RecordUnknownUsernameCommand): string {
    return loginAttemptStream(command.electionId, command.attemptId);
  }
}

/** The opaque login challenge id → the voter, in a sealed stream named by the id. */
export class IssueLoginChallengeCommand extends LedgerCommand<IssueLoginChallenge, LoginChallengeIssued, LoginChallengeState> {}
@CommandHandler(IssueLoginChallengeCommand)
export class IssueLoginChallengeHandler extends LedgerCommandHandler<IssueLoginChallengeCommand, IssueLoginChallenge, LoginChallengeIssued, LoginChallengeState> {
  protected readonly decider = loginChallengeDecider;
  protected override readonly maxAttempts: number = 1;
  protected streamOf(command: IssueLoginChallengeCommand): string {
    return loginChallengeStream(command.electionId, command.decision.codeId);
  }
}

export const authenticationCommandHandlers = [
  SubmitPasswordHandler, VerifyOneTimeCodeHandler, RequestCastCodeHandler, EndSessionHandler,
  ResendCredentialHandler, RecordCredentialDeliveryHandler, RecordCodeDeliveryHandler,
  RecordUnknownUsernameHandler, IssueLoginChallengeHandler,
];
