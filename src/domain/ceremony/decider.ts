import type { Decider } from '../shared/decider';
import type { CeremonyCommand } from './commands';
import { decideCeremony } from './decide';
import type { CeremonyEvent } from './events';
import { evolveCeremony } from './evolve';
import { initialCeremonyState, type CeremonyState } from './state';

/** The key ceremony as a decider over stream `ceremony-<electionId>` (events.ts). */
export const ceremonyDecider: Decider<CeremonyCommand, CeremonyEvent, CeremonyState> = {
  decide: decideCeremony,
  evolve: evolveCeremony,
  initialState: initialCeremonyState,
};

export { ceremonyStream } from './events';
