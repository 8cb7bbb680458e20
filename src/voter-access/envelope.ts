import type { EventStore, ExpectedRevision, NewEvent } from '../ledger/event-store';
import { eventCatalog } from '../domain/event-catalog';
import type { Decider, DomainEvent } from '../domain/shared/decider';

/** Wraps a decider's events for the ledger: newest catalog version, catalog visibility. */
export function toNewEvents(events: DomainEvent[], actor: string): NewEvent[] {
  return events.map((e) => {
    const entry = eventCatalog.get(e.type);
    if (!entry) throw new Error(`event type ${e.type} is not in the event catalog`);
    return { type: e.type, version: Math.max(...entry.versions), data: e.data, metadata: { actor }, visibility: entry.visibility };
  });
}

/** Load a stream, fold it, decide, append with the stream's revision: the handler pattern. */
export async function handle<C, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  actor: string,
): Promise<{ events: E[]; state: S }> {
  const { state, expected } = await load(store, stream, decider);
  const events = decider.decide(command, state);
  if (events.length > 0) await store.append(stream, toNewEvents(events, actor), expected);
  return { events, state: events.reduce(decider.evolve, state) };
}

export async function load<C, E, S>(store: EventStore, stream: string, decider: Decider<C, E, S>): Promise<{ state: S; expected: ExpectedRevision }> {
  const recorded = await store.readStream(stream);
  const state = recorded.map((r) => ({ type: r.type, data: r.data }) as E).reduce(decider.evolve, decider.initialState());
  return { state, expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision };
}
