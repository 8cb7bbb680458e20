/**
 * Every component's state for the monitoring roles (docs/spec/monitoring.md §5): database,
 * ledger head and the events not yet in the log, projections' lag, log size and checkpoint age,
 * the HSM tokens, the e-mail and SMS gateways, the scheduler, the verification workers and disk
 * space. Each reading is taken on its own, so one component failing leaves the others readable
 * and is itself reported as `down` with why.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { readdir, readFile, statfs } from 'node:fs/promises';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { EventStore } from '../ledger/event-store';
import { LedgerHealth } from '../ledger/ledger-health';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { LogSequencer } from '../ledger/merkle/log-sequencer';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { ProjectionRunner } from '../projections/projection-runner';
import { loadState } from '../command-path/stream-state';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import { poolSize, usesWorkers } from '../parallel/pool-size';
import type { ChannelStatistics } from './delivery-statistics';
import { MONITORING_OPTIONS, type MonitoringOptions } from './monitoring-options';

export type ComponentStatus = 'up' | 'degraded' | 'down' | 'unknown';

export interface ComponentReading {
  status: ComponentStatus;
  /** Technical detail (error texts, paths): for the roles entitled to `components.detail`. */
  detail?: string;
  [measure: string]: unknown;
}

export const COMPONENTS = [
  'database', 'ledger', 'transparencyLog', 'checkpoints', 'projections', 'hsm', 'mailGateway', 'smsGateway', 'scheduler', 'verificationWorkers', 'disk',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ComponentsSnapshot {
  takenAt: string;
  /** The worst status of all. */
  status: ComponentStatus;
  components: Record<ComponentName, ComponentReading>;
}

/** Thresholds (docs/spec/monitoring.md §5). */
export const THRESHOLDS = {
  checkpointStaleSeconds: 300,
  projectionLagEvents: 1000,
  gatewayDegradedRate: 0.1,
  gatewayDownRate: 0.5,
  schedulerLateSeconds: 120,
  diskDegradedFraction: 0.1,
  diskDownBytes: 200 * 1024 * 1024,
} as const;

const RANK: Record<ComponentStatus, number> = { up: 0, unknown: 1, degraded: 2, down: 3 };
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

export function gatewayReading(stats: ChannelStatistics | undefined): ComponentReading {
  if (!stats) return { status: 'unknown' };
  const rate = stats.recentErrorRate;
  const status: ComponentStatus = rate === undefined ? 'unknown' : rate >= THRESHOLDS.gatewayDownRate ? 'down' : rate > THRESHOLDS.gatewayDegradedRate ? 'degraded' : 'up';
  const { lastError, ...rest } = stats;
  return { status, ...rest, ...(lastError ? { detail: lastError } : {}) };
}

@Injectable()
export class ComponentState {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ledger: LedgerHealth,
    private readonly log: MerkleLog,
    private readonly sequencer: LogSequencer,
    private readonly checkpoints: CheckpointService,
    @Optional() private readonly projections?: ProjectionRunner,
  ) {}

  /** Every snapshot taken by this process (bounded), for the operation reports' availability. */
  private readonly taken: ComponentsSnapshot[] = [];

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** The snapshots taken in [start, end), oldest first. */
  samples(start: string, end: string): ComponentsSnapshot[] {
    return this.taken.filter((x) => x.takenAt >= start && x.takenAt < end);
  }

  async snapshot(): Promise<ComponentsSnapshot> {
    const now = this.now();
    const db = await this.ledger.check();
    const head = db.head;
    const guard = async (read: () => Promise<ComponentReading>): Promise<ComponentReading> => {
      try {
        return await read();
      } catch (err) {
        return { status: 'down', detail: message(err) };
      }
    };
    const logSize = await this.log.size().catch(() => undefined);
    const components: Record<ComponentName, ComponentReading> = {
      database: { status: db.status, adapter: db.adapter, ...(db.error ? { detail: db.error } : {}) },
      ledger: { status: db.status, head, unsequencedEvents: head !== undefined && logSize !== undefined ? head - logSize : undefined },
      transparencyLog: await guard(async () => {
        const error = this.sequencer.error;
        return { status: error || logSize === undefined ? 'down' : 'up', size: logSize, ...(error ? { detail: error.message } : {}) };
      }),
      checkpoints: await guard(async () => {
        const latest = await this.checkpoints.latest();
        if (!latest) return { status: 'down', detail: 'no signed checkpoint yet' };
        const ageSeconds = Math.max(0, Math.round((now.getTime() - latest.createdAt.getTime()) / 1000));
        const lagEvents = logSize !== undefined ? logSize - latest.size : undefined;
        const stale = (lagEvents ?? 0) > 0 && ageSeconds > THRESHOLDS.checkpointStaleSeconds;
        return { status: stale ? 'degraded' : 'up', size: latest.size, ageSeconds, lagEvents, count: await this.checkpoints.count() };
      }),
      projections: await guard(async () => {
        if (!this.projections) return { status: 'unknown' };
        const positions = await this.projections.positions();
        const lags = Object.fromEntries(positions.map((p) => [p.name, head !== undefined ? head - p.position : undefined]));
        const failed = positions.find((p) => p.error);
        const maxLag = Math.max(0, ...Object.values(lags).map((l) => l ?? 0));
        return { status: failed ? 'down' : maxLag > THRESHOLDS.projectionLagEvents ? 'degraded' : 'up', lagEvents: lags, ...(failed ? { detail: `${failed.name}: ${failed.error}` } : {}) };
      }),
      hsm: await guard(() => this.hsm()),
      mailGateway: gatewayReading(this.options.deliveries?.of('mail')),
      smsGateway: gatewayReading(this.options.deliveries?.of('sms')),
      scheduler: await guard(() => this.scheduler(now)),
      verificationWorkers: await guard(async () => {
        const size = poolSize();
        return { status: 'up', workers: size, mode: usesWorkers(size) ? 'threads' : 'inline' };
      }),
      disk: await guard(() => this.disk()),
    };
    const status = Object.values(components).reduce<ComponentStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), 'up');
    const snapshot: ComponentsSnapshot = { takenAt: now.toISOString(), status, components };
    this.taken.push(snapshot);
    if (this.taken.length > 10_000) this.taken.shift();
    return snapshot;
  }

  /** The checkpoint key's home (a PKCS#11 token or a key file) and the SoftHSM tokens present. */
  private async hsm(): Promise<ComponentReading> {
    const mode = this.options.logKeyInToken ? 'pkcs11' : 'software-key';
    const conf = process.env.SOFTHSM2_CONF;
    if (!conf) return { status: this.options.logKeyInToken ? 'unknown' : 'up', mode, tokens: 0 };
    const dir = /^\s*directories\.tokendir\s*=\s*(.+?)\s*$/m.exec(await readFile(conf, 'utf8'))?.[1];
    const tokens = dir ? (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).length : 0;
    return { status: this.options.logKeyInToken && tokens === 0 ? 'down' : 'up', mode, tokens };
  }

  /** Voting starts and closes by itself: a phase that should have moved and did not is late. */
  private async scheduler(now: Date): Promise<ComponentReading> {
    if (!this.options.electionId) return { status: 'unknown' };
    const { state } = await loadState(this.store, lifecycleStream(this.options.electionId), lifecycleDecider);
    const late = (at: string | undefined) => at !== undefined && now.getTime() - Date.parse(at) > THRESHOLDS.schedulerLateSeconds * 1000;
    const behind = (state.phase === 'opened' && late(state.votingOpensAt)) || (state.phase === 'voting' && late(state.votingClosesAt));
    return { status: behind ? 'degraded' : 'up', phase: state.phase, votingOpensAt: state.votingOpensAt, votingClosesAt: state.votingClosesAt };
  }

  private async disk(): Promise<ComponentReading> {
    const s = await statfs(this.options.dataDir);
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    const status: ComponentStatus = free < THRESHOLDS.diskDownBytes ? 'down' : free / total < THRESHOLDS.diskDegradedFraction ? 'degraded' : 'up';
    return { status, freeBytes: free, totalBytes: total };
  }
}

/** A snapshot for a role without `components.detail`: every status and measure, no detail texts. */
export function withoutDetail(snapshot: ComponentsSnapshot): ComponentsSnapshot {
  const components = Object.fromEntries(Object.entries(snapshot.components).map(([name, { detail: _detail, ...reading }]) => [name, reading])) as ComponentsSnapshot['components'];
  return { ...snapshot, components };
}
