import type { VotingEvent } from './events';
import type { VoterBallotState } from './state';

export function evolveVoting(state: VoterBallotState, event: VotingEvent): VoterBallotState {
  switch (event.type) {
    case 'BallotCast':
      return { ...state, cast: true, trackingCode: event.data.trackingCode, castAt: event.data.castAt };
    case 'BallotSpoiled':
      return { ...state, spoiled: state.spoiled + 1 };
    default:
      return state;
  }
}
