/**
 * The components' measures on /metrics (docs/spec/monitoring.md §9), for the operator's own
 * Prometheus: taken from one components snapshot at each scrape, so /metrics and the monitoring
 * page never disagree. Counts only: nothing here names a person.
 */
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Gauge, Histogram } from 'prom-client';
import { onWorkTiming } from '../http/work-timings';
import { CommandMetrics } from '../command-path/command-metrics';
import { ComponentState, COMPONENTS, type ComponentReading } from './component-state';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Seconds: a ballot's proofs take tens of milliseconds unloaded and seconds under a burst; the budget refuses after 10 s in the queue. */
const VERIFICATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

@Injectable()
export class MonitoringMetrics implements OnModuleDestroy {
  private readonly gauges: Record<string, Gauge<string>>;
  private readonly unsubscribe: () => void;

  constructor(private readonly components: ComponentState, metrics: CommandMetrics) {
    const registers = [metrics.registry];
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      (metrics.registry.getSingleMetric(name) as Gauge<string> | undefined) ?? new Gauge({ name, help, labelNames, registers });
    this.gauges = {
      up: gauge('urna_component_up', 'Component state: 1 up, 0.5 degraded or unknown, 0 down', ['component']),
      head: gauge('urna_ledger_events', 'Events recorded in the ledger'),
      logSize: gauge('urna_log_size', 'Leaves in the transparency log'),
      unsequenced: gauge('urna_log_unsequenced_events', 'Ledger events not yet in the transparency log (the sequencer queue)'),
      checkpointAge: gauge('urna_checkpoint_age_seconds', 'Age of the newest signed checkpoint'),
      checkpointLag: gauge('urna_checkpoint_lag_events', 'Log leaves not yet covered by a signed checkpoint'),
      projectionLag: gauge('urna_projection_lag_events', 'Ledger events a projection has not applied yet (its queue)', ['projection']),
      diskFree: gauge('urna_disk_free_bytes', 'Free bytes on the data folder\'s disk'),
      gatewayErrorRate: gauge('urna_gateway_recent_error_rate', 'Failures among the last 100 messages handed to a gateway', ['channel']),
    };
    const histogram = (name: string, help: string) =>
      (metrics.registry.getSingleMetric(name) as Histogram<string> | undefined) ?? new Histogram({ name, help, labelNames: ['outcome'], buckets: VERIFICATION_BUCKETS, registers });
    const verification = histogram('urna_ballot_verification_seconds', 'Time to verify one cast ballot (its proofs and the voter\'s signature), by outcome: completed (valid or not) or error');
    const wait = histogram('urna_ballot_verification_queue_wait_seconds', 'Time a cast ballot waited for a verification slot, by outcome of its verification');
    // Every cast runs one verification in the ballot checks' budget (src/http/work-budget.ts, BALLOT_CHECK_WORK).
    this.unsubscribe = onWorkTiming((t) => {
      if (t.budget !== 'ballot_check') return;
      const outcome = t.failed ? 'error' : 'completed';
      verification.observe({ outcome }, t.ranMs / 1000);
      wait.observe({ outcome }, t.waitedMs / 1000);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** Sets every gauge from a fresh snapshot (called by /metrics before it renders). */
  async refresh(): Promise<void> {
    const { components: c } = await this.components.snapshot();
    const g = this.gauges;
    for (const name of COMPONENTS) g.up.set({ component: name }, c[name].status === 'up' ? 1 : c[name].status === 'down' ? 0 : 0.5);
    const set = (gauge: Gauge<string>, value: unknown, labels: Record<string, string> = {}) => {
      const v = num(value);
      if (v !== undefined) gauge.set(labels, v);
    };
    set(g.head, c.ledger.head);
    set(g.logSize, c.transparencyLog.size);
    set(g.unsequenced, c.ledger.unsequencedEvents);
    set(g.checkpointAge, c.checkpoints.ageSeconds);
    set(g.checkpointLag, c.checkpoints.lagEvents);
    for (const [projection, lag] of Object.entries((c.projections.lagEvents ?? {}) as Record<string, unknown>)) set(g.projectionLag, lag, { projection });
    set(g.diskFree, c.disk.freeBytes);
    for (const [channel, reading] of [['mail', c.mailGateway], ['sms', c.smsGateway]] as [string, ComponentReading][]) set(g.gatewayErrorRate, reading.recentErrorRate, { channel });
  }
}
