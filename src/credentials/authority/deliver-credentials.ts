/**
 * The credential authority's delivery: each voter's username and password in the credentials
 * e-mail (es-MX first, English below), through the authority's own mail sender (its outbox
 * folder, or its SMTP relay). The password exists only here and in the e-mail; the voting
 * service never sees it (docs/spec/credentials.md §1).
 */
import type { IssuedCredential } from '../../domain/credentials/credential-authority';
import type { MailSender } from '../../messaging/ports';
import { credentialMail } from '../../messaging/voter-messages';

export interface CredentialDelivery {
  sent: number;
  /** The voters whose e-mail the relay refused, with its reason: the authority replaces their credential. */
  failed: { pseudonym: string; reason: string }[];
}

export async function deliverCredentials(
  issued: readonly IssuedCredential[], mail: MailSender, systemUrl: string, options: { credentialNumber?: number; concurrency?: number } = {},
): Promise<CredentialDelivery> {
  const outcome: CredentialDelivery = { sent: 0, failed: [] };
  let next = 0;
  const worker = async () => {
    while (next < issued.length) {
      const voter = issued[next++];
      try {
        await mail.send(credentialMail({
          to: voter.email, name: voter.name, username: voter.username, password: voter.password, systemUrl, credentialNumber: options.credentialNumber ?? 1,
        }));
        outcome.sent++;
      } catch (err) {
        outcome.failed.push({ pseudonym: voter.pseudonym, reason: (err as Error).message.slice(0, 500) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, issued.length) }, worker));
  return outcome;
}
