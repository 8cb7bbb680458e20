import type { Decider } from '../shared/decider';
import type { TallyCommand } from './commands';
import { decideTally } from './decide';
import type { TallyEvent } from './events';
import { evolveTally, initialTallyState, type TallyState } from './state';

export const tallyDecider: Decider<TallyCommand, TallyEvent, TallyState> = {
  decide: decideTally,
  evolve: evolveTally,
  initialState: initialTallyState,
};

export { tallyStream, tallyOptionId } from './events';
