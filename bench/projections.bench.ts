/**
 * Projection throughput: a ledger of a roll and N cast ballots, then a full rebuild of the
 * turnout projection (one transaction per event, the position moving with the rows), and the
 * turnout query on the result. Writes bench/results/projections.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { BoardQueries } from '../src/projections/board-queries';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { resultsProjection } from '../src/projections/results-projection';
import { turnoutProjection } from '../src/projections/turnout-projection';
import { appendBallot, appendRoll, ELECTION } from '../test/projections/board-events';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const N = Number(process.env.BENCH_BALLOTS ?? 3000);

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const suffix = Date.now().toString(36);
  const ledgerSchema = `bench_proj_ledger_${suffix}`;
  const schema = `bench_proj_${suffix}`;
  const store = new PostgresEventStore(pool, { schema: ledgerSchema });
  await store.migrate();
  await appendRoll(store, Array.from({ length: N }, (_, i) => ({ pseudonym: `M${i}`, entity: String(1 + (i % 32)).padStart(2, '0') })));
  for (let i = 0; i < N; i++) await appendBallot(store, `M${i}`, new Date(Date.now() - i * 1000).toISOString());
  const runner = new ProjectionRunner(store, pool, [turnoutProjection, resultsProjection], { schema });
  await runner.migrate();
  const events = await store.head();
  const t0 = performance.now();
  await runner.rebuild('turnout');
  const rebuildMs = performance.now() - t0;
  const queries = new BoardQueries(pool, schema);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await queries.turnout(ELECTION);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = {
    ...runRecord(LOAD_AT_START, 'PostgreSQL (embedded unless DATABASE_URL), in process'),
    machine: '2 vCPU shared VM',
    ballots: N,
    events,
    turnoutRebuildMs: Math.round(rebuildMs),
    eventsPerSecond: Math.round(events / (rebuildMs / 1000)),
    turnoutQueryP50Ms: Number(times[10].toFixed(2)),
  };
  console.log(JSON.stringify(result));
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'projections.json'), JSON.stringify(result, null, 2) + '\n');
  await store.close();
  await pool.query(`DROP SCHEMA IF EXISTS "${ledgerSchema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
