/**
 * Monitoring for parties, observers, auditors and officials (numerals 26–28;
 * docs/spec/monitoring.md): the monitoring accounts' sign-in, every component's state,
 * incidents, delivery status and operation reports, under /api/monitoring. Needs the (global)
 * LedgerModule and the command path, and BulletinBoardModule for the log and its checkpoints
 * (passed in, as VotingApiModule takes it).
 */
import { DynamicModule, Inject, Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { CommandMetrics } from '../command-path/command-metrics';
import { CommandPathModule } from '../command-path/command-path.module';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL } from '../ledger/ledger.tokens';
import { MonitoringAccountService } from '../monitoring-accounts/monitoring-account-service';
import { MonitoringAccountsController } from '../monitoring-accounts/monitoring-accounts.controller';
import { SignInLimiter } from '../monitoring-accounts/sign-in-limiter';
import { ComponentState } from './component-state';
import { MonitoringMetrics } from './monitoring-metrics';
import { MonitoringReadModels } from './monitoring-read-models';
import { MonitoringController } from './monitoring.controller';
import { MONITORING_OPTIONS, type MonitoringOptions } from './monitoring-options';

@Injectable()
class MonitoringLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly limiter: SignInLimiter,
    private readonly readModels: MonitoringReadModels,
    private readonly metrics: CommandMetrics,
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
  ) {}
  async onModuleInit(): Promise<void> {
    await this.limiter.migrate();
    // The gateways' counts on the service's one /metrics registry.
    this.options.deliveries?.register(this.metrics.registry);
    await this.readModels.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.readModels.stop();
  }
}

@Module({})
export class MonitoringModule {
  static forRoot(options: MonitoringOptions, bulletinBoard: DynamicModule, extra: DynamicModule[] = []): DynamicModule {
    const electionId = options.electionId ?? '';
    return {
      module: MonitoringModule,
      imports: [bulletinBoard, CommandPathModule, ...extra],
      controllers: [MonitoringAccountsController, MonitoringController],
      providers: [
        { provide: MONITORING_OPTIONS, useValue: options },
        {
          provide: MonitoringAccountService,
          useFactory: (store: EventStore, commands: CommandBus) => new MonitoringAccountService({
            store, commands, electionId, random: options.random, sms: options.sms, scryptLogN: options.scryptLogN,
            now: () => options.clock?.() ?? new Date(),
          }),
          inject: [EVENT_STORE, CommandBus],
        },
        {
          provide: SignInLimiter,
          useFactory: (pool: Pool) => new SignInLimiter(pool, options.schema ?? 'monitoring', electionId, options.signInLimits?.perAddress, options.signInLimits?.perUsername),
          inject: [PG_POOL],
        },
        {
          provide: MonitoringReadModels,
          useFactory: (store: EventStore, pool: Pool) => new MonitoringReadModels(store, pool, electionId, options.schema ?? 'monitoring'),
          inject: [EVENT_STORE, PG_POOL],
        },
        ComponentState,
        MonitoringMetrics,
        MonitoringLifecycle,
      ],
      exports: [MonitoringAccountService, ComponentState, MonitoringMetrics, MonitoringReadModels],
    };
  }
}
