import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { Configuration, loadConfiguration } from '../config/configuration';
import { DatabaseAvailability } from '../faults/database-availability';
import { DatabaseGate, DatabaseLossFilter, DatabaseLossInterceptor } from '../faults/database-faults';
import { StandbyDeadlineMiddleware, StandbyUnconfirmedInterceptor } from '../faults/standby-unconfirmed';
import { LedgerHealth } from './ledger-health';
import { LEDGER_CONFIGURATION, LEDGER_OPTIONS, LedgerOptions, ledgerProviders, LedgerShutdown } from './ledger.providers';
import { EVENT_STORE, LEDGER_DATABASE, PG_POOL, PG_READ_POOL } from './ledger.tokens';

/**
 * The ledger for the rest of the service: EVENT_STORE (the port), PG_POOL (shared with
 * projections and the Merkle store) and LedgerHealth. Global, so feature modules inject them
 * without importing this module. Which adapter is used: see ./ledger.providers.ts.
 * Every app with a ledger also answers 503 while its database is lost, and when its synchronous
 * standby does not confirm a write in time (src/faults).
 */
@Global()
@Module({})
export class LedgerModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DatabaseGate, StandbyDeadlineMiddleware).forRoutes('*');
  }

  /** `options.schema`: the PostgreSQL schema of the ledger's tables (default `ledger`; tests
   * sharing one database give each suite its own). */
  static forRoot(configuration: Configuration = loadConfiguration(), options: Partial<LedgerOptions> = {}): DynamicModule {
    const ledgerOptions: LedgerOptions = { schema: options.schema ?? 'ledger' };
    return {
      module: LedgerModule,
      providers: [
        { provide: LEDGER_CONFIGURATION, useValue: configuration },
        { provide: LEDGER_OPTIONS, useValue: ledgerOptions },
        ...ledgerProviders,
        LedgerShutdown,
        LedgerHealth,
        { provide: APP_INTERCEPTOR, useClass: DatabaseLossInterceptor },
        { provide: APP_INTERCEPTOR, useClass: StandbyUnconfirmedInterceptor },
        { provide: APP_FILTER, useClass: DatabaseLossFilter },
      ],
      exports: [EVENT_STORE, PG_POOL, PG_READ_POOL, LEDGER_DATABASE, LedgerHealth, DatabaseAvailability],
    };
  }
}
