import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { loadConfiguration } from '../../src/config/configuration';
import { EventStore } from '../../src/ledger/event-store';
import { LedgerHealth } from '../../src/ledger/ledger-health';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE, PG_POOL } from '../../src/ledger/ledger.tokens';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { thing } from './ledger-contract-events';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

describe('LedgerModule', () => {
  it('provides the PostgreSQL ledger on DATABASE_URL, its pool and its health, and closes them', async () => {
    const url = requireDatabaseUrl();
    const schema = freshSchemaName('ledger_module');
    const config = loadConfiguration({ DATABASE_URL: url });
    const moduleRef = await Test.createTestingModule({ imports: [LedgerModule.forRoot(config, { schema })] }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    const pool = app.get<Pool>(PG_POOL);
    expect(store).toBeInstanceOf(PostgresEventStore);
    await store.append('module-test', [thing(1), thing(2)], 'no_stream');
    expect(await app.get(LedgerHealth).check()).toEqual({ status: 'up', adapter: 'postgres', head: 2 });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
    expect(rows[0].n).toBe(2);

    await app.close();
    expect(pool.ended).toBe(true);
    await expect(store.head()).rejects.toThrow(/closed/);
    const cleanup = new Pool({ connectionString: url });
    await dropSchema(cleanup, schema);
    await cleanup.end();
  });
});
