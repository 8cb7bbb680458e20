import type { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { App } from 'supertest/types';
import { PostgresEventStore } from '../../../src/ledger/postgres/postgres-event-store';
import { openElection, type OpenElection, type OpenElectionOptions } from '../../support/open-election';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../../support/postgres';
import { createVotingApp, type VotingAppOptions } from './voting-app';

export interface VotingAppOnFreshLedger {
  app: INestApplication;
  server: App;
  election: OpenElection;
  /** Closes the app, drops its schemas and removes its folder. */
  dispose(): Promise<void>;
}

/** The voter API over a ledger schema of its own, with an election made by openElection
 * (`options`: open or not, how many voters…), its outbox and log key in a fresh folder;
 * `appOptions`: the app's other options (work budgets…). */
export async function votingAppOnFreshLedger(
  name: string, options: OpenElectionOptions = {}, appOptions: Pick<VotingAppOptions, 'work'> = {},
): Promise<VotingAppOnFreshLedger> {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const schema = freshSchemaName(name);
  const store = new PostgresEventStore(pool, { schema });
  const dir = await mkdtemp(join(tmpdir(), `urna-${name}-`));
  let app: INestApplication | undefined;
  const dispose = async () => {
    await app?.close();
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await store.migrate();
    const election = await openElection(store, { outboxDir: join(dir, 'outbox'), ...options });
    app = await createVotingApp({ ...appOptions, databaseUrl, ledgerSchema: schema, electionId: election.electionId, outboxDir: election.outboxDir, keyFile: join(dir, 'log.key') });
    return { app, server: app.getHttpServer(), election, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
