import type { LifecycleEvent } from './events';
import type { LifecycleState } from './state';

export function evolveLifecycle(state: LifecycleState, event: LifecycleEvent): LifecycleState {
  switch (event.type) {
    case 'ElectionOpened':
      return {
        ...state,
        phase: 'opened',
        electionId: event.data.electionId,
        publicKey: event.data.publicKey,
        manifestHash: event.data.manifestHash,
        votingOpensAt: event.data.votingOpensAt,
        votingClosesAt: event.data.votingClosesAt,
      };
    case 'VotingStarted':
      return { ...state, phase: 'voting', startedAt: event.data.at };
    case 'VotingClosed':
      return { ...state, phase: 'closed', closedAt: event.data.at };
    case 'BallotBoxExported':
      return { ...state, phase: 'exported', ballotBoxHash: event.data.sha256 };
    default:
      return state;
  }
}
