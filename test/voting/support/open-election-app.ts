/**
 * The set-up of the voter-API specs: a fresh ledger schema with an open election of a few
 * synthetic voters (openElection), and the voting service over it as a Nest app
 * (createVotingApp); everything dropped after the file. Call inside a `describe`: it registers
 * its own beforeAll and afterAll, and its fields are ready in the tests.
 */
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

export interface OpenElectionApp {
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  readonly dir: string;
  readonly election: OpenElection;
  readonly app: INestApplication;
  readonly server: App;
}

type AppExtras = Omit<VotingAppOptions, 'databaseUrl' | 'ledgerSchema' | 'electionId' | 'outboxDir' | 'keyFile'>;

export function useOpenElectionApp(name: string, election: Omit<OpenElectionOptions, 'outboxDir'>, app: AppExtras = {}, poolMax = 8): OpenElectionApp {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: poolMax });
  const schema = freshSchemaName(name);
  const store = new PostgresEventStore(pool, { schema });
  const state: { dir?: string; election?: OpenElection; app?: INestApplication } = {};
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the election app is used before its beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    state.dir = await mkdtemp(join(tmpdir(), `urna-${name}-`));
    await store.migrate();
    state.election = await openElection(store, { ...election, outboxDir: join(state.dir, 'outbox') });
    state.app = await createVotingApp({
      databaseUrl, ledgerSchema: schema, electionId: state.election.electionId, outboxDir: state.election.outboxDir, keyFile: join(state.dir, 'log.key'), ...app,
    });
  });

  afterAll(async () => {
    await state.app?.close();
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    if (state.dir) await rm(state.dir, { recursive: true, force: true });
  });

  return {
    pool,
    store,
    get dir() {
      return ready(state.dir);
    },
    get election() {
      return ready(state.election);
    },
    get app() {
      return ready(state.app);
    },
    get server() {
      return ready(state.app).getHttpServer() as App;
    },
  };
}
