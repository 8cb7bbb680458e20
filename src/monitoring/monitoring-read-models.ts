/**
 * The monitoring API's read models (src/projections/monitoring-projections.ts) kept current by a
 * ProjectionRunner of their own, in the monitoring schema. A read first waits until they have
 * applied the ledger up to its head at the time of the request, so an answer includes every
 * event recorded before it, as reading the whole ledger did (the access log shows the very
 * access that reads it), at the cost of a few indexed rows instead of the whole ledger.
 */
import type { Pool } from 'pg';
import type { EventStore } from '../ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import {
  accessLogProjection, deliveryStatusProjection, readAccessLog, readDeliveryStatus, type AccessLogEntry, type DeliveryStatus,
} from '../projections/monitoring-projections';

export class MonitoringReadModels {
  readonly runner: ProjectionRunner;

  constructor(private readonly store: EventStore, private readonly pool: Pool, electionId: string, readonly schema: string) {
    this.runner = new ProjectionRunner(store, pool, [deliveryStatusProjection(electionId), accessLogProjection(electionId)], { schema });
  }

  start(): Promise<void> {
    return this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  async deliveries(): Promise<DeliveryStatus> {
    await this.runner.waitUntilCaughtUp(await this.store.head(), 10_000);
    return readDeliveryStatus(this.pool, this.schema);
  }

  async accesses(): Promise<AccessLogEntry[]> {
    await this.runner.waitUntilCaughtUp(await this.store.head(), 10_000);
    return readAccessLog(this.pool, this.schema);
  }
}
