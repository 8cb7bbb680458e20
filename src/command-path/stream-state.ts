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

/**
 * A stream as it was read: folded into its decider's state, with the revision it was read at
 * (-1: no stream). A sender that read it in the same request hands it to the command
 * (CommandContext.read), so that the handler need not read it again.
 */
export interface StreamRead<S> {
  stream: string;
  /** The decider that folded it: a state is only ever decided on by its own decider. */
  decider: object;
  state: S;
  revision: number;
}

/** A stream folded into its decider's state, with the revision it was read at (-1: no stream). */
export async function loadState<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
): Promise<StreamRead<S>> {
  const recorded = await store.readStream(stream);
  const state = recorded.reduce((s, r) => decider.evolve(s, toDomainEvent<E>(r)), decider.initialState());
  return { stream, decider, state, revision: recorded.length - 1 };
}

/**
 * A stream the sender expects to open (named by an identifier it just drew, or one a first
 * attempt of this request opens): taken as empty without reading it. Should it exist after
 * all, the append (expected: no stream) is refused and the handler reads it and decides again
 * (LedgerCommandHandler), so a retry still finds what an earlier attempt recorded.
 */
export function newStreamRead<C, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>): StreamRead<S> {
  return { stream, decider, state: decider.initialState(), revision: -1 };
}
