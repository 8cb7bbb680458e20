import type { DomainEvent } from '../shared/decider';
import type { EventTypeEntry } from '../event-catalog';
import type { RollEntry } from './roll-commitment';

/**
 * The public roll, stream `roll-<electionId>`: sizes, per-entity counts, the roll commitment
 * and the list of (pseudonym, entity) entries. No identity: the link from a pseudonym to a
 * person is only in the voter's sealed stream (voter-events.ts).
 *
 * The entry list is published in chunks (RollEntriesPublished) because a ledger event is at
 * most 60 KiB; a summary event (RollImported or RollAmended) comes first in the same append.
 */
export type RollImported = DomainEvent<'RollImported', {
  electionId: string;
  /** 1 for the import; each amendment adds 1. */
  rollVersion: number;
  size: number;
  /** Voters per INEGI entity code, only entities with at least one voter, keys sorted. */
  perEntity: Record<string, number>;
  /** Hex RFC 9162 tree hash over the sorted entries (roll-commitment.ts). */
  rollCommitment: string;
  /** How many RollEntriesPublished events follow for this roll version. */
  chunkCount: number;
  importedAt: string;
}>;

/** Before opening only: adds and/or removes entries; states the resulting roll in full. */
export type RollAmended = DomainEvent<'RollAmended', {
  electionId: string;
  rollVersion: number;
  reason: string;
  added: number;
  removed: number;
  size: number;
  perEntity: Record<string, number>;
  rollCommitment: string;
  previousCommitment: string;
  chunkCount: number;
  amendedAt: string;
}>;

/** One chunk of entries added to (or pseudonyms removed from) the roll by a roll version. */
export type RollEntriesPublished = DomainEvent<'RollEntriesPublished', {
  electionId: string;
  rollVersion: number;
  /** 0-based. */
  chunk: number;
  chunkCount: number;
  added: RollEntry[];
  removed: string[];
}>;

export type RollEvent = RollImported | RollAmended | RollEntriesPublished;

export const rollEvents: EventTypeEntry[] = [
  { type: 'RollImported', versions: [1], visibility: 'public', description: 'The voter roll (electronic modality) was imported: size, per-entity counts and roll commitment.' },
  { type: 'RollAmended', versions: [1], visibility: 'public', description: 'The voter roll was amended before opening; the new size, counts and commitment.' },
  { type: 'RollEntriesPublished', versions: [1], visibility: 'public', description: 'A chunk of the roll\'s public entries (pseudonym, entity of origin) added or removed.' },
];
