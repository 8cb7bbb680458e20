import { isElectionIdParam } from '../http/election-id-param';
import { pair } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { TrusteeApiError } from './trustee-api-errors';

/** What the trustee API needs to know: the election it serves by default (URNA_ELECTION_ID). */
export const TRUSTEE_API_OPTIONS = Symbol('TRUSTEE_API_OPTIONS');

export interface TrusteeApiOptions {
  electionId?: string;
}

/** The election a trustee request is about: the one it names, else the API's default. */
export function trusteeElectionId(requested: unknown, options: TrusteeApiOptions): string {
  const id = requested !== undefined && requested !== '' ? requested : options.electionId;
  if (!isElectionIdParam(id)) throw new TrusteeApiError(400, 'NO_ELECTION', pair(trusteeStationMessages, 'trusteeApi.noElection'));
  return id;
}
