/**
 * Read models for the public board: the projection runner (following the ledger from each
 * projection's stored position) and the /api/board read endpoints. EVENT_STORE and PG_POOL
 * come from the global LedgerModule.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandPathModule } from '../command-path/command-path.module';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL } from '../ledger/ledger.tokens';
import { ModuleRef } from '@nestjs/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_NOTE_SIGNER } from '../bulletin-board/bulletin-board.tokens';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { boardActivityProjection } from './board-activity-projection';
import type { BoardContact } from './board-contact';
import { BoardDownloads, type LogForRecord } from './board-downloads';
import { BoardDownloadsController } from './board-downloads.controller';
import { BoardEventsController } from './board-events.controller';
import { BoardNotices } from './board-notices';
import { BoardController } from './board.controller';
import { boardQueryHandlers } from './board.queries';
import { BoardQueries } from './board-queries';
import { ProjectionRunner } from './projection-runner';
import { BOARD_CONTACT, PROJECTIONS_OPTIONS } from './projections.tokens';
import { resultsProjection } from './results-projection';
import { turnoutProjection } from './turnout-projection';

export interface ProjectionsOptions {
  /** PostgreSQL schema of the projection tables. Default 'projections'. */
  schema?: string;
  /** Follow the ledger in this process (default true). */
  run?: boolean;
  /** The service's data folder: the acta and packaged record are looked for in <data>/preservacion,
   * records built on request are kept in <data>/board-cache. Default: no packaged files, a cache in
   * the system's temporary folder. */
  dataDir?: string;
  /** Another preservation folder than <data>/preservacion. */
  preservationDir?: string;
  /** The authority's contact details and privacy notice for the board's pages (board-contact.ts). */
  contact?: BoardContact;
  /** How often the live notices look for changes (default 1000 ms). */
  noticePollMs?: number;
}

@Injectable()
class ProjectionsLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Projections');
  constructor(private readonly runner: ProjectionRunner, @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions) {}

  async onModuleInit(): Promise<void> {
    await this.runner.migrate();
    if (this.options.run === false) return;
    // Catching up on a long ledger takes a while: the service starts meanwhile and
    // /api/board/monitoring shows the projections' lag shrinking.
    this.runner.start().catch((err: Error) => this.logger.error(`projections did not start: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}

/** The transparency log lives in BulletinBoardModule; the board works without it too. */
function logOf(moduleRef: ModuleRef): LogForRecord | undefined {
  try {
    const signer = moduleRef.get<NoteSigner>(LOG_NOTE_SIGNER, { strict: false });
    return { log: moduleRef.get(MerkleLog, { strict: false }), checkpoints: moduleRef.get(CheckpointService, { strict: false }), publicKey: signer.publicKey };
  } catch {
    return undefined;
  }
}

@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsOptions = {}): DynamicModule {
    const schema = options.schema ?? 'projections';
    const logger = new Logger('Projections');
    return {
      module: ProjectionsModule,
      imports: [CommandPathModule],
      controllers: [BoardController, BoardEventsController, BoardDownloadsController],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        ...boardQueryHandlers,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, PG_POOL],
          useFactory: (store: EventStore, pool: Pool) =>
            new ProjectionRunner(store, pool, [turnoutProjection, resultsProjection, boardActivityProjection], {
              schema,
              onError: (name, err) => logger.error(`projection ${name} stopped: ${err.message}`),
            }),
        },
        { provide: BoardQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new BoardQueries(pool, schema) },
        {
          provide: BoardNotices,
          inject: [PG_POOL, ModuleRef],
          useFactory: (pool: Pool, moduleRef: ModuleRef) =>
            new BoardNotices(pool, schema, {
              pollMs: options.noticePollMs,
              checkpointSize: async () => (await logOf(moduleRef)?.checkpoints.latest())?.size,
            }),
        },
        {
          provide: BoardDownloads,
          inject: [EVENT_STORE, ModuleRef],
          useFactory: (store: EventStore, moduleRef: ModuleRef) =>
            new BoardDownloads(store, {
              preservationDir: options.preservationDir ?? (options.dataDir ? join(options.dataDir, 'preservacion') : undefined),
              cacheDir: options.dataDir ? join(options.dataDir, 'board-cache') : join(tmpdir(), `urna-board-cache-${process.pid}`),
              log: () => logOf(moduleRef),
            }),
        },
        { provide: BOARD_CONTACT, useValue: options.contact ?? {} },
        ProjectionsLifecycle,
      ],
      exports: [ProjectionRunner, BoardQueries],
    };
  }
}
