import { setPriority } from 'node:os';

/**
 * The simulacro plays the voters' phones and the witnesses' machines, which in an election are
 * not the service's machine at all, on the service's own cores. At the service's priority their
 * work took the service's turns: while 1,000 voters cast, the service's thread waited to run
 * about a third of the time (docs/operations/scaling.md §2.7). So those parties run this much
 * lower (nice 10 of 0–19) and use what the service leaves. Raising one's own nice value needs no
 * privilege.
 */
export const SIMULATED_PARTY_NICENESS = 10;

/** Lowers the calling thread only: on Linux the nice value is a thread's, and 0 names the caller.
 * A system that refuses it leaves the thread at the service's priority, as before. */
export function lowerThisThread(): void {
  try {
    setPriority(SIMULATED_PARTY_NICENESS);
  } catch {
    // runs at the service's priority
  }
}
