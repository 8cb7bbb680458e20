import { eventCatalog } from '../domain/event-catalog';
import { DomainError, type Decider, type DomainEvent } from '../domain/shared/decider';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../ledger/event-store';

/** A decided event as the ledger takes it: version and visibility from the event catalog. */
export function toNewEvent(event: DomainEvent, metadata: EventMetadata): NewEvent {
  const entry = eventCatalog.get(event.type);
  if (!entry) throw new DomainError('UNKNOWN_EVENT_TYPE', `event type "${event.type}" is not in the event catalog`);
  return {
    type: event.type,
    version: entry.versions[entry.versions.length - 1],
    data: event.data,
    metadata,
    visibility: entry.visibility,
  };
}

export function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data } as E;
}

/** A stream folded into its decider's state, with the revision it was read at (-1: no stream). */
export async function loadState<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
): Promise<{ state: S; revision: number }> {
  const recorded = await store.readStream(stream);
  const state = recorded.reduce((s, r) => decider.evolve(s, toDomainEvent<E>(r)), decider.initialState());
  return { state, revision: recorded.length - 1 };
}
