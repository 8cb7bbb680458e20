/**
 * Outgoing messages to voters: the ports the application uses, with adapters in this folder
 * (outbox folder for development and simulacros, HTTP SMS gateway; SMTP is a boundary only,
 * see smtp-mail-sender.ts). No `node:` import here: the domain's services depend on these types.
 */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, es-MX first, English below. */
  text: string;
  /** What the message is, for logs and the outbox reader: 'credential', 'lock-notice'… */
  kind: string;
}

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
  kind: string;
}

/** Accepted for delivery by the next hop; `messageId` identifies it there. */
export interface SendReceipt {
  messageId: string;
}

export interface MailSender {
  /** Resolves when the next hop accepted the message; rejects with MessageDeliveryError. */
  send(message: MailMessage): Promise<SendReceipt>;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<SendReceipt>;
}

export class MessageDeliveryError extends Error {
  constructor(readonly channel: 'mail' | 'sms', message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'MessageDeliveryError';
  }
}
