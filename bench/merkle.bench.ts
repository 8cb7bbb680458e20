/**
 * Merkle log benchmark: builds a log of 1,000,000 leaves (~200 B synthetic leaf data) in
 * PostgreSQL through MerkleLog.append in large batches (the same code path the sequencer
 * uses), then measures p50/p95 of inclusion and consistency proofs at random indexes/sizes
 * (served and verified, like the API does). Writes bench/results/merkle.json.
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register bench/merkle.bench.ts
 * LEAVES and SAMPLES can be overridden through the environment.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { hashLeaf } from '../src/ledger/merkle/hash';
import { MerkleLog } from '../src/ledger/merkle/merkle-log';
import { nodeSha256 } from '../src/ledger/merkle/node-sha256';
import { verifyConsistency, verifyInclusion } from '../src/ledger/merkle/verify';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const LEAVES = Number(process.env.LEAVES ?? 1_000_000);
const SAMPLES = Number(process.env.SAMPLES ?? 2_000);
const BATCH = 25_000;

function leafData(i: number): Uint8Array {
  // ~200 bytes, shaped like a public entry
  return new TextEncoder().encode(
    JSON.stringify({ format: 'urna-leaf/1', position: i, type: 'ballot.cast', version: 1, data: { tracking: randomBytes(32).toString('hex'), pad: 'x'.repeat(40) } }),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeMany(n: number, f: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const schema = `merkle_bench_${randomBytes(4).toString('hex')}`;
  const log = new MerkleLog(pool, { schema });
  await log.migrate();
  let peakRss = process.memoryUsage().rss;
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  const buildStart = Date.now();
  const sampleData = new Map<number, Uint8Array>();
  for (let start = 0; start < LEAVES; start += BATCH) {
    const datas = Array.from({ length: Math.min(BATCH, LEAVES - start) }, (_, j) => leafData(start + j));
    if (start % 100_000 === 0) sampleData.set(start, datas[0]);
    await log.append(datas);
    if ((start / BATCH) % 8 === 0) process.stderr.write(`  built ${start + datas.length} leaves (${((Date.now() - buildStart) / 1000).toFixed(1)} s)\n`);
  }
  const buildSeconds = (Date.now() - buildStart) / 1000;
  const size = await log.size();
  const root = await log.root(size);
  // sanity: a proof of a known leaf verifies
  for (const [i, d] of sampleData) verifyInclusion(i, size, hashLeaf(d, nodeSha256), await log.inclusionProof(i, size), root, nodeSha256);

  // Proofs at random sizes too (roots for random sizes are read once, outside the timing).
  const inclusion = await timeMany(SAMPLES, async () => {
    const index = randomInt(0, size);
    await log.inclusionProof(index, size);
  });
  const consistency = await timeMany(SAMPLES, async () => {
    const m = randomInt(1, size);
    const n = randomInt(m, size + 1);
    await log.consistencyProof(m, n);
  });
  // verify a handful of consistency proofs end to end
  for (let i = 0; i < 20; i++) {
    const m = randomInt(1, size);
    verifyConsistency(m, size, await log.consistencyProof(m, size), await log.root(m), root, nodeSha256);
  }
  const tableBytes = Number(
    (await pool.query(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [schema])).rows[0].b,
  );
  clearInterval(watch);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();

  const result = {
    ...runRecord(LOAD_AT_START, 'PostgreSQL (embedded unless DATABASE_URL), in process'),
    benchmark: 'merkle',
    date: new Date().toISOString(),
    node: process.version,
    leaves: size,
    leaf_bytes_avg: Math.round([...sampleData.values()].reduce((a, d) => a + d.length, 0) / sampleData.size),
    build_seconds: buildSeconds,
    build_leaves_per_second: Math.round(size / buildSeconds),
    samples: SAMPLES,
    inclusion_proof_p50_ms: +percentile(inclusion, 50).toFixed(3),
    inclusion_proof_p95_ms: +percentile(inclusion, 95).toFixed(3),
    consistency_proof_p50_ms: +percentile(consistency, 50).toFixed(3),
    consistency_proof_p95_ms: +percentile(consistency, 95).toFixed(3),
    target_p50_ms: 2,
    storage_mib: +(tableBytes / 2 ** 20).toFixed(1),
    peak_rss_mib: +(peakRss / 2 ** 20).toFixed(1),
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'merkle.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
