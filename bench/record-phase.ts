/**
 * One phase of bench/tally.bench.ts in a process of its own, so that its peak RSS is that
 * phase's (bench/max-rss-on-exit.ts reports it): `check-box` (the three trustee stations, in
 * this process, each checking the closing's box file and keeping its check, sealed, in its folder
 * under stationsDir: `urna trustee check-box` at the closing), `tally` (TallyService with the three
 * stations in this process, their folders under stationsDir) or `export` (the record folder,
 * exportRecord). `urna verify` runs as itself (src/verifier/urna-verify.ts). The job comes as
 * JSON in argv[2]; the result is one JSON line on stdout.
 */
import { Pool } from 'pg';
import { openCommandPath } from '../src/command-path/open-command-path';
import { CheckpointService } from '../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../src/ledger/checkpoint/software-note-signer';
import { MerkleLog } from '../src/ledger/merkle/merkle-log';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { selectGroupBackendFromEnv } from '../src/parallel/group-backend';
import { exportRecord } from '../src/record/export-record';
import { ballotBoxFile } from '../src/tally/ballot-box-source';
import { TallyService } from '../src/tally/tally-service';
import { checkBoxesInProcess, tallyStationsInProcess } from '../test/support/stations-in-process';

export interface TallyJob {
  phase: 'tally';
  schema: string;
  electionId: string;
  tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[];
  workers: number;
  boxFile: string;
  /** The stations' folders (with their kept checks of the box when a check-box job ran first). */
  stationsDir: string;
}

export interface BoxCheckJob extends Omit<TallyJob, 'phase'> {
  phase: 'check-box';
}

export interface ExportJob {
  phase: 'export';
  schema: string;
  logSchema: string;
  /** The log's key file and key name (the export reads checkpoints; it signs none). */
  logKeyFile: string;
  logKeyName: string;
  electionId: string;
  outDir: string;
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

async function tally(pool: Pool, job: TallyJob) {
  const store = new PostgresEventStore(pool, { schema: job.schema, pollIntervalMs: 50 });
  const t = performance.now();
  let ballotsDoneAt = t;
  const path = await openCommandPath(store);
  try {
    const outcome = await new TallyService(store, path.commands, {
      workers: job.workers,
      onProgress: (p) => {
        if (p.step === 'verifying' && p.done === p.total) ballotsDoneAt = performance.now();
      },
    }).tally(job.electionId, tallyStationsInProcess(store, path.commands, job.electionId, job.tokens.slice(0, 3), {
      dir: job.stationsDir, workers: job.workers, ballotBox: ballotBoxFile(job.boxFile),
    }));
    const tallyS = (performance.now() - t) / 1000;
    // Read + verify + add every ballot grows with N; unsealing, partial decryptions and publication do not.
    const ballotsS = (ballotsDoneAt - t) / 1000;
    return { tally_s: round(tallyS), tally_ballot_phase_s: round(ballotsS), tally_fixed_phase_s: round(tallyS - ballotsS), results: outcome.results };
  } finally {
    await path.close();
    await store.close();
  }
}

async function checkBoxes(pool: Pool, job: BoxCheckJob) {
  const store = new PostgresEventStore(pool, { schema: job.schema, pollIntervalMs: 50 });
  const path = await openCommandPath(store);
  const t = performance.now();
  try {
    await checkBoxesInProcess(store, path.commands, job.electionId, job.tokens.slice(0, 3), { dir: job.stationsDir, workers: job.workers, ballotBox: ballotBoxFile(job.boxFile) });
    return { stations_box_check_s: round((performance.now() - t) / 1000) };
  } finally {
    await path.close();
    await store.close();
  }
}

async function exportPhase(pool: Pool, job: ExportJob) {
  const store = new PostgresEventStore(pool, { schema: job.schema, pollIntervalMs: 50 });
  const log = new MerkleLog(pool, { schema: job.logSchema });
  const signer = SoftwareNoteSigner.fromKeyFile(job.logKeyFile, job.logKeyName);
  const checkpoints = new CheckpointService(pool, log, signer);
  const t = performance.now();
  try {
    await exportRecord({ store, log, checkpoints, logPublicKey: signer.publicKey, electionId: job.electionId, outDir: job.outDir, tar: false });
    return { export_s: round((performance.now() - t) / 1000) };
  } finally {
    await store.close();
  }
}

async function main() {
  const job = JSON.parse(process.argv[2]) as TallyJob | BoxCheckJob | ExportJob;
  // As the service and the stations do: this thread's deciders and stations use the workers' backend.
  await selectGroupBackendFromEnv();
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
  try {
    const result = job.phase === 'tally' ? await tally(pool, job) : job.phase === 'check-box' ? await checkBoxes(pool, job) : await exportPhase(pool, job);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
