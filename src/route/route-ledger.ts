/**
 * The ledger as each `urna` command of the set-up route opens it, on the data folder's one
 * layout (src/config/data-layout.ts): DATABASE_URL when set; else the folder's embedded
 * PostgreSQL, joined where it already runs (the service started by `urna serve` holds it while
 * voting, and the tally and the acta run beside it), started for the command otherwise. With
 * it, the log's signer as the service makes it (createLogSigner, the same key file and the same
 * per-election origin), checked against the log's history before anything is signed.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import { loadConfiguration, type Configuration } from '../config/configuration';
import { dataLayout, type DataLayout } from '../config/data-layout';
import { migrateLegacyLayout } from '../config/legacy-layout';
import { openCommandPath, type CommandPath } from '../command-path/open-command-path';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { closePool } from '../ledger/postgres/close-pool';
import { startEmbeddedPostgres } from '../ledger/postgres/embedded-postgres';
import { PostgresEventStore } from '../ledger/postgres/postgres-event-store';
import { createGuardedPool } from '../ledger/postgres/guarded-pool';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { createLogSigner } from '../log-signer';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { assertLogIdentity } from './log-identity';

const m = messagesOf(cliMessages);
/** The role embedded-postgres.ts creates in every embedded cluster. */
const EMBEDDED_USER = 'urna';
/** The schema of the transparency log's tables, as the service uses it (AppModule's default). */
export const LOG_SCHEMA = 'merkle';

export interface RouteLedger {
  layout: DataLayout;
  url: string;
  pool: Pool;
  store: PostgresEventStore;
  path: CommandPath;
  close(): Promise<void>;
}

/** The port of the folder's embedded server if one is running on it (postmaster.pid, line 4). */
function runningEmbeddedPort(cluster: string): number | undefined {
  const pidFile = `${cluster}/postmaster.pid`;
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch (err) {
    // EPERM: alive, run by another user (postgres when we are root).
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? port : undefined;
  }
}

export async function openRouteLedger(dataDir: string, say: (line: string) => void): Promise<RouteLedger> {
  const layout = dataLayout(dataDir);
  for (const moved of migrateLegacyLayout(layout, { logKeyFile: process.env.URNA_LOG_KEY_FILE })) say(`  ${m.both('layout.moved')}: ${moved}`);
  let url = process.env.DATABASE_URL;
  let stopDb = async (): Promise<void> => undefined;
  if (!url) {
    const port = runningEmbeddedPort(layout.postgresCluster);
    const passwordFile = `${layout.postgresCluster}.password`;
    if (port !== undefined && existsSync(passwordFile)) {
      url = `postgres://${EMBEDDED_USER}:${encodeURIComponent(readFileSync(passwordFile, 'utf8').trim())}@127.0.0.1:${port}/postgres`;
      say(`${m.both('db.embeddedRunning')}: ${layout.postgresCluster}`);
    } else {
      const db = await startEmbeddedPostgres({ dataDir: layout.postgresCluster, persistent: true });
      url = db.url;
      stopDb = db.stop;
      say(`${m.both('db.embedded')}: ${layout.postgresCluster}`);
    }
  }
  // A broken connection, idle or checked out, is reported and dropped; the next query reconnects
  // (without listeners its 'error' event would kill the process: src/ledger/postgres/guarded-pool.ts).
  const pool = createGuardedPool({ connectionString: url, max: 8 }, (err) => process.stderr.write(`  PostgreSQL: ${m.both('db.connectionLost')}: ${err.message}\n`));
  const store = new PostgresEventStore(pool);
  try {
    await store.migrate();
    const path = await openCommandPath(store);
    return {
      layout, url, pool, store, path,
      close: async () => {
        await path.close();
        await store.close();
        await closePool(pool);
        await stopDb();
      },
    };
  } catch (err) {
    await closePool(pool);
    await stopDb();
    throw err;
  }
}

/** The service's configuration for this folder and election, as `npm start` would read it. */
export function routeConfiguration(ledger: RouteLedger, electionId: string): Configuration {
  return loadConfiguration({ ...process.env, DATABASE_URL: ledger.url, URNA_DATA_DIR: ledger.layout.root, URNA_ELECTION_ID: electionId });
}

/** The log's signer as the service makes it, refused if the log was started under another key. */
export async function routeLogSigner(ledger: RouteLedger, config: Configuration): Promise<NoteSigner> {
  const signer = await createLogSigner(config);
  const log = new MerkleLog(ledger.pool, { schema: LOG_SCHEMA });
  await log.migrate();
  const checkpoints = new CheckpointService(ledger.pool, log, signer, { schema: LOG_SCHEMA });
  await checkpoints.migrate();
  await checkpoints.assertOrigin();
  await assertLogIdentity(checkpoints, signer);
  return signer;
}
