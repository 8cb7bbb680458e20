import type { Decider } from '../shared/decider';
import type { VotingCommand } from './commands';
import { decideVoting } from './decide';
import type { VotingEvent } from './events';
import { evolveVoting } from './evolve';
import { initialVoterBallotState, type VoterBallotState } from './state';

export const votingDecider: Decider<VotingCommand, VotingEvent, VoterBallotState> = {
  decide: decideVoting,
  evolve: evolveVoting,
  initialState: initialVoterBallotState,
};

/** The stream that holds a voter's ballot; its revision guards "one ballot per voter". */
export const ballotStream = (electionId: string, pseudonym: string) => `ballot-${electionId}-${pseudonym}`;
/** Spoiled ballots are published in their own stream, so they never touch the voter's. */
export const spoiledStream = (electionId: string) => `spoiled-${electionId}`;
