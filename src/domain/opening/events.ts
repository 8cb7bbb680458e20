import type { EventTypeEntry } from '../event-catalog';
import type { DomainEvent } from '../shared/decider';

/**
 * Closes the race between a configuration change and the opening. The opening reads the
 * configuration stream at some revision, builds its report on that manifest, then appends this
 * marker to the CONFIGURATION stream with that revision as the expected revision — so an
 * amendment or ratification that slipped in makes the opening fail (and retry on fresh facts),
 * and once the marker is there every configuration command is refused (the handler folds it as
 * "opened"). ElectionOpened follows in the lifecycle stream.
 */
export type ConfigurationLockedForOpening = DomainEvent<'ConfigurationLockedForOpening', {
  electionId: string;
  configurationVersion: number;
  manifestHash: string;
  /** Revision of the configuration stream the opening's facts were read at. */
  readAtRevision: number;
  at: string;
}>;

export const openingEvents: EventTypeEntry[] = [
  { type: 'ConfigurationLockedForOpening', versions: [1], visibility: 'public', description: 'The configuration was locked for the opening: no change is accepted after it.' },
];
