/**
 * The configuration through the real ledger (PostgreSQL, DATABASE_URL from
 * scripts/with-postgres.ts): the simulacro's 45 configuration events fit the ledger's limits
 * and catalog, and the manifest rebuilt from the stored stream has the recorded hash.
 */
import { Pool } from 'pg';
import { PostgresEventStore } from '../../../src/ledger/postgres/postgres-event-store';
import { loadState } from '../../../src/command-path/stream-state';
import { ConfigureElectionCommand, RatifyContestsCommand } from '../../../src/configuration/configuration.commands';
import { commandsFor } from '../../support/command-path';
import { configurationDecider, configurationStreamName } from '../../../src/domain/configuration/configuration-decider';
import { currentManifest } from '../../../src/domain/configuration/current-manifest';
import { missingRatificationKeys } from '../../../src/domain/configuration/missing-ratifications';
import { manifestHashHex } from '../../../src/domain/configuration/manifest-hash';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../../support/postgres';
import { fixtureText } from './fixture';

describe('configuration on the PostgreSQL ledger', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  const schema = freshSchemaName('configuration');

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 4 });
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('records the simulacro, then the national and local ratifications, and rebuilds the manifest', async () => {
    const stream = configurationStreamName('simulacro-2024');
    const commands = await commandsFor(store);
    const configured = await commands.execute(new ConfigureElectionCommand('simulacro-2024', {
      type: 'ConfigureElection',
      data: { manualText: fixtureText() },
      actor: { role: 'ine-operator', id: 'utsi:ana' },
    }));
    expect(configured.recorded).toHaveLength(45);
    expect(configured.recorded.every((e) => e.visibility === 'public' && e.version === 1)).toBe(true);

    const { state } = await loadState(store, stream, configurationDecider);
    const manifest = currentManifest(state);
    expect(manifestHashHex(manifest)).toBe(state.manifestHash);
    expect(manifest.contests.find((c) => c.id === 'PRES')?.options).toHaveLength(17);

    await commands.execute(new RatifyContestsCommand('simulacro-2024', {
      type: 'RatifyContests',
      data: { scope: 'federal', manifestHash: state.manifestHash! },
      actor: { role: 'ine-authority', id: 'ine:cg' },
    }));
    await commands.execute(new RatifyContestsCommand('simulacro-2024', {
      type: 'RatifyContests',
      data: { scope: 'local', entity: '09', manifestHash: state.manifestHash! },
      actor: { role: 'opl-representative', id: 'iecm:luis', entity: '09' },
    }));
    const after = await loadState(store, stream, configurationDecider);
    expect(missingRatificationKeys(after.state)).toEqual(['07', '11', '12', '14', '17', '21', '27', '30', '31'].map((e) => `local:${e}`));
  });
});
