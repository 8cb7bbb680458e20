export type LifecyclePhase = 'not-opened' | 'opened' | 'voting' | 'closed' | 'exported';

export interface LifecycleState {
  phase: LifecyclePhase;
  electionId?: string;
  publicKey?: string;
  manifestHash?: string;
  votingOpensAt?: string;
  votingClosesAt?: string;
  startedAt?: string;
  closedAt?: string;
  ballotBoxHash?: string;
}

export const initialLifecycleState = (): LifecycleState => ({ phase: 'not-opened' });

/** Whether a ballot may be accepted at `now` (ISO instant). */
export function isVotingOpenAt(state: LifecycleState, now: string): boolean {
  return state.phase === 'voting' && Date.parse(now) < Date.parse(state.votingClosesAt ?? '');
}
