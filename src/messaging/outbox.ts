import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailMessage, MailSender, SendReceipt, SmsMessage, SmsSender } from './ports';

/**
 * Development and simulacro adapters: every message becomes one JSON file in an outbox folder
 * instead of leaving the machine. Tests and the simulacro "receive" passwords and codes by
 * reading the folder (readOutbox). File names sort in sending order.
 */
export interface OutboxEntry {
  id: string;
  channel: 'mail' | 'sms';
  to: string;
  subject?: string;
  text: string;
  kind: string;
  sentAt: string;
}

let sequence = 0;
/** Folders this process has made: a simulacro writes thousands of messages, each paid a mkdir. */
const made = new Set<string>();

/** Synchronous (see below); a failure rejects the sender's `send`, which calls it. */
function writeEntry(dir: string, entry: OutboxEntry): void {
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const seq = String(++sequence).padStart(8, '0');
  const name = `${entry.sentAt.replace(/[:.]/g, '')}-${process.pid}-${seq}-${entry.channel}-${entry.id}.json`;
  const tmp = join(dir, `.${name}.tmp`);
  const text = JSON.stringify(entry, null, 2) + '\n';
  // Write then rename: a reader never sees half a message. Synchronously: a message is a few
  // hundred bytes, and each of the four asynchronous steps (open, write, close, rename) woke a
  // thread of the pool that, on two loaded cores, took the service's thread's turn.
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // The folder was removed after this process made it: make it again.
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text, { mode: 0o600 });
  }
  renameSync(tmp, join(dir, name));
}

export class OutboxMailSender implements MailSender {
  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}
  async send(message: MailMessage): Promise<SendReceipt> {
    const id = randomUUID();
    writeEntry(this.dir, { id, channel: 'mail', to: message.to, subject: message.subject, text: message.text, kind: message.kind, sentAt: this.now().toISOString() });
    return { messageId: id };
  }
}

export class OutboxSmsSender implements SmsSender {
  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}
  async send(message: SmsMessage): Promise<SendReceipt> {
    const id = randomUUID();
    writeEntry(this.dir, { id, channel: 'sms', to: message.to, text: message.text, kind: message.kind, sentAt: this.now().toISOString() });
    return { messageId: id };
  }
}

/** Every message in the outbox, oldest first, optionally only those to one address or number. */
export async function readOutbox(dir: string, filter: { channel?: 'mail' | 'sms'; to?: string } = {}): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = await Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as OutboxEntry));
  return entries.filter((e) => (filter.channel === undefined || e.channel === filter.channel) && (filter.to === undefined || e.to === filter.to));
}
