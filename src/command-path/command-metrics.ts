import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Timing and outcome of every command, for /metrics (Prometheus text format). One registry
 * per application: tests and the CLI open several command paths in one process, and
 * prom-client's default registry would refuse the second set of metrics of the same name.
 */
@Injectable()
export class CommandMetrics {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'urna_command_duration_seconds',
    help: 'Time to decide and durably append one command, retries included',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly conflicts = new Counter({
    name: 'urna_command_conflicts_total',
    help: 'Concurrency conflicts on append (another writer got to the stream first)',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });

  private readonly handedReadsStale = new Counter({
    name: 'urna_command_handed_reads_decided_again_total',
    help: 'Commands handed their stream as the sender read it that were decided again on a fresh read (the stream had moved on, or the decision on it refused or recorded nothing)',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });

  /** Starts timing one command; call the returned function with its outcome. */
  start(command: string): (outcome: 'ok' | 'refused' | 'conflict' | 'error') => void {
    const stop = this.duration.startTimer({ command });
    return (outcome) => stop({ outcome });
  }

  conflict(command: string): void {
    this.conflicts.inc({ command });
  }

  handedReadStale(command: string): void {
    this.handedReadsStale.inc({ command });
  }
}
