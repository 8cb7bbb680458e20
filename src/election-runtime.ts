import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { ballotBoxExportFile, dataLayout } from './config/data-layout';
import { exportBallotBox } from './closing/export-ballot-box';
import { both } from './messages/catalog';
import { cliMessages } from './messages/cli.messages';
import { CONFIGURATION, type Configuration } from './config/configuration';
import { CheckpointService } from './ledger/checkpoint/checkpoint-service';
import type { EventStore } from './ledger/event-store';
import { EVENT_STORE } from './ledger/ledger.tokens';
import { VotingScheduler } from './scheduler/voting-scheduler';

/**
 * What runs by itself for the configured election: voting starts and closes at the configured
 * instants (also after a restart that missed them), and on closing the encrypted ballot box is
 * exported, hashed and recorded. Every step is idempotent, so it is safe on every start.
 */
@Injectable()
export class ElectionRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ElectionRuntime');
  private scheduler?: VotingScheduler;

  constructor(
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: CheckpointService,
    private readonly commands: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    const electionId = this.config.URNA_ELECTION_ID;
    if (!electionId) {
      this.logger.warn('URNA_ELECTION_ID is not set: no election is scheduled and no voter API is mounted');
      return;
    }
    this.scheduler = new VotingScheduler({
      store: this.store,
      commands: this.commands,
      electionId,
      log: (line) => this.logger.log(line),
      onError: (err) => this.logger.error(`scheduler: ${err.message}`),
    });
    this.scheduler.onClosed(async (id) => {
      const done = await exportBallotBox(this.store, id, {
        commands: this.commands,
        outputPath: ballotBoxExportFile(dataLayout(this.config.URNA_DATA_DIR), id),
        checkpoints: this.checkpoints,
        actor: 'system:closing',
      });
      this.logger.log(`urna cifrada exportada / ballot box exported: ${done.ballots} boletas, sha256 ${done.sha256}`);
      const { published, unpublishable } = done.recoveredCasts;
      if (published.length > 0) this.logger.warn(both(cliMessages, 'closing.recoveredCasts', { published: published.length }));
      if (unpublishable.length > 0) this.logger.error(both(cliMessages, 'closing.unpublishableCasts', { count: unpublishable.length }));
    });
    this.scheduler.start();
  }

  /** Looks at the clock and the lifecycle now (VotingScheduler.tickNow): after an early close,
   * the ballot box is exported without waiting for the next look. */
  async tickNow(): Promise<void> {
    await this.scheduler?.tickNow();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler?.stop();
  }
}
