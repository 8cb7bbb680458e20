import type { Decider } from '../shared/decider';
import type { VoterAccessCommand } from './commands';
import { decideVoterAccess } from './decide';
import type { VoterStreamEvent } from './events';
import { evolveVoterAccess } from './evolve';
import { initialVoterAccessState, type VoterAccessState } from './state';

/** The decider of a voter's sealed stream: registration, credentials and authentication. */
export const voterAccessDecider: Decider<VoterAccessCommand, VoterStreamEvent, VoterAccessState> = {
  decide: decideVoterAccess,
  evolve: evolveVoterAccess,
  initialState: initialVoterAccessState,
};
