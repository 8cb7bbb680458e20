/**
 * The service as the monitoring specs need it, on a fresh ledger schema with an open election:
 * LedgerModule + BulletinBoardModule + the voter API (a voter's session must be refused by
 * monitoring) + MonitoringModule, with the service's HTTP settings. Messages go to an outbox
 * folder, counted by one DeliveryStatistics as app.module.ts does.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { App } from 'supertest/types';
import { BulletinBoardModule } from '../../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../../src/config/configuration';
import { LedgerModule } from '../../../src/ledger/ledger.module';
import { PostgresEventStore } from '../../../src/ledger/postgres/postgres-event-store';
import { OutboxMailSender, OutboxSmsSender } from '../../../src/messaging/outbox';
import { DeliveryStatistics } from '../../../src/monitoring/delivery-statistics';
import { MonitoringModule } from '../../../src/monitoring/monitoring.module';
import { MetricsController } from '../../../src/monitoring/metrics.controller';
import type { MonitoringOptions } from '../../../src/monitoring/monitoring-options';
import { MonitoringAccountService } from '../../../src/monitoring-accounts/monitoring-account-service';
import { nodeRandomSource } from '../../../src/roll/node-random-source';
import { applyVotingHttpSettings } from '../../../src/voting/http-settings';
import { VotingApiModule } from '../../../src/voting/voting-api.module';
import { openElection, type OpenElection } from '../../support/open-election';
import { serveWeb } from '../../browser/web-test-server';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../../support/postgres';

export const BOOTH_ORIGIN = 'https://casilla.example.test';

export interface MonitoringEnv {
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  readonly dir: string;
  readonly election: OpenElection;
  readonly app: INestApplication;
  readonly server: App;
  readonly accounts: MonitoringAccountService;
  readonly commands: CommandBus;
  readonly deliveries: DeliveryStatistics;
  /** The site's address (only with `web`). */
  readonly base: string;
}

export function useMonitoringApp(name: string, extra: Partial<MonitoringOptions> = {}, how: { web?: boolean } = {}): MonitoringEnv {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const schema = freshSchemaName(name);
  const store = new PostgresEventStore(pool, { schema });
  const deliveries = new DeliveryStatistics();
  const s: { dir?: string; election?: OpenElection; app?: INestApplication; base?: string; removeDist?: () => void } = {};
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('used before beforeAll ran');
    return v;
  };

  beforeAll(async () => {
    s.dir = await mkdtemp(join(tmpdir(), `urna-${name}-`));
    await store.migrate();
    s.election = await openElection(store, { voters: 2, entities: ['01'], outboxDir: join(s.dir, 'outbox') });
    const outbox = s.election.outboxDir;
    const sms = deliveries.sms(new OutboxSmsSender(outbox));
    const mail = deliveries.mail(new OutboxMailSender(outbox));
    const bulletinBoard = BulletinBoardModule.forRoot({ origin: 'urna.test/log', keyFile: join(s.dir, 'log.key'), schema: `${schema}_log`, checkpointIntervalMs: 100 });
    const config = loadConfiguration({ DATABASE_URL: databaseUrl, LOG_FORMAT: 'text' });
    const electionId = s.election.electionId;
    const voting = VotingApiModule.forRoot({
      electionId, mail, sms, random: nodeRandomSource, systemUrl: BOOTH_ORIGIN, allowedOrigins: [BOOTH_ORIGIN],
      perIp: { capacity: 10_000, refillPerSecond: 1_000 }, perVoter: { capacity: 1_000, refillPerSecond: 100 }, projectionSchema: `${schema}_voting`,
    }, bulletinBoard);
    const monitoring = MonitoringModule.forRoot({
      electionId, dataDir: s.dir, sms, random: nodeRandomSource, deliveries, scryptLogN: 10, schema: `${schema}_monitoring`, ...extra,
    }, bulletinBoard);
    s.app = await NestFactory.create(
      { module: class MonitoringTestApp {}, imports: [LedgerModule.forRoot(config, { schema }), bulletinBoard, voting, monitoring], controllers: [MetricsController] },
      { bodyParser: false, logger: ['error'] },
    );
    applyVotingHttpSettings(s.app);
    // With the site (monitoreo.html) mounted before init, listening on a free port, for a browser.
    if (how.web) ({ base: s.base, removeDist: s.removeDist } = await serveWeb(s.app));
    else await s.app.init();
  });

  afterAll(async () => {
    await s.app?.close();
    await store.close();
    for (const x of [schema, `${schema}_log`, `${schema}_voting`, `${schema}_monitoring`]) await dropSchema(pool, x);
    await pool.end();
    if (s.dir) await rm(s.dir, { recursive: true, force: true });
    s.removeDist?.();
  });

  return {
    pool, store, deliveries,
    get dir() { return ready(s.dir); },
    get election() { return ready(s.election); },
    get app() { return ready(s.app); },
    get server() { return ready(s.app).getHttpServer() as App; },
    get base() { return ready(s.base); },
    get accounts() { return ready(s.app).get(MonitoringAccountService); },
    get commands() { return ready(s.app).get(CommandBus); },
  };
}
