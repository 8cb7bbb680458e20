import type { CeremonyState } from './state';

/**
 * The ceremony as a trustee station (or anyone) may see it: the folded state with every sealed
 * record left out (`sealedSecrets` empty, each share's `sealed` empty), so that what the service
 * hands out over HTTP or in a file holds nothing it keeps sealed. The phase and progress
 * functions work on it unchanged (they count shares, never open them).
 */
export const CEREMONY_VIEW_FORMAT = 'urna.ceremony-view/1';

export interface CeremonyView {
  format: typeof CEREMONY_VIEW_FORMAT;
  electionId: string;
  state: CeremonyState;
}

export function ceremonyView(electionId: string, state: CeremonyState): CeremonyView {
  const shares = Object.fromEntries(Object.entries(state.shares).map(([j, s]) => [j, { verificationKey: s.verificationKey, tokenSerial: s.tokenSerial, sealed: {} }]));
  return { format: CEREMONY_VIEW_FORMAT, electionId, state: { ...state, sealedSecrets: {}, shares } };
}
