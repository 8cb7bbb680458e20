/** What the trustee API needs to know: the election it serves by default (URNA_ELECTION_ID). */
export const TRUSTEE_API_OPTIONS = Symbol('TRUSTEE_API_OPTIONS');

export interface TrusteeApiOptions {
  electionId?: string;
}
