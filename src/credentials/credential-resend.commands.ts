/**
 * Password re-sends as a command (src/domain/credentials/resend-decider.ts): every ask and every
 * outcome, the voter's and the official's alike, is judged on `credential-resends-<id>`.
 */
import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../command-path/ledger-command';
import { LedgerCommandHandler } from '../command-path/ledger-command-handler';
import { credentialResendDecider, type CredentialResendCommand, type CredentialResendState } from '../domain/credentials/resend-decider';
import { credentialResendsStream, type CredentialResendEvent } from '../domain/credentials/resend-events';

export class DecideCredentialResendCommand extends LedgerCommand<CredentialResendCommand, CredentialResendEvent, CredentialResendState> {}
@CommandHandler(DecideCredentialResendCommand)
export class DecideCredentialResendHandler extends LedgerCommandHandler<DecideCredentialResendCommand, CredentialResendCommand, CredentialResendEvent, CredentialResendState> {
  protected readonly decider = credentialResendDecider;
  protected streamOf(command: DecideCredentialResendCommand): string {
    return credentialResendsStream(command.electionId);
  }
}
