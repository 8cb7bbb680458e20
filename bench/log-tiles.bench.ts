/**
 * The transparency log's read API over HTTP at 1,000,000 leaves (issue 14 §6): p50/p95 of
 * inclusion and consistency proofs (target ≤ 2 ms p50), of a hash tile (target ≤ 1 ms p50) and
 * of an entry bundle, measured on loopback against the real service (Nest + Express +
 * PostgreSQL) with one keep-alive connection; then the time for Go's sumdb/tlog client
 * (test/go-tiles-client) to download the whole log through the tiles and verify every leaf
 * from its raw bytes, the tree and the checkpoint history.
 * The leaves (≈3.4 KB each, like a ballot's entry, stored uncompressed) go straight into the
 * log's tables in bulk SQL (test/support/bulk-merkle-log.ts), not through the command path.
 * Writes bench/results/log-tiles.json.
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register bench/log-tiles.bench.ts
 * LEAVES, LEAF_BYTES, SAMPLES and PARALLEL can be overridden through the environment.
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../src/config/configuration';
import { CheckpointService } from '../src/ledger/checkpoint/checkpoint-service';
import { formatVerifierKey } from '../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../src/ledger/checkpoint/software-note-signer';
import { LedgerModule } from '../src/ledger/ledger.module';
import { MerkleLog } from '../src/ledger/merkle/merkle-log';
import { formatTilePath } from '../src/ledger/merkle/tile-path';
import { bulkLoadLeaves } from '../test/support/bulk-merkle-log';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const LEAVES = Number(process.env.LEAVES ?? 1_000_000);
const LEAF_BYTES = Number(process.env.LEAF_BYTES ?? 3_400);
const SAMPLES = Number(process.env.SAMPLES ?? 2_000);
const PARALLEL = Number(process.env.PARALLEL ?? 4);
const ORIGIN = 'bench.urna.example/log/tiles';
const run = promisify(execFile);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (x: number, digits = 3) => +x.toFixed(digits);

/** One keep-alive connection, like a client reusing its socket. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function timeMany(n: number, url: () => string): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const u = url();
    const t = process.hrtime.bigint();
    const res = await get(u);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 200) throw new Error(`GET ${u}: ${res.status}`);
    bytes += res.bytes;
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), bytes: Math.round(bytes / n) };
}

async function timeGet(url: string): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await get(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function timeCall(f: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main() {
  const loadStart = loadavg()[0];
  const suffix = randomBytes(4).toString('hex');
  const logSchema = `log_tiles_bench_${suffix}`;
  const ledgerSchema = `log_tiles_bench_ledger_${suffix}`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const signer = SoftwareNoteSigner.generate(ORIGIN);

  @Module({
    imports: [
      LedgerModule.forRoot(loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL }), { schema: ledgerSchema }),
      // publicReads off: this bench times the answers, 2,000 of each kind from one client, which
      // the per-address budget of uncacheable reads (public-read-limit.ts, 1,200 at once) refuses
      // by design; what the budget does is tested in test/abuse/public-read-limit.pg.spec.ts.
      BulletinBoardModule.forRoot({ origin: ORIGIN, signer, schema: logSchema, runWriters: false, publicReads: false }),
    ],
  })
  class BenchModule {}

  const app: INestApplication = await NestFactory.create(BenchModule, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/log`;

  process.stderr.write(`building ${LEAVES} leaves of ~${LEAF_BYTES} bytes in bulk SQL\n`);
  const buildStart = Date.now();
  await bulkLoadLeaves(pool, logSchema, LEAVES, { leafBytes: LEAF_BYTES, uncompressed: true, progress: (l) => process.stderr.write(`${l}\n`) });
  const buildSeconds = (Date.now() - buildStart) / 1000;
  const checkpoints = app.get(CheckpointService);
  await checkpoints.checkpointNow(); // the empty tree
  const signed = await checkpoints.checkpointNow();
  if (signed.size !== LEAVES) throw new Error(`checkpoint of ${signed.size}, expected ${LEAVES}`);
  const log = app.get(MerkleLog);
  const size = LEAVES;
  const fullTiles = Math.floor(size / 256);

  // Warm-up: plans prepared on the pooled connections, the hot part of the tables in cache.
  await timeMany(300, () => `${base}/proof/inclusion?index=${randomInt(0, size)}&size=${size}`);
  await timeMany(300, () => `${base}/${formatTilePath({ level: 0, index: randomInt(0, fullTiles), width: 256 })}`);

  // Round robin: one request of each kind per turn, so that every kind sees the same load on
  // the machine (measured one kind after another, a busy minute lands on one kind only).
  process.stderr.write(`measuring ${SAMPLES} requests of each kind over HTTP, interleaved\n`);
  const kinds: Record<string, () => Promise<number>> = {
    inclusion: () => timeGet(`${base}/proof/inclusion?index=${randomInt(0, size)}&size=${size}`),
    consistency: () => {
      const m = randomInt(1, size);
      return timeGet(`${base}/proof/consistency?from=${m}&to=${randomInt(m, size + 1)}`);
    },
    tile: () => timeGet(`${base}/${formatTilePath({ level: 0, index: randomInt(0, fullTiles), width: 256 })}`),
    tileLevel1: () => timeGet(`${base}/${formatTilePath({ level: 1, index: randomInt(0, Math.max(1, Math.floor(size / 65_536))), width: size >= 65_536 ? 256 : Math.floor(size / 256) || 1 })}`),
    partialTile: () => timeGet(`${base}/${formatTilePath({ level: 0, index: fullTiles, width: size % 256 || 256 })}`),
    latestCheckpoint: () => timeGet(`${base}/checkpoint`),
    // No database: what HTTP, Express and Nest cost by themselves.
    key: () => timeGet(`${base}/key`),
    inProcessInclusion: () => timeCall(() => log.inclusionProofWithRoot(randomInt(0, size), size)),
    inProcessConsistency: () => timeCall(() => {
      const m = randomInt(1, size);
      return log.consistencyProofWithRoots(m, randomInt(m, size + 1));
    }),
    inProcessTile: () => timeCall(() => log.nodeHashRun(0, randomInt(0, fullTiles) * 256, 256)),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < SAMPLES; i++) for (const [k, f] of Object.entries(kinds)) times[k].push(await f());
  const stats = (k: string) => {
    const t = times[k].sort((a, b) => a - b);
    return { p50: round(percentile(t, 50)), p95: round(percentile(t, 95)) };
  };
  const inclusion = stats('inclusion');
  const consistency = stats('consistency');
  const tile0 = stats('tile');
  const tile1 = stats('tileLevel1');
  const partialTile = stats('partialTile');
  const latest = stats('latestCheckpoint');
  const key = stats('key');
  const inProcessInclusion = stats('inProcessInclusion');
  const inProcessConsistency = stats('inProcessConsistency');
  const inProcessTile = stats('inProcessTile');
  // Bundles are ~870 KB each: fewer of them, after the rest.
  const bundle = await timeMany(Math.min(SAMPLES, 300), () => `${base}/${formatTilePath({ level: 'entries', index: randomInt(0, fullTiles), width: 256 })}`);

  // The whole log through the tiles, verified by Go's sumdb/tlog (when Go is installed).
  let download: Record<string, unknown> = { skipped: 'go or /usr/share/gocode missing (scripts/ensure-system-packages.sh installs them)' };
  const dir = mkdtempSync(join(tmpdir(), 'urna-bench-go-'));
  try {
    const binary = join(dir, 'go-tiles-client');
    await run('go', ['build', '-o', binary, './test/go-tiles-client'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOFLAGS: '', GOENV: 'off', GOCACHE: join(tmpdir(), 'urna-go-cache'), GOPROXY: 'off' },
    });
    process.stderr.write(`downloading and verifying the whole log through the tiles (Go sumdb/tlog, ${PARALLEL} bundles at once)\n`);
    const t = Date.now();
    const { stdout } = await run(binary, ['-log', base, '-vkey', formatVerifierKey(ORIGIN, signer.publicKey), '-samples', '20', '-parallel', String(PARALLEL)], {
      maxBuffer: 1 << 20,
      timeout: 3_600_000,
    });
    const wall = (Date.now() - t) / 1000;
    const summary = JSON.parse(stdout.trim().split('\n')[0]) as Record<string, number>;
    download = {
      verified: stdout.trim().endsWith('OK'),
      download_and_verify_seconds: round(summary.download_and_verify_seconds, 1),
      client_total_seconds: round(wall, 1),
      entry_bundles: summary.bundles,
      requests: summary.requests,
      bytes_downloaded: summary.bytes_downloaded,
      entry_bytes: summary.entry_bytes,
      leaves_per_second: Math.round(size / summary.download_and_verify_seconds),
      mib_per_second: round(summary.bytes_downloaded / 2 ** 20 / summary.download_and_verify_seconds, 1),
      parallel_bundles: PARALLEL,
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const tableBytes = Number(
    (await pool.query(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [logSchema])).rows[0].b,
  );
  await app.close();
  await pool.query(`DROP SCHEMA "${logSchema}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${ledgerSchema}" CASCADE`);
  await pool.end();
  agent.destroy();

  const result = {
    ...runRecord(LOAD_AT_START, 'Nest + Express over loopback HTTP, PostgreSQL (embedded unless DATABASE_URL)'),
    benchmark: 'log-tiles',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
    // Other work on the machine during the run (1-minute load average at start and end): the
    // latencies are only comparable between runs on equally quiet machines.
    load_average: { start: round(loadStart, 2), end: round(loadavg()[0], 2) },
    transport: 'HTTP/1.1 on loopback, one keep-alive connection, Nest + Express, PostgreSQL (embedded unless DATABASE_URL)',
    leaves: size,
    leaf_bytes_avg: LEAF_BYTES,
    build_seconds_bulk_sql: round(buildSeconds, 1),
    storage_mib: round(tableBytes / 2 ** 20, 1),
    samples: SAMPLES,
    inclusion_proof_http_p50_ms: inclusion.p50,
    inclusion_proof_http_p95_ms: inclusion.p95,
    consistency_proof_http_p50_ms: consistency.p50,
    consistency_proof_http_p95_ms: consistency.p95,
    tile_http_p50_ms: tile0.p50,
    tile_http_p95_ms: tile0.p95,
    tile_level1_http_p50_ms: size >= 65_536 ? tile1.p50 : null,
    tile_level1_http_p95_ms: size >= 65_536 ? tile1.p95 : null,
    partial_tile_http_p50_ms: partialTile.p50,
    entry_bundle_http_p50_ms: bundle.p50,
    entry_bundle_http_p95_ms: bundle.p95,
    entry_bundle_bytes_avg: bundle.bytes,
    latest_checkpoint_http_p50_ms: latest.p50,
    key_http_p50_ms_no_database: key.p50,
    in_process_inclusion_p50_ms: inProcessInclusion.p50,
    in_process_inclusion_p95_ms: inProcessInclusion.p95,
    in_process_consistency_p50_ms: inProcessConsistency.p50,
    in_process_tile_p50_ms: inProcessTile.p50,
    targets_p50_ms: { inclusion: 2, consistency: 2, tile: 1 },
    targets_met: { inclusion: inclusion.p50 <= 2, consistency: consistency.p50 <= 2, tile: tile0.p50 <= 1 },
    full_log_through_tiles: download,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'log-tiles.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
