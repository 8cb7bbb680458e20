/**
 * Counts small enough to come close to naming a voter (issue 16 §2): in a country with one or
 * two registered voters abroad, "byCountry: {NZL: 1}" in a report that every party, observer
 * and auditor reads says that this one person voted, or that their credential e-mail bounced.
 * So a place whose count is at least 1 and below SMALL_COUNT_THRESHOLD is not shown under its
 * own code: its counts are added into one place, OTHER_PLACES, instead. Totals are unchanged
 * (every ballot and delivery is still counted once), and which places were merged is not said.
 * docs/spec/monitoring.md §6.1 states the rule; operation reports and GET /api/monitoring/deliveries
 * apply it.
 */
import type { DeliveryCounts, OperationFacts, PlaceCounts } from './operation-facts';

/** Smallest count shown under a place's own code; below (and above 0) it is merged. */
export const SMALL_COUNT_THRESHOLD = 5;
/** The key of the merged small places. Never an entity code (two digits) nor a country code (three letters). */
export const OTHER_PLACES = 'other';

function merge<T>(places: Record<string, T>, size: (v: T) => number, add: (a: T | undefined, b: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  let other: T | undefined;
  for (const [place, value] of Object.entries(places)) {
    const n = size(value);
    if (n > 0 && n < SMALL_COUNT_THRESHOLD) other = add(other, value);
    else out[place] = add(out[place], value);
  }
  if (other !== undefined) out[OTHER_PLACES] = add(out[OTHER_PLACES], other);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Turnout by place with the small places merged. */
export function mergeSmallTurnout(places: Record<string, number>): Record<string, number> {
  return merge(places, (n) => n, (a, b) => (a ?? 0) + b);
}

/** Deliveries by place with the small places merged (small: sent + failed below the threshold). */
export function mergeSmallDeliveries(places: Record<string, DeliveryCounts>): Record<string, DeliveryCounts> {
  return merge(places, (c) => c.sent + c.failed, (a, b) => ({ sent: (a?.sent ?? 0) + b.sent, failed: (a?.failed ?? 0) + b.failed }));
}

function deliveryCounts<T extends DeliveryCounts & PlaceCounts<DeliveryCounts>>(c: T): T {
  return { ...c, byEntity: mergeSmallDeliveries(c.byEntity), byCountry: mergeSmallDeliveries(c.byCountry) };
}

/** The delivery status with small places merged. */
export function withoutSmallDeliveryPlaces<T extends { credentials: DeliveryCounts & PlaceCounts<DeliveryCounts>; codes: DeliveryCounts & PlaceCounts<DeliveryCounts> }>(d: T): T {
  return { ...d, credentials: deliveryCounts(d.credentials), codes: deliveryCounts(d.codes) };
}

/** A report's facts with small places merged, in turnout and in deliveries. */
export function withoutSmallPlaces(facts: OperationFacts): OperationFacts {
  return {
    ...facts,
    turnout: { ...facts.turnout, byEntity: mergeSmallTurnout(facts.turnout.byEntity), byCountry: mergeSmallTurnout(facts.turnout.byCountry) },
    deliveries: withoutSmallDeliveryPlaces(facts.deliveries),
  };
}
