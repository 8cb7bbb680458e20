/**
 * Tally cryptography benchmarks (issue 3): homomorphic aggregation, the bounded discrete log,
 * partial decryption with its proof, its verification, and the combination of t shares.
 *   node -r urna-ts-register bench/crypto-tally.bench.ts   → bench/results/crypto-tally.json
 * Shared VMs are noisy: medians of several runs are reported, with the raw runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { electionContext } from '../src/domain/crypto/election-context';
import { encrypt, encryptionTables, generatorBase, type Ciphertext } from '../src/domain/crypto/elgamal';
import { hash256, utf8 } from '../src/domain/crypto/hash';
import { randomScalar } from '../src/domain/crypto/scalar';
import {
  combinePartialDecryptions,
  decryptionScope,
  DiscreteLogTable,
  partialDecrypt,
  sumCiphertexts,
  verifyPartialDecryption,
} from '../src/domain/crypto/tally';
import { readElement } from '../src/domain/crypto/ceremony/wire';
import { simulateCeremony } from '../test/domain/crypto/ceremony/simulate-ceremony';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
function time<T>(f: () => T): [number, T] {
  const start = now();
  const out = f();
  return [now() - start, out];
}

const startedAt = new Date().toISOString();
const loadStart = loadavg().map((x) => round(x, 2));

// A 5-trustee, threshold-3 key from a real ceremony.
const [ceremonyMs, ceremony] = time(() => simulateCeremony({ ceremonyId: 'bench-5-of-3', n: 5, t: 3 }));
const keys = ceremony.keys!;
const k1 = keys.get(1)!;
const context = electionContext(hash256('urna/bench/manifest', utf8('bench')), k1.publicKey);
const tables = encryptionTables(k1.publicKey);

// 1. Aggregation: 100,000 ciphertexts of one option (1,000 distinct ones cycled: an addition costs
// the same whatever the points), extrapolated linearly to 1,000,000.
const distinct: Ciphertext[] = Array.from({ length: 1000 }, (_, k) => encrypt(tables, BigInt(k % 2), randomScalar()));
const AGG_N = 100_000;
const aggRuns: number[] = [];
for (let run = 0; run < 3; run++) {
  const [ms] = time(() => sumCiphertexts((function* () { for (let k = 0; k < AGG_N; k++) yield distinct[k % distinct.length]; })()));
  aggRuns.push(ms);
}
const aggMs = median(aggRuns);

// 2. Discrete log up to 10^7: table build, then worst cases near the top of the range.
const MAX = 10_000_000;
const [buildMs, table] = time(() => new DiscreteLogTable(MAX));
const dlogRuns: number[] = [];
for (const m of [MAX, MAX - 1, MAX - 12_345, MAX, MAX - 7]) {
  const target = generatorBase().mul(BigInt(m));
  const [ms, found] = time(() => table.solve(target));
  if (found !== m) throw new Error(`dlog wrong: ${found} ≠ ${m}`);
  dlogRuns.push(ms);
}
const typicalRuns: number[] = [];
for (let k = 0; k < 5; k++) {
  const m = Math.floor(Math.random() * MAX);
  const [ms, found] = time(() => table.solve(generatorBase().mul(BigInt(m))));
  if (found !== m) throw new Error('dlog wrong');
  typicalRuns.push(ms);
}

// 3. Partial decryption + proof, its verification, and combination of 3 shares.
const total = sumCiphertexts(distinct.slice(0, 100));
const scope = decryptionScope(context, '00'.repeat(32), 100);
const pdRuns: number[] = [];
const verifyRuns: number[] = [];
const partials = [1, 2, 3, 4, 5].map((j) => {
  const [ms, p] = time(() => partialDecrypt(scope, 'option-1', total, j, keys.get(j)!.share));
  pdRuns.push(ms);
  return p;
});
for (let run = 0; run < 4; run++) {
  for (const p of partials) {
    const [ms, v] = time(() => verifyPartialDecryption(scope, 'option-1', total, k1.verificationKeys, p));
    if (!v.ok) throw new Error('partial decryption should verify');
    verifyRuns.push(ms);
  }
  for (const j of [1, 2, 3, 4, 5]) pdRuns.push(time(() => partialDecrypt(scope, 'option-1', total, j, keys.get(j)!.share))[0]);
}
const shares = partials.slice(0, 3).map((p) => {
  const d = readElement(p.share, 'b', 'b');
  if (!d.ok) throw new Error(d.failure.reason);
  return { trustee: p.trustee, share: d.value };
});
const combineRuns: number[] = [];
for (let run = 0; run < 15; run++) combineRuns.push(time(() => combinePartialDecryptions(total, shares, 3))[0]);
const m = combinePartialDecryptions(total, shares, 3);
if (table.solve(m) !== 50) throw new Error('tally of the 100 test ciphertexts should be 50');

const results = {
  benchmark: 'crypto-tally',
  commit: (() => {
    try {
      return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })(),
  measured_at: startedAt,
  finished_at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, memory_gib: round(totalmem() / 2 ** 30, 1), node: process.version, load_average_start: loadStart, load_average_end: loadavg().map((x) => round(x, 2)) },
  group: 'ristretto255 (@noble/curves, pure JS, one core)',
  // Named as what it is: a linear extrapolation, without the decoding of the ciphertexts.
  aggregate_1m_ciphertexts_s_extrapolated: round((aggMs * (1_000_000 / AGG_N)) / 1000, 2),
  aggregate_note: `EXTRAPOLATED linearly from ${AGG_N.toLocaleString('en')} ciphertexts (median of ${aggRuns.length} runs: ${aggRuns.map((x) => round(x, 0)).join(', ')} ms); per option, two point additions per ciphertext on points already decoded: decoding (≈ 2 × 4.5 µs per ciphertext natively) is NOT included`,
  aggregate_100k_ciphertexts_ms: round(aggMs, 1),
  dlog_max_10m_ms: round(median(dlogRuns), 2),
  dlog_max_10m_runs_ms: dlogRuns.map((x) => round(x, 2)),
  dlog_uniform_10m_ms: round(median(typicalRuns), 2),
  dlog_table_entries: table.babySteps,
  dlog_giant_steps_worst_case: table.giantSteps,
  dlog_table_build_ms: round(buildMs, 0),
  partial_decryption_with_proof_ms: round(median(pdRuns), 3),
  partial_decryption_verify_ms: round(median(verifyRuns), 3),
  combine_3_of_5_ms: round(median(combineRuns), 3),
  ceremony_5_of_3_simulated_total_ms: round(ceremonyMs, 0),
  ceremony_note: 'all five trustees run in one process: rounds 1 and 2, every share check, every trustee finalizing (each re-verifies the transcript)',
};
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'crypto-tally.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
