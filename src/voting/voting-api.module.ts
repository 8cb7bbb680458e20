/**
 * Voting over HTTP: the voter API (/api/voter/...) and the board's ballot endpoints
 * (/api/board/receipts, /api/board/ballot-box.jsonl). Needs the (global) LedgerModule for
 * EVENT_STORE and PG_POOL, and BulletinBoardModule for the CheckpointService (passed in). App-level body
 * limits: applyVotingHttpSettings (http-settings.ts).
 */
import { DynamicModule, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
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
import { CommandBus } from '@nestjs/cqrs';
import { CredentialResender } from '../credentials/credential-resender';
import { CredentialResendController } from '../voter-access/credential-resend.controller';
import { ProjectedUsernameDirectory } from './projected-username-directory';
import { CastConfirmationMailer } from '../messaging/cast-confirmation-mailer';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { LogWriterElection } from '../ledger/leadership/log-writer-election';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOARD_DOWNLOAD_SLOTS, DownloadSlots } from '../http/download-slots';
import { BoardDownloads } from '../projections/board-downloads';

@Injectable()
class VotingApiLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly projection: VotingProjection, private readonly voting: VotingService) {}
  async onModuleInit(): Promise<void> {
    await this.projection.migrate();
    await this.projection.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.voting.close();
    await this.projection.stop();
  }
}

/** Password re-sends: officials' requests are taken up every few seconds, voters' asks at once. */
@Injectable()
class CredentialResendLoop implements OnModuleInit, OnModuleDestroy {
  private timer?: ReturnType<typeof setInterval>;
  constructor(private readonly resender: CredentialResender) {}
  onModuleInit(): void {
    this.timer = setInterval(() => void this.resender.pump(), 5_000);
    this.timer.unref();
  }
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.resender.pump();
  }
}

/** The confirmation e-mail after each cast (src/messaging/cast-confirmation-mailer.ts), off the cast path. */
@Injectable()
class CastConfirmationLoop implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly mailer: CastConfirmationMailer) {}
  async onModuleInit(): Promise<void> {
    await this.mailer.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.mailer.stop();
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
      controllers: [VoterController, BoardBallotsController, CredentialResendController],
      providers: [
        { provide: VOTING_API_OPTIONS, useValue: options },
        {
          provide: VotingProjection,
          useFactory: (pool: Pool, store: EventStore) => new VotingProjection(pool, store, options.electionId, options.projectionSchema),
          inject: [PG_POOL, EVENT_STORE],
        },
        VotingService,
        ReceiptHandler,
        {
          // The board's built-once files, here for the ballot box only (the acta and the record are ProjectionsModule's).
          provide: BoardDownloads,
          useFactory: (store: EventStore) => new BoardDownloads(store, {
            cacheDir: options.ballotBoxDownloads?.cacheDir ?? join(tmpdir(), 'urna-board-cache'),
            closingExport: () => options.ballotBoxDownloads?.closingExport,
          }),
          inject: [EVENT_STORE],
        },
        { provide: DownloadSlots, useValue: new DownloadSlots(options.ballotBoxDownloads?.slots ?? BOARD_DOWNLOAD_SLOTS) },
        VotingApiLifecycle,
        {
          provide: CredentialResender,
          useFactory: (projection: VotingProjection, store: EventStore, commands: CommandBus, election: LogWriterElection) => {
            const directory = new ProjectedUsernameDirectory(projection, store, options.electionId);
            return new CredentialResender({
              store, commands, electionId: options.electionId, authority: options.credentialAuthority, clock: options.clock, findPseudonym: (u) => directory.find(u),
              servesAsks: () => election.writesNow, // one instance asks the authority: one new password per ask
            });
          },
          inject: [VotingProjection, EVENT_STORE, CommandBus, LogWriterElection],
        },
        CredentialResendLoop,
        {
          provide: CastConfirmationMailer,
          useFactory: (store: EventStore, checkpoints: CheckpointService, election: LogWriterElection) => new CastConfirmationMailer({
            store, checkpoints, mail: options.mail, electionId: options.electionId, systemUrl: options.systemUrl,
            onError: (err) => new Logger('CastConfirmation').warn(String((err as Error)?.message ?? err)),
            sends: () => election.writesNow, // one e-mail per cast, not one per instance
          }),
          inject: [EVENT_STORE, CheckpointService, LogWriterElection],
        },
        CastConfirmationLoop,
      ],
      exports: [VotingService, VotingProjection],
    };
  }
}
