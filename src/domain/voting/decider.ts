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

/**
 * The voter's sealed ballot stream: BallotCastByVoter and BallotSpoiledByVoter, both facts of
 * one voter on one stream, so its revision guards "cast or spoiled, never both", "one ballot
 * per voter" and the audit limit under any race. Sealed: its name, and so the pseudonym, is
 * only inside each leaf's commitment. Apart from the authentication stream, so that sign-in
 * traffic never contends with casting.
 */
export const voterBallotsStream = (electionId: string, pseudonym: string) => `voter-ballots-${electionId}-${pseudonym}`;
/** The public cast ballot: one BallotCast, at revision 0, per pseudonym. */
export const ballotStream = (electionId: string, pseudonym: string) => `ballot-${electionId}-${pseudonym}`;
/** A published spoiled ballot: one BallotSpoiled, at revision 0, per tracking code; no voter in it. */
export const spoiledBallotStream = (electionId: string, trackingCode: string) => `spoiled-${electionId}-${trackingCode}`;
/** Prefix of every spoiled-ballot stream of the election. */
export const spoiledStream = (electionId: string) => `spoiled-${electionId}`;
/** The actor of a published spoiled ballot: the audit service, never the voter. */
export const SPOILED_BALLOT_ACTOR = 'system:benaloh';
