/**
 * What the e-mail and SMS gateways did, counted where messages are sent (the senders are wrapped
 * once, in app.module.ts): per channel, messages accepted and refused, the last success and
 * failure, and the error rate over the last 100 attempts. The monitoring page shows it (a gateway
 * that stopped delivering is the top complaint of Helios and Belenios users) and /metrics exports
 * the totals. In memory: a restart starts the counts again, the ledger keeps each voter's
 * delivery outcome for good.
 */
import { Counter, type Registry } from 'prom-client';
import type { MailMessage, MailSender, SendReceipt, SmsMessage, SmsSender } from '../messaging/ports';

export type Channel = 'mail' | 'sms';
const WINDOW = 100;

export interface ChannelStatistics {
  sent: number;
  failed: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  /** Failures among the last (up to) 100 attempts, 0–1; undefined before the first. */
  recentErrorRate?: number;
}

export class DeliveryStatistics {
  private readonly channels: Record<Channel, { sent: number; failed: number; lastSuccessAt?: string; lastFailureAt?: string; lastError?: string; recent: boolean[] }> = {
    mail: { sent: 0, failed: 0, recent: [] },
    sms: { sent: 0, failed: 0, recent: [] },
  };
  private readonly counters: Counter<'channel' | 'kind' | 'outcome'>[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Exports `urna_messages_total{channel,kind,outcome}` on a /metrics registry. */
  register(registry: Registry): void {
    if (registry.getSingleMetric('urna_messages_total')) return;
    this.counters.push(new Counter({
      name: 'urna_messages_total',
      help: 'Messages handed to the e-mail or SMS gateway, by kind and outcome (accepted or failed)',
      labelNames: ['channel', 'kind', 'outcome'] as const,
      registers: [registry],
    }));
  }

  record(channel: Channel, kind: string, error?: unknown): void {
    const c = this.channels[channel];
    const at = this.now().toISOString();
    if (error === undefined) {
      c.sent += 1;
      c.lastSuccessAt = at;
    } else {
      c.failed += 1;
      c.lastFailureAt = at;
      c.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    }
    c.recent.push(error !== undefined);
    if (c.recent.length > WINDOW) c.recent.shift();
    for (const counter of this.counters) counter.inc({ channel, kind, outcome: error === undefined ? 'accepted' : 'failed' });
  }

  of(channel: Channel): ChannelStatistics {
    const { recent, ...c } = this.channels[channel];
    return { ...c, ...(recent.length > 0 ? { recentErrorRate: recent.filter(Boolean).length / recent.length } : {}) };
  }

  mail(sender: MailSender): MailSender {
    return { send: (m: MailMessage) => this.counted('mail', m.kind, () => sender.send(m)) };
  }

  sms(sender: SmsSender): SmsSender {
    return { send: (m: SmsMessage) => this.counted('sms', m.kind, () => sender.send(m)) };
  }

  private async counted(channel: Channel, kind: string, send: () => Promise<SendReceipt>): Promise<SendReceipt> {
    try {
      const receipt = await send();
      this.record(channel, kind);
      return receipt;
    } catch (err) {
      this.record(channel, kind, err);
      throw err;
    }
  }
}
