/**
 * Ledger append throughput on PostgreSQL (the embedded server when run through
 * scripts/with-postgres.ts), with durable commits (fsync and synchronous_commit on):
 *   - append_events_per_s_batched: appends of 100 events each, one writer;
 *   - append_events_per_s_single: one event per append (one durable commit each), 1 writer,
 *     and N concurrent writers (commits queue on the head row, see ledger-schema.ts).
 * Writes bench/results/ledger-append.json.
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register bench/ledger-append.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { NewEvent } from '../src/ledger/event-store';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const BATCHED_EVENTS = Number(process.env.BENCH_BATCHED_EVENTS ?? 100_000);
const BATCH_SIZE = 100;
const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE_EVENTS ?? 3_000);
const CONCURRENT_WRITERS = 8;

/** Random payloads drawn once, so the timed loops measure the ledger, not the generator. */
const PAYLOADS = Array.from({ length: 1_000 }, () => ({
  tracking: randomBytes(32).toString('hex'),
  ciphertexts: Array.from({ length: 10 }, () => randomBytes(64).toString('base64')),
}));

/** An event of ~1 kB of data, about a ballot-cast record's size. */
function sampleEvent(n: number): NewEvent {
  return {
    type: 'bench.ballot-cast',
    version: 1,
    data: { n, ...PAYLOADS[n % PAYLOADS.length] },
    metadata: { actor: 'bench:writer', correlationId: `bench-${n}` },
    visibility: 'public',
  };
}

async function timed(run: () => Promise<number>): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  const started = process.hrtime.bigint();
  const events = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds: round(seconds, 3), eventsPerSecond: round(events / seconds, 0) };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through scripts/with-postgres.ts');
  const pool = new Pool({ connectionString: url, max: CONCURRENT_WRITERS + 2 });
  const schema = `ledger_bench_${randomBytes(4).toString('hex')}`;
  const store = new PostgresEventStore(pool, { schema, isKnownType: (type) => type === 'bench.ballot-cast' });
  await store.migrate();
  const settings = await pool.query(`SELECT version() AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`);

  const batched = await timed(async () => {
    for (let i = 0; i < BATCHED_EVENTS / BATCH_SIZE; i++) {
      const batch = Array.from({ length: BATCH_SIZE }, (_, k) => sampleEvent(i * BATCH_SIZE + k));
      await store.append(`batch-${i % 50}`, batch, 'any');
    }
    return BATCHED_EVENTS;
  });
  console.log(`batched (${BATCH_SIZE}/append): ${batched.eventsPerSecond} events/s`);

  const single = await timed(async () => {
    for (let i = 0; i < SINGLE_EVENTS; i++) await store.append(`single-${i % 50}`, [sampleEvent(i)], 'any');
    return SINGLE_EVENTS;
  });
  console.log(`single, 1 writer: ${single.eventsPerSecond} events/s`);

  const concurrent = await timed(async () => {
    const perWriter = Math.ceil(SINGLE_EVENTS / CONCURRENT_WRITERS);
    await Promise.all(
      Array.from({ length: CONCURRENT_WRITERS }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await store.append(`voter-${w}-${i}`, [sampleEvent(i)], 'no_stream');
      }),
    );
    return perWriter * CONCURRENT_WRITERS;
  });
  console.log(`single, ${CONCURRENT_WRITERS} writers: ${concurrent.eventsPerSecond} events/s`);

  const head = await store.head();
  const dense = await pool.query(`SELECT count(*)::bigint = max(position) + 1 AS dense FROM "${schema}".events`);
  await store.close();
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();

  const result = {
    ...runRecord(LOAD_AT_START, 'PostgreSQL (embedded unless DATABASE_URL), fsync on'),
    benchmark: 'ledger-append',
    adapter: 'postgres',
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
    postgres: { version: String(settings.rows[0].version).split(' on ')[0], fsync: settings.rows[0].fsync, synchronousCommit: settings.rows[0].synchronous_commit },
    eventDataBytes: Buffer.byteLength(JSON.stringify(sampleEvent(0).data)),
    append_events_per_s_batched: batched.eventsPerSecond,
    append_events_per_s_single: single.eventsPerSecond,
    append_events_per_s_single_concurrent: concurrent.eventsPerSecond,
    targets: { append_events_per_s_batched: 5_000, append_events_per_s_single: 300 },
    details: { batched: { ...batched, batchSize: BATCH_SIZE }, single: { ...single, writers: 1 }, singleConcurrent: { ...concurrent, writers: CONCURRENT_WRITERS } },
    totalEvents: head,
    positionsDense: dense.rows[0].dense,
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'ledger-append.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
