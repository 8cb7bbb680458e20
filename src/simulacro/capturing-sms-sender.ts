import { codeFromSms } from '../messaging/voter-messages';
import type { SendReceipt, SmsMessage, SmsSender } from '../messaging/ports';

/**
 * The synthetic voters' "phones": every SMS still goes to the real sender (the outbox, for the
 * record), and its one-time code is also handed to the voter waiting on that number. Reading
 * thousands of outbox files per code would make a large simulacro quadratic.
 */
export class CapturingSmsSender implements SmsSender {
  private readonly codes = new Map<string, string[]>();
  private readonly waiting = new Map<string, ((code: string) => void)[]>();
  /** Phones a person holds (--keep-open): their codes are shown, not queued for a synthetic voter. */
  private readonly shown = new Map<string, (code: string) => void>();

  constructor(private readonly inner: SmsSender) {}

  async send(message: SmsMessage): Promise<SendReceipt> {
    const receipt = await this.inner.send(message);
    const code = codeFromSms(message.text);
    const show = this.shown.get(message.to);
    if (code && show) show(code);
    else if (code) {
      const waiter = this.waiting.get(message.to)?.shift();
      if (waiter) waiter(code);
      else this.codes.set(message.to, [...(this.codes.get(message.to) ?? []), code]);
    }
    return receipt;
  }

  /** Every code later sent to `phone` goes to `show` (a person reading the console votes with it). */
  showCodes(phone: string, show: (code: string) => void): void {
    this.shown.set(phone, show);
  }

  /** The next code sent to `phone` (already received, or the next to arrive). */
  nextCode(phone: string, timeoutMs = 30_000): Promise<string> {
    const queued = this.codes.get(phone);
    if (queued && queued.length > 0) return Promise.resolve(queued.shift()!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SMS code reached ${phone} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(phone) ?? [];
      list.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
      this.waiting.set(phone, list);
    });
  }
}
