import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BulletinBoardModule } from './bulletin-board/bulletin-board.module';
import type { Configuration } from './config/configuration';
import { HealthController } from './health/health.controller';
import type { NoteSigner } from './ledger/checkpoint/note-signer';
import { LedgerModule } from './ledger/ledger.module';

export interface AppOptions {
  /** Signs checkpoints (src/log-signer.ts chooses token or key file). */
  signer: NoteSigner;
  /** PostgreSQL schemas, so tests can share one database. */
  ledgerSchema?: string;
  logSchema?: string;
  checkpointIntervalMs?: number;
}

/** The whole service: ledger, transparency log and board API, health. */
@Module({})
export class AppModule {
  static forRoot(config: Configuration, options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LedgerModule.forRoot(config, { schema: options.ledgerSchema }),
        BulletinBoardModule.forRoot({
          origin: config.URNA_LOG_ORIGIN,
          signer: options.signer,
          schema: options.logSchema,
          checkpointIntervalMs: options.checkpointIntervalMs,
        }),
      ],
      controllers: [HealthController],
    };
  }
}
