import type { VotingEvent } from './events';
import type { VoterBallotState } from './state';

export function evolveVoting(state: VoterBallotState, event: VotingEvent): VoterBallotState {
  switch (event.type) {
    case 'BallotCastByVoter':
      return { ...state, cast: true, trackingCode: event.data.trackingCode, castAt: event.data.castAt };
    case 'BallotSpoiledByVoter':
      return {
        ...state,
        spoiled: state.spoiled + 1,
        spoiledTrackingCodes: [...state.spoiledTrackingCodes, event.data.trackingCode],
        spoiledCiphertexts: [...state.spoiledCiphertexts, ...event.data.ciphertexts],
      };
    case 'BallotCast':
      return { ...state, published: true, cast: true, trackingCode: event.data.trackingCode, castAt: event.data.castAt };
    case 'BallotSpoiled':
      return { ...state, published: true };
    case 'VoterCredentialAssigned':
      return { ...state, credential: event.data.credential };
    case 'VoterCredentialReplaced':
      return { ...state, credential: event.data.replacement, revokedCredentials: [...state.revokedCredentials, event.data.revoked] };
    default:
      return state;
  }
}
