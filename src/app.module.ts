import { DynamicModule, Module } from '@nestjs/common';
import { BulletinBoardModule } from './bulletin-board/bulletin-board.module';
import { CommandPathModule } from './command-path/command-path.module';
import { TrusteeApiModule } from './ceremony/trustee-api.module';
import { CONFIGURATION, type Configuration } from './config/configuration';
import { ballotBoxExportFile, dataLayout } from './config/data-layout';
import { ElectionRuntime } from './election-runtime';
import { HealthController } from './monitoring/health.controller';
import { MetricsController } from './monitoring/metrics.controller';
import { DeliveryStatistics } from './monitoring/delivery-statistics';
import { MonitoringModule } from './monitoring/monitoring.module';
import type { NoteSigner } from './ledger/checkpoint/note-signer';
import { LedgerModule } from './ledger/ledger.module';
import { witnessPolicyFromEnv } from './ledger/checkpoint/witness-config';
import type { WitnessPolicy } from './ledger/checkpoint/witness-policy';
import { mailSenderFromEnv, smsSenderFromEnv } from './messaging/mail-sender-from-env';
import type { MailSender, SmsSender } from './messaging/ports';
import { boardContactFromEnv } from './projections/board-contact';
import { ProjectionsModule } from './projections/projections.module';
import { nodeRandomSource } from './roll/node-random-source';
import { VotingApiModule } from './voting/voting-api.module';
import { credentialAuthorityAlongside } from './credentials/credential-authority-link';
import type { RateLimit } from './voting/voting-api.options';

export interface AppOptions {
  /** Signs checkpoints (src/log-signer.ts chooses token or key file). */
  signer: NoteSigner;
  /** PostgreSQL schemas, so tests can share one database. */
  ledgerSchema?: string;
  logSchema?: string;
  projectionsSchema?: string;
  votingSchema?: string;
  checkpointIntervalMs?: number;
  /** Run the scheduler and closing export for URNA_ELECTION_ID (default true). */
  runElection?: boolean;
  /** Rate limits of the voter API (defaults in src/voting/voting-api.options.ts). A simulacro,
   * whose synthetic voters all come from one address, raises the per-address budget. */
  rateLimits?: { perIp?: RateLimit; perVoter?: RateLimit };
  /** Witnesses and quorum; default from URNA_WITNESSES and URNA_WITNESS_QUORUM. */
  witnesses?: WitnessPolicy;
  /** Where voter e-mails and SMS go; default the outbox folder. */
  messaging?: { mail: MailSender; sms: SmsSender };
  /** Counts of what the gateways did (default a fresh one); /metrics exports them. */
  deliveries?: DeliveryStatistics;
  /** PostgreSQL schema of monitoring's sign-in counters. Default 'monitoring'. */
  monitoringSchema?: string;
}

/** The whole service: ledger, transparency log, board API and projections, the voter API and
 * the scheduler for the configured election, health. */
@Module({})
export class AppModule {
  static forRoot(config: Configuration, options: AppOptions): DynamicModule {
    const bulletinBoard = BulletinBoardModule.forRoot({
      origin: config.URNA_LOG_ORIGIN,
      signer: options.signer,
      schema: options.logSchema,
      checkpointIntervalMs: options.checkpointIntervalMs,
      // The election's witnesses and quorum, URNA_WITNESSES / URNA_WITNESS_QUORUM (log.md §8.3).
      witnesses: options.witnesses ?? witnessPolicyFromEnv(process.env),
    });
    const electionId = config.URNA_ELECTION_ID;
    // Every e-mail and SMS is counted for the monitoring page and /metrics (src/monitoring).
    const deliveries = options.deliveries ?? new DeliveryStatistics();
    const env = { ...process.env, URNA_DATA_DIR: config.URNA_DATA_DIR };
    const mail = deliveries.mail(options.messaging?.mail ?? mailSenderFromEnv(env));
    const sms = deliveries.sms(options.messaging?.sms ?? smsSenderFromEnv(env));
    const projections = ProjectionsModule.forRoot({ schema: options.projectionsSchema, dataDir: config.URNA_DATA_DIR, contact: boardContactFromEnv(process.env) });
    const voting = electionId
      ? [
          VotingApiModule.forRoot(
            {
              electionId,
              // Real SMTP / SMS gateway when configured (URNA_SMTP_URL, URNA_SMS_URL), else the outbox.
              mail,
              sms,
              random: nodeRandomSource,
              systemUrl: config.URNA_PUBLIC_URL,
              allowedOrigins: [config.URNA_PUBLIC_URL, ...config.URNA_BOOTH_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)],
              projectionSchema: options.votingSchema,
              perIp: options.rateLimits?.perIp,
              perVoter: options.rateLimits?.perVoter,
              // Password re-sends served by the credential authority when it runs alongside (src/credentials/credential-resender.ts).
              credentialAuthority: credentialAuthorityAlongside(config.URNA_DATA_DIR, process.env, config.URNA_PUBLIC_URL),
              // The board serves the closing's file when this instance wrote it, else its own rebuilt copy.
              ballotBoxDownloads: {
                cacheDir: dataLayout(config.URNA_DATA_DIR).boardCache,
                closingExport: ballotBoxExportFile(dataLayout(config.URNA_DATA_DIR), electionId),
              },
            },
            bulletinBoard,
          ),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        CommandPathModule,
        LedgerModule.forRoot(config, { schema: options.ledgerSchema }),
        bulletinBoard,
        projections,
        // The trustee stations' API (/api/trustee/…): signed public messages only.
        TrusteeApiModule.forRoot({ electionId }),
        ...voting,
        // Monitoring accounts, every component's state, incidents and reports (numerals 26-28).
        MonitoringModule.forRoot({
          electionId, dataDir: config.URNA_DATA_DIR, sms, random: nodeRandomSource, deliveries,
          logKeyInToken: Boolean(config.URNA_LOG_PKCS11_TOKEN), schema: options.monitoringSchema,
        }, bulletinBoard, [projections]),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: CONFIGURATION, useValue: config }, ...(electionId && options.runElection !== false ? [ElectionRuntime] : [])],
    };
  }
}
