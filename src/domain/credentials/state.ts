/** The public credential list as its stream says it. */
export interface CredentialsState {
  authorityKey?: string;
  list?: { listHash: string; count: number; rollCommitment: string };
  /** Every credential ever listed (the list, then each replacement). */
  listed: Set<string>;
  revoked: Set<string>;
  replacements: number;
}

export const initialCredentialsState = (): CredentialsState => ({ listed: new Set(), revoked: new Set(), replacements: 0 });

/** Where a credential stands: on the list and usable, revoked, or never listed. */
export type CredentialStatus = 'active' | 'revoked' | 'unlisted';

export function credentialStatus(state: Pick<CredentialsState, 'listed' | 'revoked'>, credential: string): CredentialStatus {
  if (state.revoked.has(credential)) return 'revoked';
  return state.listed.has(credential) ? 'active' : 'unlisted';
}
