import type { DomainEvent } from '../shared/decider';
import type { VoterRollEvent } from './voter-events';

/**
 * Numeral 10-III: a citizen who voted by internet must not vote by another modality. Given
 * the sealed registration events (the only pseudonym → elector key link) and the pseudonyms
 * that cast a ballot (public BallotCast events, or a VoterParticipation read model), returns
 * the elector keys to exclude from the other modalities, sorted.
 *
 * A cast pseudonym with no registration is an anomaly the verifier must see, so it is returned
 * apart rather than dropped.
 */
export interface ElectronicVotersExport {
  electorKeys: string[];
  unmatchedPseudonyms: string[];
}

export function electronicVotersToExclude(
  sealedVoterEvents: Iterable<DomainEvent>,
  castPseudonyms: Iterable<string>,
): ElectronicVotersExport {
  const keyByPseudonym = new Map<string, string>();
  for (const event of sealedVoterEvents as Iterable<VoterRollEvent>) {
    // A voter removed before opening could not have cast: their registration still maps, so a
    // ballot under their pseudonym would show up here instead of being hidden.
    if (event.type === 'VoterRegistered') keyByPseudonym.set(event.data.pseudonym, event.data.voter.electorKey);
  }
  const electorKeys = new Set<string>();
  const unmatched = new Set<string>();
  for (const p of castPseudonyms) {
    const key = keyByPseudonym.get(p);
    if (key === undefined) unmatched.add(p);
    else electorKeys.add(key);
  }
  return { electorKeys: [...electorKeys].sort(), unmatchedPseudonyms: [...unmatched].sort() };
}
