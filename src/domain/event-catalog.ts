/**
 * The event catalog: every event type the ledger accepts, with its current schema
 * version and its visibility. A type is added here once and never changes meaning;
 * a change of shape is a new version. Each phase folder exports its own entries.
 */
import type { Visibility } from '../ledger/event-store';
import { lifecycleEvents } from './lifecycle/events';
import { ceremonyEvents } from './ceremony/events';
import { votingEvents } from './voting/events';
import { rollEvents } from './roll/events';
import { voterRollEvents } from './roll/voter-events';
import { authenticationEvents } from './authentication/events';
import { configurationEventEntries } from './configuration/configuration-event-catalog';
import { openingEvents } from './opening/events';
import { tallyEvents } from './tally/events';
import { credentialsEvents } from './credentials/events';
import { credentialResendEvents } from './credentials/resend-events';
import { monitoringEvents } from './monitoring/events';

export interface EventTypeEntry {
  type: string;
  /** Every version ever published for this type (the newest is written). */
  versions: number[];
  visibility: Visibility;
  /** One line, for the bulletin board and the record spec. */
  description: string;
}

const entries: EventTypeEntry[] = [
  // Phase folders add their entries here, e.g. ...configurationEvents.
  ...lifecycleEvents,
  ...ceremonyEvents,
  ...votingEvents,
  ...rollEvents,
  ...voterRollEvents,
  ...authenticationEvents,
  ...configurationEventEntries,
  ...openingEvents,
  ...tallyEvents,
  ...credentialsEvents,
  ...credentialResendEvents,
  ...monitoringEvents,
];

const byType = new Map(entries.map((e) => [e.type, e]));

export const eventCatalog = {
  entries: (): readonly EventTypeEntry[] => entries,
  get: (type: string): EventTypeEntry | undefined => byType.get(type),
  isKnown: (type: string, version: number): boolean => byType.get(type)?.versions.includes(version) ?? false,
};

/** For tests and adapters that must accept a wider set (the contract suite registers its own). */
export function registerEventTypes(extra: EventTypeEntry[]): void {
  for (const e of extra) {
    if (!byType.has(e.type)) {
      entries.push(e);
      byType.set(e.type, e);
    }
  }
}
