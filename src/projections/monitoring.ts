/**
 * Lags an operator and an observer watch: how far each projection and the transparency log
 * are behind the ledger, and how old the newest signed checkpoint is. A worker that silently
 * stopped shows up here as a growing lag (or an error), never as a quiet board.
 */
import type { EventStore } from '../ledger/event-store';
import type { ProjectionRunner } from './projection-runner';

/** What the monitoring view needs from the transparency log (MerkleLog + CheckpointService). */
export interface LogStatusSource {
  size(): Promise<number>;
  latestCheckpoint(): Promise<{ size: number; createdAt: Date } | undefined>;
}

export interface MonitoringView {
  at: string;
  ledgerHead: number;
  projections: { name: string; position: number; lag: number; error?: string }[];
  log: null | {
    size: number;
    /** Ledger events not yet in the log. */
    lag: number;
    checkpoint: null | { size: number; createdAt: string; ageSeconds: number; unsignedLeaves: number };
  };
}

export async function monitoringView(store: EventStore, runner: ProjectionRunner, log: LogStatusSource | undefined, now = new Date()): Promise<MonitoringView> {
  const [ledgerHead, positions, logSize, checkpoint] = await Promise.all([
    store.head(),
    runner.positions(),
    log?.size(),
    log?.latestCheckpoint(),
  ]);
  return {
    at: now.toISOString(),
    ledgerHead,
    projections: positions.map((p) => ({ ...p, lag: Math.max(0, ledgerHead - p.position) })),
    log:
      logSize === undefined
        ? null
        : {
            size: logSize,
            lag: Math.max(0, ledgerHead - logSize),
            checkpoint: checkpoint
              ? {
                  size: checkpoint.size,
                  createdAt: checkpoint.createdAt.toISOString(),
                  ageSeconds: Math.max(0, (now.getTime() - checkpoint.createdAt.getTime()) / 1000),
                  unsignedLeaves: Math.max(0, logSize - checkpoint.size),
                }
              : null,
          },
  };
}
