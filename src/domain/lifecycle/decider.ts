import type { Decider } from '../shared/decider';
import type { LifecycleCommand } from './commands';
import { decideLifecycle } from './decide';
import type { LifecycleEvent } from './events';
import { evolveLifecycle } from './evolve';
import { initialLifecycleState, type LifecycleState } from './state';

export const lifecycleDecider: Decider<LifecycleCommand, LifecycleEvent, LifecycleState> = {
  decide: decideLifecycle,
  evolve: evolveLifecycle,
  initialState: initialLifecycleState,
};

export const lifecycleStream = (electionId: string) => `lifecycle-${electionId}`;
