/**
 * /metrics times every ballot verification (issue 16 §2): the ballot checks' budget reports each
 * job's run and queue wait, and MonitoringMetrics keeps them as histograms. A job that had to
 * wait shows its wait; a budget without a name, or after the app closed, records nothing.
 */
import { CommandMetrics } from '../../src/command-path/command-metrics';
import { BALLOT_CHECK_WORK, WorkBudget } from '../../src/http/work-budget';
import type { ComponentState } from '../../src/monitoring/component-state';
import { MonitoringMetrics } from '../../src/monitoring/monitoring-metrics';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function values(metrics: CommandMetrics, name: string): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(metric.values.map((v) => [`${(v as { metricName?: string }).metricName ?? name}${JSON.stringify(v.labels)}`, v.value]));
}

describe('ballot verification time on /metrics', () => {
  it('records each verification\'s time and its wait for a slot, by outcome', async () => {
    const metrics = new CommandMetrics();
    const monitoring = new MonitoringMetrics({} as ComponentState, metrics);
    try {
      const budget = new WorkBudget(BALLOT_CHECK_WORK);
      // One more job than there are slots: the last one waits for the first to end.
      const jobs = Array.from({ length: BALLOT_CHECK_WORK.concurrency + 1 }, (_, i) => budget.run({ key: `voter:${i}` }, () => sleep(60)));
      await Promise.all(jobs);
      await budget.run({ key: 'voter:bad' }, () => Promise.reject(new Error('proof check crashed'))).catch(() => undefined);
      const run = await values(metrics, 'urna_ballot_verification_seconds');
      expect(run['urna_ballot_verification_seconds_count{"outcome":"completed"}']).toBe(BALLOT_CHECK_WORK.concurrency + 1);
      expect(run['urna_ballot_verification_seconds_sum{"outcome":"completed"}']).toBeGreaterThan(0.05 * (BALLOT_CHECK_WORK.concurrency + 1));
      expect(run['urna_ballot_verification_seconds_count{"outcome":"error"}']).toBe(1);
      const wait = await values(metrics, 'urna_ballot_verification_queue_wait_seconds');
      expect(wait['urna_ballot_verification_queue_wait_seconds_sum{"outcome":"completed"}']).toBeGreaterThan(0.04);
      expect(await metrics.registry.metrics()).toContain('urna_ballot_verification_seconds_bucket{le="0.1",outcome="completed"}');
    } finally {
      monitoring.onModuleDestroy();
    }
  });

  it('records nothing for a budget without a name, nor once the metrics are closed', async () => {
    const metrics = new CommandMetrics();
    const monitoring = new MonitoringMetrics({} as ComponentState, metrics);
    const { name: _n, ...unnamed } = BALLOT_CHECK_WORK;
    await new WorkBudget(unnamed).run({ key: 'voter:x' }, () => sleep(5));
    monitoring.onModuleDestroy();
    await new WorkBudget(BALLOT_CHECK_WORK).run({ key: 'voter:y' }, () => sleep(5));
    const run = await values(metrics, 'urna_ballot_verification_seconds');
    expect(run['urna_ballot_verification_seconds_count{"outcome":"completed"}'] ?? 0).toBe(0);
  });
});
