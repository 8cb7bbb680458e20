import type { RollEntry } from './roll-commitment';

/**
 * Commands on the public roll. What they need from elsewhere (whether the election has been
 * opened) is gathered by the application layer and passed in as a fact, so `decide` stays pure.
 * The entries' pseudonyms were drawn by the application layer (pseudonym.ts).
 */
export interface ImportRoll {
  type: 'ImportRoll';
  electionId: string;
  entries: RollEntry[];
  electionOpened: boolean;
  now: string;
}

/** The only way to change an imported roll, and only before opening. */
export interface AmendRoll {
  type: 'AmendRoll';
  electionId: string;
  add: RollEntry[];
  /** Pseudonyms to take off the roll. */
  remove: string[];
  reason: string;
  electionOpened: boolean;
  now: string;
}

export type RollCommand = ImportRoll | AmendRoll;
