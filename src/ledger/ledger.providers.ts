/**
 * How the ledger's pieces are chosen and built from the configuration:
 *   EVENTSTORE_URL set → KurrentDB adapter;
 *   else PostgreSQL adapter, on DATABASE_URL or, without it, an embedded PostgreSQL whose data
 *   lives in URNA_DATA_DIR/postgres/cluster (src/config/data-layout.ts; the postgres/ folder is handed to the postgres user when running as root).
 * PostgreSQL is needed in every case (projections, the Merkle store), so the pool always exists.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { DatabaseAvailability } from '../faults/database-availability';
import type { Configuration } from '../config/configuration';
import { dataLayout } from '../config/data-layout';
import type { EventStore } from './event-store';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { EVENT_STORE, LEDGER_DATABASE, PG_POOL, PG_READ_POOL } from './ledger.tokens';
import { closePool } from './postgres/close-pool';
import { startEmbeddedPostgres } from './postgres/embedded-postgres';
import { HostSelector } from './postgres/failover-client';
import { createGuardedPool } from './postgres/guarded-pool';
import { PostgresEventStore } from './postgres/postgres-event-store';

export const LEDGER_CONFIGURATION = Symbol('LEDGER_CONFIGURATION');
export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');

export interface LedgerOptions {
  schema: string;
}

export interface LedgerDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const logger = new Logger('Ledger');

export const ledgerProviders: Provider[] = [
  {
    provide: LEDGER_DATABASE,
    inject: [LEDGER_CONFIGURATION],
    useFactory: async (config: Configuration): Promise<LedgerDatabase> => {
      if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
      const dataDir = dataLayout(config.URNA_DATA_DIR).postgresCluster;
      const db = await startEmbeddedPostgres({ dataDir, persistent: true, notice: (line) => logger.warn(line) });
      logger.log(`embedded PostgreSQL started (data in ${dataDir})`);
      return { url: db.url, embedded: true, stop: db.stop };
    },
  },
  {
    // Probes with a connection of its own: the pool may be the thing that is stuck.
    provide: DatabaseAvailability,
    inject: [LEDGER_DATABASE],
    useFactory: (db: LedgerDatabase) =>
      new DatabaseAvailability(() => probe(db.url), { log: (level, line) => (level === 'warn' ? logger.warn(line) : logger.log(line)) }),
  },
  {
    provide: PG_POOL,
    inject: [LEDGER_DATABASE, DatabaseAvailability],
    // A broken connection must not crash the service (see guarded-pool.ts); it marks the
    // database down until a probe gets an answer, and the next query reconnects.
    useFactory: (db: LedgerDatabase, availability: DatabaseAvailability): Pool =>
      createGuardedPool({ connectionString: db.url, max: 20 }, (err) => {
        if (!availability.reportLoss(err)) logger.warn(`PostgreSQL connection error: ${err.message}`);
      }),
  },
  {
    // Public reads may go to the standby (remote_apply makes whatever a receipt names visible
    // there before the receipt is issued); a lost read server is noticed by the pool, which
    // then looks for another host that suits (prefer-standby falls back to the primary).
    provide: PG_READ_POOL,
    inject: [LEDGER_CONFIGURATION, PG_POOL],
    useFactory: (config: Configuration, pool: Pool): Pool =>
      config.URNA_READ_DATABASE_URL
        ? createGuardedPool({ connectionString: config.URNA_READ_DATABASE_URL, max: 10 }, (err) => logger.warn(`PostgreSQL read connection error: ${err.message}`))
        : pool,
  },
  {
    provide: EVENT_STORE,
    inject: [LEDGER_CONFIGURATION, LEDGER_OPTIONS, PG_POOL],
    useFactory: async (config: Configuration, options: LedgerOptions, pool: Pool): Promise<EventStore> => {
      if (config.EVENTSTORE_URL) {
        logger.log('ledger: KurrentDB');
        return new KurrentDbEventStore(config.EVENTSTORE_URL);
      }
      const store = new PostgresEventStore(pool, { schema: options.schema });
      await store.migrate();
      logger.log('ledger: PostgreSQL');
      return store;
    },
  },
];

/** Whether a server that suits DATABASE_URL answers now (with several hosts: any of them that
 * suits, e.g. the standby once promoted). */
async function probe(url: string): Promise<void> {
  await HostSelector.fromUrl(url, {}, 3_000).probe();
}

/** Closes the store, then the pool, then the embedded server: in that order, once. */
@Injectable()
export class LedgerShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PG_READ_POOL) private readonly readPool: Pool,
    @Inject(LEDGER_DATABASE) private readonly db: LedgerDatabase,
    @Inject(DatabaseAvailability) private readonly availability: DatabaseAvailability,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.availability.stop();
    await this.store.close();
    if (this.readPool !== this.pool) await closePool(this.readPool);
    await closePool(this.pool);
    await this.db.stop();
  }
}
