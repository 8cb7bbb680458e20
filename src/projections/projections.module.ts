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
import { BoardController } from './board.controller';
import { boardQueryHandlers } from './board.queries';
import { BoardQueries } from './board-queries';
import { ProjectionRunner } from './projection-runner';
import { PROJECTIONS_OPTIONS } from './projections.tokens';
import { resultsProjection } from './results-projection';
import { turnoutProjection } from './turnout-projection';

export interface ProjectionsOptions {
  /** PostgreSQL schema of the projection tables. Default 'projections'. */
  schema?: string;
  /** Follow the ledger in this process (default true). */
  run?: boolean;
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

@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsOptions = {}): DynamicModule {
    const schema = options.schema ?? 'projections';
    const logger = new Logger('Projections');
    return {
      module: ProjectionsModule,
      imports: [CommandPathModule],
      controllers: [BoardController],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        ...boardQueryHandlers,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, PG_POOL],
          useFactory: (store: EventStore, pool: Pool) =>
            new ProjectionRunner(store, pool, [turnoutProjection, resultsProjection], {
              schema,
              onError: (name, err) => logger.error(`projection ${name} stopped: ${err.message}`),
            }),
        },
        { provide: BoardQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new BoardQueries(pool, schema) },
        ProjectionsLifecycle,
      ],
      exports: [ProjectionRunner, BoardQueries],
    };
  }
}
