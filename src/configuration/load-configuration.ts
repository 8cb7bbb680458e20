import { loadState } from '../command-path/stream-state';
import { configurationStreamName } from '../domain/configuration/configuration-decider';
import { configurationStreamDecider } from '../domain/opening/configuration-stream-decider';
import type { EventStore } from '../ledger/event-store';

/** The configuration stream folded (the opening's lock included), with the revision it was read at. */
export function loadConfiguration(store: EventStore, electionId: string) {
  return loadState(store, configurationStreamName(electionId), configurationStreamDecider);
}
