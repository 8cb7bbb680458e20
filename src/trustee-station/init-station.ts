import { signingKeyFingerprint } from '../domain/ceremony/trustee-signature';
import { ENROLMENT_FORMAT, STATION_FORMAT, type Enrolment, type StationFolder } from './station-folder';
import type { StationToken } from './station-token';

/**
 * A trustee's first step, on their own machine: the election's signing key is generated inside
 * their token (or found, when run again), and the station folder records which election, token
 * and key it serves. `enrolment.json` — the token's serial, the public key and its fingerprint —
 * is what the trustee hands the officials to be enrolled; the fingerprint is printed again on
 * the opening report beside the trustee's name, for the trustee to compare.
 */
export function initStation(folder: StationFolder, token: StationToken, electionId: string, service?: string): Enrolment & { created: boolean } {
  const { signingKey, tokenSerial, created } = token.signingKey(electionId, true);
  const enrolment: Enrolment = { format: ENROLMENT_FORMAT, electionId, tokenSerial, signingKey, fingerprint: signingKeyFingerprint(signingKey) };
  folder.create({ format: STATION_FORMAT, electionId, tokenLabel: token.tokenLabel, tokenSerial, signingKey, ...(service ? { service } : {}) }, enrolment);
  return { ...enrolment, created };
}
