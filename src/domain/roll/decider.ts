import type { Decider } from '../shared/decider';
import type { RollCommand } from './commands';
import { decideRoll } from './decide';
import type { RollEvent } from './events';
import { evolveRoll } from './evolve';
import { initialRollState, type RollState } from './state';

export const rollDecider: Decider<RollCommand, RollEvent, RollState> = {
  decide: decideRoll,
  evolve: evolveRoll,
  initialState: initialRollState,
};

/** The public roll of one election. */
export const rollStream = (electionId: string) => `roll-${electionId}`;
/** A voter's sealed stream: registration, credentials and authentication. */
export const voterStream = (electionId: string, pseudonym: string) => `voter-${electionId}-${pseudonym}`;
