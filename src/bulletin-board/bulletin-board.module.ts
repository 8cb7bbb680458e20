/**
 * The transparency log on the service: the sequencer that follows the ledger, the checkpoint
 * signer loop and the /log API. PG_POOL and EVENT_STORE come from the (global) LedgerModule.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { SoftwareNoteSigner } from '../ledger/checkpoint/software-note-signer';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL } from '../ledger/ledger.tokens';
import { LogSequencer } from '../ledger/merkle/log-sequencer';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { BULLETIN_BOARD_OPTIONS, LOG_NOTE_SIGNER } from './bulletin-board.tokens';
import { assertLogIdentity } from '../route/log-identity';
import { LogController } from './log.controller';

export interface BulletinBoardOptions {
  /** Checkpoint origin and signing key name, e.g. "urna.example/log". */
  origin: string;
  /** Key file of the software signer (created 0600 if missing). Ignored when `signer` is given. */
  keyFile?: string;
  /** Another NoteSigner, e.g. the PKCS#11 one from src/hsm/. */
  signer?: NoteSigner;
  /** PostgreSQL schema of the log and checkpoint tables. Default 'merkle'. */
  schema?: string;
  /** Default 1000 ms. */
  checkpointIntervalMs?: number;
  /** Run the sequencer and checkpoint loop in this process (default true). */
  runWriters?: boolean;
}

@Injectable()
class BulletinBoardLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('BulletinBoard');

  constructor(
    @Inject(BULLETIN_BOARD_OPTIONS) private readonly options: BulletinBoardOptions,
    private readonly log: MerkleLog,
    private readonly checkpoints: CheckpointService,
    private readonly sequencer: LogSequencer,
    @Inject(LOG_NOTE_SIGNER) private readonly signer: NoteSigner,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.log.migrate();
    await this.checkpoints.migrate();
    await this.checkpoints.assertOrigin();
    await assertLogIdentity(this.checkpoints, this.signer);
    if (this.options.runWriters === false) return;
    await this.sequencer.start();
    this.checkpoints.start();
    this.logger.log(`transparency log "${this.options.origin}" following the ledger from leaf ${await this.log.size()}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.sequencer.stop();
    await this.checkpoints.stop();
  }
}

@Module({})
export class BulletinBoardModule {
  static forRoot(options: BulletinBoardOptions): DynamicModule {
    const logger = new Logger('BulletinBoard');
    return {
      module: BulletinBoardModule,
      controllers: [LogController],
      providers: [
        { provide: BULLETIN_BOARD_OPTIONS, useValue: options },
        {
          provide: LOG_NOTE_SIGNER,
          useFactory: () => options.signer ?? SoftwareNoteSigner.fromKeyFile(options.keyFile ?? '.data/log-signing.key', options.origin),
        },
        { provide: MerkleLog, useFactory: (pool: Pool) => new MerkleLog(pool, { schema: options.schema }), inject: [PG_POOL] },
        {
          provide: CheckpointService,
          useFactory: (pool: Pool, log: MerkleLog, signer: NoteSigner) => {
            if (signer.name !== options.origin) throw new Error(`signing key name "${signer.name}" differs from the log origin "${options.origin}"`);
            return new CheckpointService(pool, log, signer, {
              intervalMs: options.checkpointIntervalMs,
              onError: (err) => logger.error(`checkpoint failed: ${err.message}`),
            });
          },
          inject: [PG_POOL, MerkleLog, LOG_NOTE_SIGNER],
        },
        {
          provide: LogSequencer,
          useFactory: (store: EventStore, log: MerkleLog) =>
            new LogSequencer(store, log, { onError: (err) => logger.error(`log sequencer stopped: ${err.message}`) }),
          inject: [EVENT_STORE, MerkleLog],
        },
        BulletinBoardLifecycle,
      ],
      exports: [MerkleLog, CheckpointService, LogSequencer, LOG_NOTE_SIGNER],
    };
  }
}
