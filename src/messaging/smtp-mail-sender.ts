/**
 * The real e-mail adapter is a boundary only for now: `nodemailer` is not installed and an
 * SMTP client of our own (STARTTLS, authentication, retries, bounces) is not worth writing.
 * An adapter implements MailSender: resolve with the server's queue id once the message is
 * accepted (250 after DATA), reject with MessageDeliveryError otherwise; the application
 * records CredentialSent or CredentialDeliveryFailed either way. Configuration it will read:
 * URNA_SMTP_URL (smtp[s]://user:pass@host:port) and URNA_MAIL_FROM.
 */
import { MessageDeliveryError, type MailMessage, type MailSender, type SendReceipt } from './ports';

export class SmtpMailSenderUnavailable implements MailSender {
  async send(_message: MailMessage): Promise<SendReceipt> {
    throw new MessageDeliveryError('mail', 'SMTP delivery is not configured in this build: use the outbox adapter (URNA_OUTBOX_DIR)');
  }
}
