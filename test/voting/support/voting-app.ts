/**
 * The voting service as a Nest app on a given ledger schema, the way main.ts would build it:
 * LedgerModule (global) + BulletinBoardModule (sequencer and checkpoint loop) + VotingApiModule,
 * with the app-level body limit. Used in-process by the HTTP tests and in a child process by
 * the crash test (voting-server.ts).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BulletinBoardModule } from '../../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../../src/config/configuration';
import { LedgerModule } from '../../../src/ledger/ledger.module';
import { HealthController } from '../../../src/monitoring/health.controller';
import { OutboxMailSender, OutboxSmsSender } from '../../../src/messaging/outbox';
import { nodeRandomSource } from '../../../src/roll/node-random-source';
import { applyVotingHttpSettings } from '../../../src/voting/http-settings';
import type { PublicReadBudget } from '../../../src/bulletin-board/public-read-limit';
import type { RateLimit, VotingApiOptions } from '../../../src/voting/voting-api.options';
import { VotingApiModule } from '../../../src/voting/voting-api.module';

export const BOOTH_ORIGIN = 'https://casilla.example.test';
export const LOG_ORIGIN = 'urna.test/log';

export interface VotingAppOptions {
  databaseUrl: string;
  ledgerSchema: string;
  electionId: string;
  outboxDir: string;
  keyFile: string;
  checkpointIntervalMs?: number;
  perIp?: RateLimit;
  perVoter?: RateLimit;
  clock?: () => Date;
  logger?: false;
  /** Work budgets (src/http/work-budget.ts); default the service's. */
  work?: VotingApiOptions['work'];
  /** Per-address budget of public reads (src/bulletin-board/public-read-limit.ts); default the service's. */
  publicReads?: PublicReadBudget | false;
  /** Proxies whose X-Forwarded-For is believed (tests give each client an address this way). */
  trustedProxies?: string[];
  /** Serves password re-sends (src/credentials/credential-resender.ts); default none. */
  credentialAuthority?: VotingApiOptions['credentialAuthority'];
  /** The board's ballot-box download (cache folder, closing file, slots); default the service's. */
  ballotBoxDownloads?: VotingApiOptions['ballotBoxDownloads'];
}

export async function createVotingApp(o: VotingAppOptions): Promise<INestApplication> {
  const bulletinBoard = BulletinBoardModule.forRoot({
    origin: LOG_ORIGIN, keyFile: o.keyFile, schema: `${o.ledgerSchema}_log`, checkpointIntervalMs: o.checkpointIntervalMs ?? 100, publicReads: o.publicReads,
  });
  // The standby deadline and the read URL as the service reads them (test/failover sets them).
  const config = loadConfiguration({ DATABASE_URL: o.databaseUrl, LOG_FORMAT: 'text', URNA_SYNC_STANDBY_TIMEOUT_MS: process.env.URNA_SYNC_STANDBY_TIMEOUT_MS,
    URNA_READ_DATABASE_URL: process.env.URNA_READ_DATABASE_URL,
  });
  const voting = VotingApiModule.forRoot({
    electionId: o.electionId,
    mail: new OutboxMailSender(o.outboxDir), sms: new OutboxSmsSender(o.outboxDir),
    random: nodeRandomSource,
    systemUrl: BOOTH_ORIGIN, allowedOrigins: [BOOTH_ORIGIN],
    perIp: o.perIp ?? { capacity: 10_000, refillPerSecond: 1_000 },
    perVoter: o.perVoter ?? { capacity: 1_000, refillPerSecond: 100 },
    projectionSchema: `${o.ledgerSchema}_voting`,
    clock: o.clock,
    work: o.work,
    credentialAuthority: o.credentialAuthority,
    ballotBoxDownloads: o.ballotBoxDownloads,
  }, bulletinBoard);
  const app = await NestFactory.create(
    // /health as the service has it: the fault tests (test/faults) read it.
    { module: class VotingTestApp {}, imports: [LedgerModule.forRoot(config, { schema: o.ledgerSchema }), bulletinBoard, voting], controllers: [HealthController] },
    { bodyParser: false, logger: o.logger ?? ['error', 'warn'] },
  );
  applyVotingHttpSettings(app, { trustedProxies: o.trustedProxies });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
