/** Voter authentication's commands (numerals 23-25; docs/spec/roll-and-authentication.md), each on the voter's sealed stream. */
import { CommandHandler } from '@nestjs/cqrs';
import type {
  EndSession, RecordCodeDelivery, RecordCredentialDelivery, RequestCastCode, ResendCredential, SubmitPassword, VerifyOneTimeCode,
} from '../domain/authentication/commands';
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

export const authenticationCommandHandlers = [
  SubmitPasswordHandler, VerifyOneTimeCodeHandler, RequestCastCodeHandler, EndSessionHandler,
  ResendCredentialHandler, RecordCredentialDeliveryHandler, RecordCodeDeliveryHandler,
];
