/**
 * How fast test/support/closed-election.ts builds a closed election of the simulacro's shape
 * (the tally and large-record benches spend most of their time here): per voter, with the cast
 * ballots encrypted in this thread just before each cast (encryptionWorkers 0, as before
 * 2026-12-04) and in 2 worker threads ahead of the casting loop, alternated in one run on fresh
 * ledgers (A B A B …), with this thread's split of the casting loop: encrypting or waiting for
 * the workers, and the two production commands (CastBallot + PublishCastBallot) per voter.
 *   VOTERS (default 1000), ROUNDS (default 2: each setting built ROUNDS times), SETTINGS (default "0,2")
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register bench/build-election.bench.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Pool } from 'pg';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { selectGroupBackendFromEnv } from '../src/parallel/group-backend';
import { createSoftHsmFixture } from '../test/hsm/softhsm-fixture';
import { buildClosedElection } from '../test/support/closed-election';
import { dropSchema, freshSchemaName } from '../test/support/postgres';
import { commitOfCheckout, loadAverage, machineRecord, median, roundTo } from './bench-record';

const VOTERS = Number(process.env.VOTERS ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SETTINGS = (process.env.SETTINGS ?? '0,2').split(',').map(Number);
/** The commit when the run started: other work lands on this checkout while a long run goes on. */
const COMMIT_AT_START = commitOfCheckout();

async function main() {
  const loadAtStart = loadAverage();
  const backend = await selectGroupBackendFromEnv();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through scripts/with-postgres.ts');
  const pool = new Pool({ connectionString: url, max: 6 });
  const hsm = createSoftHsmFixture('bench-build', 5);
  const tokens = hsm.trustees.map((x, i) => ({ trusteeIndex: i + 1, tokenLabel: x.label, pin: x.pin }));
  const runs: { workers: number; round: number; build_s: number; ms_per_voter: number; casting_loop_ms_per_voter: number; encrypt_wait_ms_per_voter: number; commands_ms_per_voter: number; load: number[] }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of SETTINGS) {
        const schema = freshSchemaName('bench_build');
        const store = new PostgresEventStore(pool, { schema, pollIntervalMs: 50 });
        await store.migrate();
        try {
          const t = performance.now();
          const election = await buildClosedElection(store, { voters: VOTERS, tokens, threshold: 3, sealShares: false, encryptionWorkers: workers });
          const buildMs = performance.now() - t;
          const { encryptMs, commandsMs } = election.castingTimes;
          const run = {
            workers, round, build_s: roundTo(buildMs / 1000), ms_per_voter: roundTo(buildMs / VOTERS, 2),
            casting_loop_ms_per_voter: roundTo((encryptMs + commandsMs) / VOTERS, 2),
            encrypt_wait_ms_per_voter: roundTo(encryptMs / VOTERS, 2), commands_ms_per_voter: roundTo(commandsMs / VOTERS, 2), load: loadAverage(),
          };
          process.stderr.write(`${JSON.stringify(run)}\n`);
          runs.push(run);
        } finally {
          await store.close();
          await dropSchema(pool, schema);
        }
      }
    }
  } finally {
    await pool.end();
    hsm.dispose();
  }
  const summary = Object.fromEntries(SETTINGS.map((w) => {
    const mine = runs.filter((r) => r.workers === w);
    return [`workers_${w}`, {
      ms_per_voter_median: median(mine.map((r) => r.ms_per_voter)),
      encrypt_wait_ms_per_voter_median: median(mine.map((r) => r.encrypt_wait_ms_per_voter)),
      commands_ms_per_voter_median: median(mine.map((r) => r.commands_ms_per_voter)),
    }];
  }));
  const result = {
    benchmark: 'build-election',
    commit: COMMIT_AT_START,
    commit_at_end: commitOfCheckout(),
    measured_at: new Date().toISOString(),
    machine: machineRecord(loadAtStart, 'shared 2-core VM; other agents ran tests and benches'),
    group_backend: backend,
    election: `simulacro-2024 manifest, ${VOTERS} voters (32 ballot styles spread evenly), 5 trustees (shares not sealed: the build only)`,
    settings: 'encryptionWorkers 0: this thread encrypts each cast ballot just before casting it; 2: two worker threads encrypt ahead of the casting loop (4 ballots per worker in flight). Casting in this thread through CastBallotCommand + PublishCastBallotCommand in both.',
    summary,
    runs,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/build-election.json', `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
