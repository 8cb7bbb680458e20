/**
 * Worker thread of bench/crypto-ballot.bench.ts: verifies its share of distinct ballots through
 * the production path of one verification mode and reports how many it accepted. Loaded
 * through urna-ts-register. Modes:
 *   decaf-batch       libdecaf, native batch verification (crypto-tasks.ts verifyBallotChunkNative)
 *   decaf-single      the same, one ballot per call (as the cast path verifies)
 *   libsodium-native  the libsodium addon behind the Group interface, MSM batches of 16
 *   noble             @noble/curves, MSM batches of 16 (verify-ballot.ts)
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import type { VerifyOptions } from '../src/domain/crypto/ballot/verify-ballot';
import { cryptoEnvironment, verifyBallotChunk, verifyBallotChunkNative } from '../src/parallel/crypto-tasks';
import { selectGroupBackend, type GroupBackendName } from '../src/parallel/group-backend';

export type VerifyMode = 'decaf-batch' | 'decaf-single' | 'libsodium-native' | 'noble';
export const BACKEND_OF: Record<VerifyMode, GroupBackendName> = { 'decaf-batch': 'decaf-native', 'decaf-single': 'decaf-native', 'libsodium-native': 'libsodium-native', noble: 'noble' };

interface Job {
  mode: VerifyMode;
  manifestHash: string;
  publicKey: string;
  style: BallotStyle;
  ballots: string[];
  options: VerifyOptions[];
}

const job = workerData as Job;

async function start() {
  const groupBackend = BACKEND_OF[job.mode];
  await selectGroupBackend(groupBackend);
  const env = cryptoEnvironment({ manifestHash: job.manifestHash, publicKey: job.publicKey, styles: [job.style], groupBackend });
  const ballots = job.ballots.map((b) => JSON.parse(b) as unknown);
  const verify = (from: number, to: number): number => {
    const slice = ballots.slice(from, to);
    const options = job.options.slice(from, to);
    const out = job.mode === 'decaf-single'
      ? slice.map((b, i) => verifyBallotChunkNative(env, [b], [options[i]]).verdicts[0])
      : job.mode === 'decaf-batch' ? verifyBallotChunkNative(env, slice, options).verdicts : verifyBallotChunk(env, slice, options).verdicts;
    return out.filter((v) => v.ok).length;
  };
  verify(0, 2); // warm-up (JIT, the addon); these two are verified again below
  parentPort!.postMessage({ type: 'ready' });
  parentPort!.on('message', () => {
    const t = performance.now();
    const ok = verify(0, ballots.length);
    parentPort!.postMessage({ type: 'done', ok, ms: performance.now() - t });
  });
}

void start();
