/**
 * The voter's credential in the booth (issue 13: signing adds at most 5 ms to ballot creation):
 * deriving the key from what the voter typed, signing a ballot, and checking one signature
 * alone, on @noble/curves (the booth's code, one core). Writes bench/results/credential-signature.json.
 *   node -r urna-ts-register bench/credential-signature.bench.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { deriveCredentialKey } from '../src/domain/crypto/credential/credential-key';
import { ballotSignatureParts, signBallot } from '../src/domain/crypto/credential/ballot-signature';
import { verify } from '../src/domain/crypto/credential/credential-signature';
import { toHex } from '../src/domain/crypto/hash';
import { Tags } from '../src/domain/crypto/tags';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const RUNS = Number(process.env.RUNS ?? 400);
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
const round = (x: number) => Number(x.toFixed(3));

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

const key = deriveCredentialKey('simulacro-2024', 'v-7k2m-q9xd-4hzt', '0123456789abcdef');
const ballot = () => ({ baseHash: toHex(globalThis.crypto.getRandomValues(new Uint8Array(32))), trackingCode: toHex(globalThis.crypto.getRandomValues(new Uint8Array(32))) });
for (let i = 0; i < 50; i++) verify(Tags.ballotSignature, key.publicKey, ballotSignatureParts(ballot().baseHash, ballot().trackingCode), signBallot(key, ballot()));

const derive: number[] = [];
const sign: number[] = [];
const check: number[] = [];
for (let i = 0; i < RUNS; i++) {
  derive.push(timed(() => deriveCredentialKey('simulacro-2024', `v-7k2m-q9xd-${String(i % 10000).padStart(4, '0')}`, '0123456789abcdef')));
  const b = ballot();
  let signature = '';
  sign.push(timed(() => (signature = signBallot(key, b))));
  check.push(timed(() => verify(Tags.ballotSignature, key.publicKey, ballotSignatureParts(b.baseHash, b.trackingCode), signature)));
}
const result = {
  ...runRecord(LOAD_AT_START, '@noble/curves (the booth), one core'),
  benchmark: 'credential-signature',
  note: 'the booth\'s credential work on @noble/curves, one core: derive (at sign-in), sign (added to every ballot), verify alone (the service and verifier batch it with the ballot\'s proofs)',
  runs: RUNS,
  derive_ms_p50: round(p50(derive)),
  sign_ms_p50: round(p50(sign)),
  sign_ms_p99: round(p99(sign)),
  verify_alone_ms_p50: round(p50(check)),
  budget_ms: 5,
  // The median: on a shared, loaded VM the tail measures the neighbours (see loadavg_1m).
  within_budget: p50(sign) < 5,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg_1m: Number(loadavg()[0].toFixed(2)) },
};
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'credential-signature.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
