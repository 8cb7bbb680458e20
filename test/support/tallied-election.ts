/**
 * A closed and tallied election on a real ledger (a small manual, 3 trustee tokens on SoftHSM,
 * threshold 2, trustees 1 and 2 decrypting), with its transparency log following the ledger:
 * what the record, tamper-corpus and preservation specs start from. Each spec then issues its
 * own acta, record or package from it.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { TallyService } from '../../src/tally/tally-service';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tallyStationsInProcess } from './stations-in-process';
import { smallManualText } from '../domain/configuration/small-manual';
import { createSoftHsmFixture, type SoftHsmFixture } from '../hsm/softhsm-fixture';
import { buildClosedElection, type ClosedElection, type ClosedElectionOptions, type TrusteeToken } from './closed-election';
import { commandsFor } from './command-path';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from './postgres';
import { startTransparencyLog, type TestTransparencyLog } from './transparency-log';

export interface TalliedElection {
  pool: Pool;
  store: PostgresEventStore;
  tlog: TestTransparencyLog;
  tokens: TrusteeToken[];
  election: ClosedElection;
  commands: CommandBus;
  /** Stops the log and drops everything this made (schemas, tokens, pool). */
  dispose(): Promise<void>;
}

export interface TalliedElectionOptions extends Pick<ClosedElectionOptions, 'voters' | 'spoiled' | 'abstaining' | 'markedKinds'> {
  /** The closing export quotes the log's real signed checkpoint (else a placeholder, which V7 refuses). */
  quoteClosingCheckpoint?: boolean;
  /** Runs after closing, before the tally (e.g. to add sealed voter streams). */
  beforeTally?: (store: PostgresEventStore, election: ClosedElection, tlog: TestTransparencyLog) => Promise<void>;
}

export async function talliedElection(name: string, options: TalliedElectionOptions): Promise<TalliedElection> {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 6 });
  const hsm: SoftHsmFixture = createSoftHsmFixture(name, 3);
  const ledgerSchema = freshSchemaName(`${name}_ledger`);
  const logSchema = freshSchemaName(`${name}_log`);
  const store = new PostgresEventStore(pool, { schema: ledgerSchema, pollIntervalMs: 50 });
  await store.migrate();
  const tlog = await startTransparencyLog(pool, store, logSchema);
  const tokens = hsm.trustees.map((t, i) => ({ trusteeIndex: i + 1, tokenLabel: t.label, pin: t.pin }));
  const election = await buildClosedElection(store, {
    voters: options.voters, spoiled: options.spoiled, abstaining: options.abstaining, markedKinds: options.markedKinds, tokens, threshold: 2, manualText: smallManualText(),
    ...(options.quoteClosingCheckpoint ? { closingCheckpoint: () => tlog.closingCheckpoint() } : {}),
  });
  await options.beforeTally?.(store, election, tlog);
  await tlog.sync(); // the checkpoint after closing
  const commands = await commandsFor(store);
  // Trustees 1 and 2 decrypt at their stations (in this process, each in its own folder).
  const stationsDir = mkdtempSync(join(tmpdir(), `urna-${name}-stations-`));
  await new TallyService(store, commands).tally(election.electionId, tallyStationsInProcess(store, commands, election.electionId, tokens.slice(0, 2), { dir: stationsDir }));
  await tlog.sync();
  return {
    pool, store, tlog, tokens, election, commands,
    async dispose() {
      await tlog.stop();
      await store.close();
      await dropSchema(pool, ledgerSchema);
      await dropSchema(pool, logSchema);
      await pool.end();
      hsm.dispose();
      rmSync(stationsDir, { recursive: true, force: true });
    },
  };
}
