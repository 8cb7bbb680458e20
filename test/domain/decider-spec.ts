import { DomainError, type Decider } from '../../src/domain/shared/decider';

/** Given past events, when a command, then new events or a DomainError with a code. */
export function specFor<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenFails: (code: string) => {
          let caught: unknown;
          try {
            run();
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
        },
        events: run,
      };
    },
  });
}
