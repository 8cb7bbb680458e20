/**
 * Which ratifications the opening still waits for. Every contest must be ratified by whoever
 * answers for it, against the current manifest: the federal contests once by the national
 * authority, and each entity's local contests by its OPL. Opening is refused while this is
 * not empty.
 */
import { ConfigurationRefusedError } from './configuration-errors';
import { isConfigured, ratificationKey, type ConfigurationState } from './state';
import { domainText } from '../shared/domain-text';

export interface RatificationUnit {
  scope: 'federal' | 'local';
  /** null for the federal unit. */
  entity: string | null;
  /** Contest instance ids it covers. */
  contests: string[];
}

/** Every unit that must be ratified for the current manifest, federal first, then by entity. */
export function requiredRatifications(state: ConfigurationState): RatificationUnit[] {
  const federal = state.contestIndex.filter((c) => c.scope === 'federal').map((c) => c.id);
  const units: RatificationUnit[] = federal.length > 0 ? [{ scope: 'federal', entity: null, contests: federal }] : [];
  const localByEntity = new Map<string, string[]>();
  for (const c of state.contestIndex) {
    if (c.scope !== 'local' || c.entity === null) continue;
    localByEntity.set(c.entity, [...(localByEntity.get(c.entity) ?? []), c.id]);
  }
  for (const entity of [...localByEntity.keys()].sort()) units.push({ scope: 'local', entity, contests: localByEntity.get(entity) ?? [] });
  return units;
}

/** Throws ELECTION_NOT_CONFIGURED before configuration: "nothing missing" must never be
 * mistaken for "ready" when there is nothing to open. */
export function missingRatifications(state: ConfigurationState): RatificationUnit[] {
  if (!isConfigured(state)) {
    throw new ConfigurationRefusedError('ELECTION_NOT_CONFIGURED', domainText.pair('configuration.electionNotConfigured'));
  }
  return requiredRatifications(state).filter((u) => state.ratifications[ratificationKey(u.scope, u.entity)] === undefined);
}

/** The same, as the lifecycle's OpenElection command takes it: "federal", "local:09", … */
export function missingRatificationKeys(state: ConfigurationState): string[] {
  return missingRatifications(state).map((u) => ratificationKey(u.scope, u.entity));
}
