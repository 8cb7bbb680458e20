import { join } from 'node:path';
import { HttpSmsSender } from './http-sms-sender';
import { OutboxMailSender, OutboxSmsSender } from './outbox';
import type { MailSender, SmsSender } from './ports';
import { SmtpMailSender } from './smtp-mail-sender';

/**
 * Picks the real adapters when they are configured and the outbox folder otherwise, so a
 * development machine or a simulacro never sends anything by accident: nothing leaves the
 * machine unless URNA_SMTP_URL / URNA_SMS_URL say where to.
 *
 *   URNA_SMTP_URL set  → SmtpMailSender (needs URNA_MAIL_FROM too)
 *   URNA_SMS_URL set   → HttpSmsSender (URNA_SMS_TOKEN optional)
 *   otherwise          → outbox folder URNA_OUTBOX_DIR, default <URNA_DATA_DIR>/outbox
 *                        (URNA_DATA_DIR default `.data`, as in src/config/configuration.ts)
 */
export function mailSenderFromEnv(env: NodeJS.ProcessEnv = process.env): MailSender {
  if (env.URNA_SMTP_URL) return SmtpMailSender.fromEnv(env);
  return new OutboxMailSender(outboxDirFromEnv(env));
}

export function smsSenderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsSender {
  if (env.URNA_SMS_URL) return HttpSmsSender.fromEnv(env);
  return new OutboxSmsSender(outboxDirFromEnv(env));
}

export function outboxDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.URNA_OUTBOX_DIR || join(env.URNA_DATA_DIR || '.data', 'outbox');
}
