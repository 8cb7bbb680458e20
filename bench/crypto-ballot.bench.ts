/**
 * Ballot encryption and verification benchmark for the largest ballot style (entity 09:
 * 4 contests of 17 + 17 + 15 + 12 = 61 options). Writes bench/results/crypto-ballot.json.
 *   node -r urna-ts-register bench/crypto-ballot.bench.ts      (npm run bench -- crypto-ballot)
 * WORKERS (default 2), BALLOTS_PER_WORKER (default 128) and ROUNDS (default 3) can be set in
 * the environment.
 *
 * Every ballot is encrypted once here (@noble/curves, as in the booth: encrypt_ms_p50), signed
 * with its own voter credential, and every one is DISTINCT: WORKERS × BALLOTS_PER_WORKER
 * ballots, each worker verifying its own share once per run, with the signature and voter
 * binding checks of a cast ballot. Verification is measured for four modes (crypto-ballot.worker.ts):
 * libdecaf with batch verification (the default), libdecaf one ballot at a time, the libsodium
 * addon and @noble/curves. The machine is shared and noisy, so the modes run side by side in
 * ALTERNATING rounds (the order rotates each round) and every ratio to noble is taken within a
 * round, then the median over rounds is reported. The file records the commit, the date, the
 * backend and the load average at start and end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { group } from '../src/domain/crypto/active-group';
import type { BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../src/domain/crypto/ballot/encrypt-ballot';
import type { VerifyOptions } from '../src/domain/crypto/ballot/verify-ballot';
import { signingKey } from '../src/domain/crypto/credential/credential-signature';
import { electionContext } from '../src/domain/crypto/election-context';
import { encryptionTables } from '../src/domain/crypto/elgamal';
import { hash256, toHex, utf8 } from '../src/domain/crypto/hash';
import { randomScalar } from '../src/domain/crypto/scalar';
import { autoGroupBackend, describeGroupBackend } from '../src/parallel/group-backend';
import { nativeDecafBuilt } from '../src/parallel/native-decaf';
import { nativeSodiumBuilt } from '../src/parallel/native-sodium';
import type { VerifyMode } from './crypto-ballot.worker';
import { commitOfCheckout, loadAverage, machineRecord, median, roundTo } from './bench-record';

const WORKERS = Number(process.env.WORKERS ?? 2);
const BALLOTS_PER_WORKER = Number(process.env.BALLOTS_PER_WORKER ?? 128);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONTEST_SIZES = [17, 17, 15, 12];
const TARGET_PER_S = 400;
const TARGET_RATIO = 8;

const round = roundTo;

const style: BallotStyle = {
  id: 'entidad-09',
  contests: CONTEST_SIZES.map((n, c) => ({ id: `contienda-${c + 1}`, optionIds: Array.from({ length: n }, (_, i) => `opcion-${i + 1}`) })),
};

/** One run: WORKERS threads, each verifying its own distinct ballots once; wall time from "go". */
async function run(mode: VerifyMode, shares: { ballots: string[]; options: VerifyOptions[] }[], common: object): Promise<number> {
  const workerFile = join(__dirname, 'crypto-ballot.worker.ts');
  const ws = shares.map((share) => new Worker(`require('urna-ts-register'); require(${JSON.stringify(workerFile)});`, { eval: true, workerData: { ...common, ...share, mode } }));
  const next = (w: Worker) => new Promise<{ type: string; ok?: number }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  try {
    await Promise.all(ws.map(next)); // set up and warmed up
    const start = performance.now();
    const done = ws.map(next);
    ws.forEach((w) => w.postMessage('go'));
    const results = await Promise.all(done);
    const seconds = (performance.now() - start) / 1000;
    const total = shares.reduce((n, s) => n + s.ballots.length, 0);
    const ok = results.reduce((n, r) => n + (r.ok ?? 0), 0);
    if (ok !== total) throw new Error(`${mode}: ${total - ok} honest ballots were rejected`);
    return total / seconds;
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

async function main() {
  const loadBefore = loadAverage();
  const started = new Date().toISOString();
  const modes: VerifyMode[] = [
    ...(nativeDecafBuilt() ? (['decaf-batch', 'decaf-single'] as const) : []),
    ...(nativeSodiumBuilt() ? (['libsodium-native'] as const) : []),
    'noble',
  ];
  process.stderr.write(`${describeGroupBackend(autoGroupBackend())}\n`);

  // Distinct ballots, each cast by its own voter (signature, binding nonce), encrypted with noble.
  const secret = randomScalar();
  const publicKey = group.mul(group.generator, secret);
  const manifestHash = hash256('urna/bench/manifest', utf8('crypto-ballot bench'));
  const context = electionContext(manifestHash, publicKey);
  const tables = encryptionTables(publicKey);
  const total = WORKERS * BALLOTS_PER_WORKER;
  const ballots: string[] = [];
  const options: VerifyOptions[] = [];
  const encryptMs: number[] = [];
  for (let i = 0; i < total; i++) {
    const credential = signingKey(randomScalar());
    const pseudonym = `seudonimo-${i}`;
    const selections = Object.fromEntries(style.contests.map((c, ci) => [c.id, c.optionIds[(i * 7 + ci) % c.optionIds.length]]));
    const t = performance.now();
    const { ballot, secrets } = encryptBallot({ context, tables, style, pseudonym, credential, selections });
    encryptMs.push(performance.now() - t);
    ballots.push(JSON.stringify(ballot));
    options.push({ expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } });
    if ((i + 1) % 64 === 0) process.stderr.write(`  encrypted ${i + 1}/${total}\n`);
  }
  if (new Set(ballots).size !== total) throw new Error('the ballots are not distinct');
  const shares = Array.from({ length: WORKERS }, (_, w) => ({
    ballots: ballots.slice(w * BALLOTS_PER_WORKER, (w + 1) * BALLOTS_PER_WORKER),
    options: options.slice(w * BALLOTS_PER_WORKER, (w + 1) * BALLOTS_PER_WORKER),
  }));
  const common = { manifestHash: toHex(manifestHash), publicKey: toHex(group.encode(publicKey)), style };

  const runs: Record<string, number[]> = Object.fromEntries(modes.map((m) => [m, []]));
  const ratios: Record<string, number[]> = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = modes.map((_, i) => modes[(i + r) % modes.length]);
    const thisRound: Record<string, number> = {};
    for (const mode of order) {
      thisRound[mode] = await run(mode, shares, common);
      runs[mode].push(round(thisRound[mode]));
      process.stderr.write(`  round ${r + 1}/${ROUNDS} ${mode}: ${round(thisRound[mode])} ballots/s on ${WORKERS} workers (load ${loadAverage()[0]})\n`);
    }
    for (const mode of modes) ratios[mode].push(thisRound[mode] / thisRound.noble);
  }

  const perS = Object.fromEntries(modes.map((m) => [m, round(median(runs[m]))]));
  const ratio = Object.fromEntries(modes.map((m) => [m, round(median(ratios[m]), 2)]));
  const best = modes[0];
  const options61 = CONTEST_SIZES.reduce((a, b) => a + b, 0);
  const result = {
    benchmark: 'crypto-ballot',
    commit: commitOfCheckout(),
    measured_at: started,
    finished_at: new Date().toISOString(),
    group: group.name,
    style: style.id,
    contests: CONTEST_SIZES.length,
    options: options61,
    ballot_bytes: ballots[0].length,
    note: `verify_*: ${total} distinct ballots (${WORKERS} workers × ${BALLOTS_PER_WORKER}), each with its voter's signature and binding checked, verified once per run by the production path of each mode; modes alternate within each of ${ROUNDS} rounds (rotating order) and ratios to noble are taken within a round. encrypt_* are the booth's (@noble/curves), one core.`,
    encrypt_backend: '@noble/curves (JavaScript)',
    encryption_tables_note: 'encryption tables are built once, before timing',
    encrypt_ms_p50: round(median(encryptMs)),
    encrypt_ms_per_option: round(median(encryptMs) / options61, 2),
    verify_backend: autoGroupBackend(),
    verify_mode: best,
    verify_workers: WORKERS,
    verify_ballots_distinct: total,
    verify_ballots_per_s: perS[best],
    verify_ballots_per_s_runs: runs[best],
    verify_ratio_to_noble: ratio[best],
    verify_ballots_per_s_by_mode: perS,
    verify_ballots_per_s_runs_by_mode: runs,
    verify_ratio_to_noble_by_mode: ratio,
    verify_ms_per_ballot_per_worker_by_mode: Object.fromEntries(modes.map((m) => [m, round((WORKERS * 1000) / perS[m], 2)])),
    targets: { verify_ballots_per_s_min: TARGET_PER_S, verify_ratio_to_noble_min: TARGET_RATIO },
    targets_met: { verify_ballots_per_s: perS[best] >= TARGET_PER_S, verify_ratio_to_noble: ratio[best] >= TARGET_RATIO },
    machine: machineRecord(loadBefore, 'os.loadavg() (1, 5, 15 min) when the run started and ended; other jobs share this machine'),
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'crypto-ballot.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
