/**
 * Voting over HTTP: the voter API (/api/voter/...) and the board's ballot endpoints
 * (/api/board/receipts, /api/board/ballot-box.jsonl). Needs the (global) LedgerModule for
 * EVENT_STORE and PG_POOL, and BulletinBoardModule for the CheckpointService (passed in). App-level body
 * limits: applyVotingHttpSettings (http-settings.ts).
 */
import { DynamicModule, Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandPathModule } from '../command-path/command-path.module';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL } from '../ledger/ledger.tokens';
import { BoardBallotsController } from './board-ballots.controller';
import { VoterController } from './voter.controller';
import { VoterThrottlingModule } from './voter-throttling.module';
import { VOTING_API_OPTIONS, type VotingApiOptions } from './voting-api.options';
import { VotingProjection } from './voting-projection';
import { VotingService } from './voting.service';
import { ReceiptHandler } from './receipt.query';

@Injectable()
class VotingApiLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly projection: VotingProjection, private readonly voting: VotingService) {}
  async onModuleInit(): Promise<void> {
    await this.projection.migrate();
    await this.projection.start();
  }
  async onModuleDestroy(): Promise<void> {
    this.voting.close();
    await this.projection.stop();
  }
}

/** The sign-in routes' front door (src/http/sign-in-door.ts) is put in front by applyVotingHttpSettings, before the body parser. */
@Module({})
export class VotingApiModule {
  /** `bulletinBoard`: the very BulletinBoardModule.forRoot(...) object the app imports (it
   * supplies the CheckpointService receipts wait for). */
  static forRoot(options: VotingApiOptions, bulletinBoard: DynamicModule): DynamicModule {
    if (!options.electionId) throw new Error('VotingApiModule: electionId is required');
    return {
      module: VotingApiModule,
      imports: [bulletinBoard, CommandPathModule, VoterThrottlingModule.forRoot(options)],
      controllers: [VoterController, BoardBallotsController],
      providers: [
        { provide: VOTING_API_OPTIONS, useValue: options },
        {
          provide: VotingProjection,
          useFactory: (pool: Pool, store: EventStore) => new VotingProjection(pool, store, options.electionId, options.projectionSchema),
          inject: [PG_POOL, EVENT_STORE],
        },
        VotingService,
        ReceiptHandler,
        VotingApiLifecycle,
      ],
      exports: [VotingService, VotingProjection],
    };
  }
}
