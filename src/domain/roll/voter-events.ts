import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';
import type { VoterRecord } from './voter-record';

/**
 * A voter's SEALED stream, `voter-<electionId>-<pseudonym>`, starts with the registration:
 * the only place where a pseudonym meets a person. The ledger keeps these events' content
 * private; the transparency log holds only a salted commitment to each.
 */
export type VoterRegistered = DomainEvent<'VoterRegistered', {
  electionId: string;
  pseudonym: string;
  voter: VoterRecord;
  rollVersion: number;
  registeredAt: string;
}>;

export type VoterRemovedFromRoll = DomainEvent<'VoterRemovedFromRoll', {
  electionId: string;
  pseudonym: string;
  reason: string;
  rollVersion: number;
  removedAt: string;
}>;

export type VoterRollEvent = VoterRegistered | VoterRemovedFromRoll;

export const voterRollEvents: EventTypeEntry[] = [
  { type: 'VoterRegistered', versions: [1], visibility: 'sealed', description: 'A voter of the roll and the pseudonym drawn for them (personal data, sealed).' },
  { type: 'VoterRemovedFromRoll', versions: [1], visibility: 'sealed', description: 'A voter was taken off the roll by an amendment before opening (sealed).' },
];
