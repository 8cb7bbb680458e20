/**
 * A decider, in the event-sourcing sense: pure functions and no I/O.
 *   decide(command, state) → events   (or throws a DomainError)
 *   evolve(state, event)   → state
 * Command handlers load a stream, fold it with `evolve` from `initialState`, call `decide`,
 * and append the new events with the stream's revision as the expected revision.
 */
import { joinBoth, type Bilingual } from '../../messages/catalog';

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A rule of the election was broken; `code` is stable, `message` is for people: a pair from a
 * catalog (src/messages/domain.messages.ts), kept as `text` and joined "español / English" in
 * `message`. */
export class DomainError extends Error {
  /** The message in each language, when it was given as a pair. */
  readonly text: Bilingual | undefined;
  constructor(readonly code: string, message: Bilingual | string, readonly details?: unknown) {
    super(typeof message === 'string' ? message : joinBoth(message));
    this.name = 'DomainError';
    this.text = typeof message === 'string' ? undefined : { es: message.es, en: message.en };
  }
}

export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: Event[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** A domain event as deciders produce and consume it: a past-tense type and its data.
 * The application layer adds the envelope (id, version, visibility, metadata) from the
 * event catalog when it appends. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}
