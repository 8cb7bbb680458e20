import { joinBoth, pair } from '../messages/catalog';
import { voterMessages } from '../messages/voter-messages.messages';
import { MessageDeliveryError, type SendReceipt, type SmsMessage, type SmsSender } from './ports';

/**
 * SMS through a provider's HTTP gateway: POST {to, text} as JSON to a configured URL, with a
 * bearer token when one is configured. Any 2xx is acceptance; the provider's message id is
 * read from the JSON body's `id` or `messageId` (or the `x-message-id` header). Configure
 * with URNA_SMS_URL and URNA_SMS_TOKEN (fromEnv). Providers with another body shape get a
 * thin adapter of their own.
 */
export interface HttpSmsSenderOptions {
  url: string;
  token?: string;
  /** Default 10 s. */
  timeoutMs?: number;
}

export class HttpSmsSender implements SmsSender {
  constructor(private readonly options: HttpSmsSenderOptions) {
    new URL(options.url); // fails early on a malformed URL
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): HttpSmsSender {
    const url = env.URNA_SMS_URL;
    if (!url) throw new Error(joinBoth(pair(voterMessages, 'config.smsUrlMissing'), 'en'));
    return new HttpSmsSender({ url, token: env.URNA_SMS_TOKEN || undefined });
  }

  async send(message: SmsMessage): Promise<SendReceipt> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new MessageDeliveryError('sms', `SMS gateway unreachable: ${(err as Error).message}`, err);
    }
    const body = await response.text();
    if (!response.ok) throw new MessageDeliveryError('sms', `SMS gateway answered ${response.status}: ${body.slice(0, 200)}`);
    let id: unknown;
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      id = parsed.id ?? parsed.messageId;
    } catch {
      id = undefined;
    }
    id ??= response.headers.get('x-message-id');
    if (typeof id !== 'string' && typeof id !== 'number') throw new MessageDeliveryError('sms', 'SMS gateway accepted the message but returned no message id');
    return { messageId: String(id) };
  }
}
