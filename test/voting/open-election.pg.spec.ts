import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { loadElectionSnapshot } from '../../src/application/election-snapshot';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { openElection } from '../support/open-election';

describe('open-election test builder', () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
  const schema = freshSchemaName('open_election');
  const store = new PostgresEventStore(pool, { schema });
  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('builds a configured, ratified, keyed and open election with voters who can log in', async () => {
    await store.migrate();
    const t0 = Date.now();
    const election = await openElection(store, { voters: 6 });
    console.log(`openElection: ${Date.now() - t0} ms`);
    const snapshot = await loadElectionSnapshot(store, election.electionId);
    expect(snapshot.lifecycle.phase).toBe('voting');
    expect(snapshot.context).toBeDefined();
    expect(election.voters).toHaveLength(6);
    expect(election.voters.every((v) => /^[a-z2-7]{26}$/.test(v.pseudonym) && v.username.startsWith('v-'))).toBe(true);
    expect(election.shares.size).toBe(3);
  });
});
