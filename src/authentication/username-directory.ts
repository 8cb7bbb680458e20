/**
 * username → pseudonym, so a login can find the voter's sealed stream. Built from the sealed
 * CredentialIssued events (a private read model; rebuildable from the ledger).
 */
export interface UsernameDirectory {
  find(username: string): Promise<string | undefined>;
}

export class InMemoryUsernameDirectory implements UsernameDirectory {
  private readonly byUsername = new Map<string, string>();
  add(username: string, pseudonym: string): void {
    const existing = this.byUsername.get(username);
    if (existing !== undefined && existing !== pseudonym) throw new Error('username collision: draw another');
    this.byUsername.set(username, pseudonym);
  }
  has(username: string): boolean {
    return this.byUsername.has(username);
  }
  async find(username: string): Promise<string | undefined> {
    return this.byUsername.get(username);
  }
}
