import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import { MessageDeliveryError, type MailMessage, type MailSender, type SendReceipt } from './ports';
import { both, joinBoth, pair } from '../messages/catalog';
import { voterMessages } from '../messages/voter-messages.messages';

/**
 * Credential e-mails through an SMTP server (the institution's relay or a provider), over
 * nodemailer. One connection per message: an import sends each credential once and records
 * the outcome, so a broken connection never takes other messages down with it.
 *
 * `send` resolves once the server answered 250 after DATA, with the queue id it named
 * ("queued as X", "id=X") or, when it named none, the Message-ID header we sent. Any refusal
 * (4xx/5xx to MAIL FROM, RCPT TO or DATA), a failed login, a TLS failure, a refused or timed-out
 * connection rejects with SmtpDeliveryError (a MessageDeliveryError) whose message carries the
 * server's code and text, so CredentialDeliveryFailed tells officials what the server said.
 *
 * Configuration (see docs/spec/roll-and-authentication.md §7):
 *   URNA_SMTP_URL  smtp://user:pass@host:587 (STARTTLS when offered; add ?requireTLS=true to insist)
 *                  or smtps://user:pass@host:465 (TLS from the first byte). User and password
 *                  are percent-encoded in the URL.
 *   URNA_MAIL_FROM the sender, e.g. "Voto desde el extranjero <voto@example.mx>".
 */
export interface SmtpMailSenderOptions {
  /** smtp:// or smtps:// URL with optional user:pass@ and nodemailer options as query (e.g. ?requireTLS=true). */
  url: string;
  /** From header and envelope sender. */
  from: string;
  /** Limit for establishing the TCP (or TLS) connection. Default 10 s. */
  connectionTimeoutMs?: number;
  /** Limit for the server's 220 greeting once connected. Default 10 s. */
  greetingTimeoutMs?: number;
  /** Limit for any silence during the conversation. Default 30 s. */
  socketTimeoutMs?: number;
}

/** The SMTP failure in detail; `message` is what the application records as the reason. */
export class SmtpDeliveryError extends MessageDeliveryError {
  constructor(
    message: string,
    /** Numeric SMTP reply code (550, 421…), absent when no reply came (connection failures). */
    readonly responseCode: number | undefined,
    /** The server's reply line(s), absent when no reply came. */
    readonly response: string | undefined,
    /** The command the server was answering (RCPT TO, DATA, AUTH…), when known. */
    readonly command: string | undefined,
    cause?: unknown,
  ) {
    super('mail', message, cause);
    this.name = 'SmtpDeliveryError';
  }
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
const DEFAULT_GREETING_TIMEOUT_MS = 10_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 30_000;
/** The reason ends up in an event; keep a server's multi-line essay out of it. */
const MAX_RESPONSE_CHARS = 300;

export class SmtpMailSender implements MailSender {
  private readonly transport: ReturnType<typeof createTransport>;
  /** host:port only, for messages: the URL's password never appears in a reason or a log. */
  readonly server: string;

  constructor(private readonly options: SmtpMailSenderOptions) {
    const url = parseSmtpUrl(options.url);
    if (!options.from.trim()) throw new Error(joinBoth(pair(voterMessages, 'config.mailFromEmpty'), 'en'));
    this.server = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
    this.transport = createTransport({
      url: options.url,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      greetingTimeout: options.greetingTimeoutMs ?? DEFAULT_GREETING_TIMEOUT_MS,
      socketTimeout: options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
      dnsTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      // Our messages are plain text we built: never let a field be read as a file path or URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): SmtpMailSender {
    const url = env.URNA_SMTP_URL;
    if (!url) throw new Error(joinBoth(pair(voterMessages, 'config.smtpUrlMissing'), 'en'));
    const from = env.URNA_MAIL_FROM;
    if (!from) throw new Error(joinBoth(pair(voterMessages, 'config.mailFromMissing'), 'en'));
    return new SmtpMailSender({ url, from });
  }

  async send(message: MailMessage): Promise<SendReceipt> {
    let info: { messageId: string; response: string; serverMessageId?: string };
    try {
      info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // UTF-8 throughout (accents in both subject and body); quoted-printable keeps the
        // mostly-ASCII text readable in a raw mailbox.
        textEncoding: 'quoted-printable',
        headers: { 'X-Urna-Kind': message.kind },
      });
    } catch (err) {
      throw this.deliveryError(err);
    }
    return { messageId: queueIdFromResponse(info.response) ?? info.serverMessageId ?? info.messageId };
  }

  /** Closes idle sockets (none stay open between messages with this non-pooled transport). */
  close(): void {
    this.transport.close();
  }

  private deliveryError(err: unknown): SmtpDeliveryError {
    const e = err as NodemailerError;
    const response = e.response ? e.response.replace(/\s+/g, ' ').trim().slice(0, MAX_RESPONSE_CHARS) : undefined;
    const command = e.command?.replace(/^AUTH .*/i, 'AUTH'); // never echo credentials
    let text: string;
    if (e.responseCode) {
      text = both(voterMessages, 'delivery.mailRefused', { server: this.server }) + (command ? ` (${command})` : '') + `: ${response ?? e.responseCode}`;
    } else if (e.code === 'ETIMEDOUT') {
      text = both(voterMessages, 'delivery.mailTimedOut', { server: this.server }) + (e.timeoutType ? ` (${e.timeoutType})` : '');
    } else {
      const detail = e.originalCode ?? e.code ?? 'error';
      text = `${both(voterMessages, 'delivery.mailUnreachable', { server: this.server })}: ${detail}` + (e.message ? ` ${redact(e.message, this.options.url)}`.slice(0, MAX_RESPONSE_CHARS) : '');
    }
    return new SmtpDeliveryError(text, e.responseCode || undefined, response, command, err);
  }
}

/** Validates the URL early (start-up, not the first voter's e-mail). */
function parseSmtpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(joinBoth(pair(voterMessages, 'config.smtpUrlInvalid'), 'en'));
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(joinBoth(pair(voterMessages, 'config.smtpUrlScheme', { protocol: url.protocol }), 'en'));
  if (!url.hostname) throw new Error(joinBoth(pair(voterMessages, 'config.smtpUrlNoHost'), 'en'));
  return url;
}

/**
 * The id the server gave the queued message, from its final 250 reply: Postfix and most
 * relays say "queued as <id>", Exim says "id=<id>". Others name none (the caller falls back).
 */
export function queueIdFromResponse(response: string | undefined): string | undefined {
  if (!response) return undefined;
  const m = /queued as\s+<?([^\s>]+)>?/i.exec(response) ?? /\bid=<?([^\s>]+)>?/i.exec(response);
  return m?.[1];
}

function redact(text: string, url: string): string {
  const password = safePassword(url);
  return password ? text.split(password).join('***') : text;
}

function safePassword(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
