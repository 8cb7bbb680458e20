import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ledgerContract } from './ledger-contract';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

ledgerContract('PostgreSQL', async () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 25 });
  const schema = freshSchemaName('ledger_contract');
  const store = new PostgresEventStore(pool, { schema, pollIntervalMs: 200 });
  await store.migrate();
  await store.migrate(); // idempotent
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
});
