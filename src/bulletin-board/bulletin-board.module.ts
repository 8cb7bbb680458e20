/**
 * The transparency log on the service: the sequencer that follows the ledger, the checkpoint
 * signer loop and the /log API. PG_POOL and EVENT_STORE come from the (global) LedgerModule.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { Pool } from 'pg';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { SoftwareNoteSigner } from '../ledger/checkpoint/software-note-signer';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL, PG_READ_POOL } from '../ledger/ledger.tokens';
import { LogSequencer } from '../ledger/merkle/log-sequencer';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { BULLETIN_BOARD_OPTIONS, LOG_NOTE_SIGNER, PUBLIC_MERKLE_LOG } from './bulletin-board.tokens';
import { assertLogIdentity } from '../route/log-identity';
import { LogController } from './log.controller';
import { PublicReadLimit, type PublicReadBudget } from './public-read-limit';
import { CheckpointCosigner } from '../ledger/checkpoint/checkpoint-cosigner';
import { CosignatureStore } from '../ledger/checkpoint/cosignature-store';
import type { WitnessPolicy } from '../ledger/checkpoint/witness-policy';
import { WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';
import { WitnessController } from './witness.controller';
import { leadershipFromEnv, type LeadershipConfig } from '../ledger/leadership/leadership-config';
import { LogWriterElection } from '../ledger/leadership/log-writer-election';
import { LogLease } from '../ledger/leadership/log-lease';
import { LogLeadership } from '../ledger/leadership/log-leadership';

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
  /** Whether waiting receipts wake the checkpoint loop (log.md §4.4). Default true. */
  checkpointOnDemand?: boolean;
  /** The election's witnesses and quorum (URNA_WITNESSES, witness-config.ts); default none. */
  witnesses?: WitnessPolicy;
  /** Run the sequencer and checkpoint loop in this process (default true). */
  runWriters?: boolean;
  /** Whether the writers run only on the holder of the log lease, fenced by its epoch (several
   * instances on one database), or unconditionally (false). Default from URNA_LOG_LEADERSHIP,
   * URNA_LOG_LEASE_TTL_MS and URNA_INSTANCE_ID (src/ledger/leadership/leadership-config.ts). */
  leadership?: LeadershipConfig | false;
  /** Per-address budget of the public reads that are not cached (/log, /api/board; tiles and
   * immutable answers are free): default DEFAULT_PUBLIC_READS; false: none. */
  publicReads?: PublicReadBudget | false;
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
    private readonly cosignatures: CosignatureStore,
    private readonly cosigner: CheckpointCosigner,
    private readonly election: LogWriterElection,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.log.migrate();
    await this.checkpoints.migrate();
    await this.checkpoints.assertOrigin();
    await this.cosignatures.migrate();
    await assertLogIdentity(this.checkpoints, this.signer);
    if (this.options.runWriters === false) return;
    const roles = {
      lead: async () => {
        await this.sequencer.start();
        this.checkpoints.start();
        this.cosigner.start();
        this.logger.log(`transparency log "${this.options.origin}" following the ledger from leaf ${await this.log.size()}`);
      },
      follow: async () => {
        // The sequencer's last flush may be refused by the fence: stop the others regardless.
        try {
          await this.sequencer.stop();
        } finally {
          await this.cosigner.stop();
          await this.checkpoints.stop();
        }
      },
    };
    const config = this.election.config;
    if (!config) return roles.lead();
    // Several instances may share this database: only the lease holder writes (log.md §10).
    const lease = new LogLease(this.pool, this.options.schema ?? this.log.schema, config.ttlMs);
    await lease.migrate();
    this.election.leadership = new LogLeadership(lease, roles, {
      holder: config.holder,
      onChange: (c) => c.kind === 'leading'
        ? this.logger.log(`log lease epoch ${c.epoch} taken by ${c.holder}: this instance sequences the log and signs checkpoints`)
        : this.logger.warn(`log lease epoch ${c.epoch} given up (${c.reason}): this instance no longer writes the log`),
      onError: (err) => this.logger.warn(`log lease: ${err.message}`),
    });
    await this.election.leadership.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.election.leadership) return this.election.leadership.stop();
    await this.sequencer.stop();
    await this.cosigner.stop();
    await this.checkpoints.stop();
  }
}

@Module({})
export class BulletinBoardModule implements NestModule {
  /** The public reads' per-address budget (public-read-limit.ts), on every /log and /api/board read of the app. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PublicReadLimit).forRoutes({ path: 'log/*path', method: RequestMethod.GET }, { path: 'api/board/*path', method: RequestMethod.GET });
  }

  static forRoot(options: BulletinBoardOptions): DynamicModule {
    const logger = new Logger('BulletinBoard');
    const election = new LogWriterElection(options.runWriters === false ? undefined : (options.leadership ?? leadershipFromEnv(process.env)));
    // The epoch the writers claim: undefined (write nothing) unless this instance leads now.
    const epoch = election.config ? () => election.leadership?.epoch : undefined;
    return {
      module: BulletinBoardModule,
      controllers: [LogController, WitnessController],
      providers: [
        { provide: BULLETIN_BOARD_OPTIONS, useValue: options },
        { provide: LogWriterElection, useValue: election },
        {
          provide: LOG_NOTE_SIGNER,
          useFactory: () => options.signer ?? SoftwareNoteSigner.fromKeyFile(options.keyFile ?? '.data/log-signing.key', options.origin),
        },
        { provide: MerkleLog, useFactory: (pool: Pool) => new MerkleLog(pool, { schema: options.schema }), inject: [PG_POOL] },
        { provide: PUBLIC_MERKLE_LOG, useFactory: (pool: Pool) => new MerkleLog(pool, { schema: options.schema }), inject: [PG_READ_POOL] },
        {
          provide: CheckpointService,
          useFactory: (pool: Pool, log: MerkleLog, signer: NoteSigner) => {
            if (signer.name !== options.origin) throw new Error(`signing key name "${signer.name}" differs from the log origin "${options.origin}"`);
            return new CheckpointService(pool, log, signer, {
              intervalMs: options.checkpointIntervalMs,
              onDemand: options.checkpointOnDemand,
              onError: (err) => logger.error(`checkpoint failed: ${err.message}`),
              epoch,
            });
          },
          inject: [PG_POOL, MerkleLog, LOG_NOTE_SIGNER],
        },
        {
          provide: LogSequencer,
          useFactory: (store: EventStore, log: MerkleLog) =>
            new LogSequencer(store, log, { onError: (err) => logger.error(`log sequencer stopped: ${err.message}`), epoch }),
          inject: [EVENT_STORE, MerkleLog],
        },
        { provide: CosignatureStore, useFactory: (pool: Pool, log: MerkleLog) => new CosignatureStore(pool, options.schema ?? log.schema), inject: [PG_POOL, MerkleLog] },
        {
          provide: WitnessedCheckpoints,
          useFactory: (checkpoints: CheckpointService, store: CosignatureStore) => new WitnessedCheckpoints(checkpoints, store, options.witnesses ?? { quorum: 0, witnesses: [] }),
          inject: [CheckpointService, CosignatureStore],
        },
        {
          provide: CheckpointCosigner,
          useFactory: (checkpoints: CheckpointService, log: MerkleLog, store: CosignatureStore) =>
            new CheckpointCosigner(checkpoints, log, store, options.witnesses ?? { quorum: 0, witnesses: [] }, {
              onProblem: (witness, problem) => logger.warn(`witness ${witness}: ${problem}`),
            }),
          inject: [CheckpointService, MerkleLog, CosignatureStore],
        },
        BulletinBoardLifecycle,
      ],
      exports: [MerkleLog, CheckpointService, LogSequencer, LOG_NOTE_SIGNER, WitnessedCheckpoints, LogWriterElection],
    };
  }
}
