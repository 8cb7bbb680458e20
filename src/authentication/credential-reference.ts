import { rollStream, voterStream } from '../domain/roll/decider';
import type { EventStore } from '../ledger/event-store';

/**
 * A password hash of the election's own roll, whose parameters the dummy hash of an unknown
 * username copies (issue 11 §1.4): the roll may have been hashed at another cost than the
 * service's URNA_SCRYPT_LN (a simulacro imports at ln=10), and a dummy at the service's cost
 * made unknown usernames ten times slower than known ones.
 *
 * The reference is the first credential issued to the first voter the public roll lists
 * (`RollEntriesPublished`, chunk 0): the import's parameters, not those of a later resend.
 * Found once and kept (the roll is frozen once the election opens); while there is no roll yet
 * there is no known username either, and the hasher's own parameters serve.
 */
export class CredentialReference {
  private found: Promise<string | undefined> | undefined;

  constructor(private readonly store: EventStore, private readonly electionId: string) {}

  passwordHash(): Promise<string | undefined> {
    this.found ??= this.lookUp().then((hash) => {
      if (hash === undefined) this.found = undefined; // no roll yet: look again next time
      return hash;
    }, (err: unknown) => {
      this.found = undefined;
      throw err;
    });
    return this.found;
  }

  private async lookUp(): Promise<string | undefined> {
    for (let from = 0; ; from++) {
      const [event] = await this.store.readStream(rollStream(this.electionId), { from, limit: 1 });
      if (!event) return undefined;
      if (event.type !== 'RollEntriesPublished') continue;
      for (const { pseudonym } of ((event.data as { added?: { pseudonym: string }[] }).added ?? []).slice(0, 3)) {
        const issued = (await this.store.readStream(voterStream(this.electionId, pseudonym))).find((e) => e.type === 'CredentialIssued');
        if (issued) return (issued.data as { passwordHash: string }).passwordHash;
      }
    }
  }
}
