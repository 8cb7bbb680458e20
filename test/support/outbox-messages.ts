/** What a voter last received in a test outbox folder: the credential e-mail and the SMS code. */
import { readOutbox } from '../../src/messaging/outbox';
import { codeFromSms, credentialFromMail } from '../../src/messaging/voter-messages';

export async function latestCredential(dir: string, email: string): Promise<{ username: string; password: string }> {
  const mails = await readOutbox(dir, { channel: 'mail', to: email });
  return credentialFromMail(mails[mails.length - 1].text)!;
}

export async function latestCode(dir: string, phone: string): Promise<string> {
  const sms = await readOutbox(dir, { channel: 'sms', to: phone });
  return codeFromSms(sms[sms.length - 1].text)!;
}
