import { DomainError, type Decider, type DomainEvent } from '../domain/shared/decider';
import { eventCatalog } from '../domain/event-catalog';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../ledger/event-store';

/**
 * Runs one command against one stream: load the stream, fold it into state, decide, and
 * append the new events with the revision that was read as the expected revision. A
 * concurrent writer makes the append fail; the command is then decided again on the fresher
 * state (a bounded number of times), so a rule such as "one ballot per voter" is enforced by
 * the ledger's concurrency control and never by a check-then-write race.
 */
export interface RunOptions {
  metadata: EventMetadata;
  /** Attempts on a concurrency conflict before giving up (1: a conflict fails the command). */
  maxAttempts?: number;
}

export interface RunResult<E, S = unknown> {
  events: E[];
  recorded: RecordedEvent[];
  /** The stream's state with the new events folded in. */
  state: S;
}

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

export async function loadState<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
): Promise<{ state: S; revision: number }> {
  const recorded = await store.readStream(stream);
  const state = recorded.reduce((s, r) => decider.evolve(s, toDomainEvent<E>(r)), decider.initialState());
  return { state, revision: recorded.length - 1 };
}

export async function runCommand<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  options: RunOptions,
): Promise<RunResult<E, S>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadState(store, stream, decider);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, recorded: [], state };
    try {
      const result = await store.append(
        stream,
        events.map((e) => toNewEvent(e, options.metadata)),
        revision < 0 ? 'no_stream' : revision,
      );
      const recorded = await store.readStream(stream, { from: result.nextExpectedRevision - events.length + 1 });
      return { events, recorded, state: events.reduce(decider.evolve, state) };
    } catch (err) {
      if (err instanceof WrongExpectedRevisionError && attempt < maxAttempts) continue;
      throw err;
    }
  }
}
