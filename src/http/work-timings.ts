/**
 * Timings of the work done within a named WorkBudget (work-budget.ts), for /metrics: how long a
 * job waited for a slot and how long it ran. The ballot checks' budget ('ballot_check') runs
 * exactly one ballot's verification per cast, so its timings are the verification time per cast
 * and the verification queue's wait (src/monitoring/monitoring-metrics.ts makes histograms of
 * them). A listener hub rather than a parameter: the budgets are built deep inside the voting
 * service, and /metrics belongs to monitoring; a listener must unsubscribe when its app closes.
 */

export interface WorkTiming {
  /** The budget's name (WorkBudgetLimits.name). */
  budget: string;
  /** Time in the queue before a slot was free. */
  waitedMs: number;
  /** Time the work itself took. */
  ranMs: number;
  /** Whether the work ended in an error (a ballot that failed its checks, say). */
  failed: boolean;
}

type Listener = (timing: WorkTiming) => void;
const listeners = new Set<Listener>();

/** Subscribes to every named budget's timings; returns the unsubscribe. */
export function onWorkTiming(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportWorkTiming(timing: WorkTiming): void {
  for (const listener of listeners) {
    try {
      listener(timing);
    } catch {
      // A metrics listener's failure must never fail the work it times.
    }
  }
}
