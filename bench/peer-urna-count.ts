/**
 * Urna's side of bench/peer.bench.ts after the booth: a child process that verifies the cast
 * ballots and tallies them, 2 trustees of 3, and prints the CPU time of each phase as JSON.
 *   node -r urna-ts-register bench/peer-urna-count.ts <job.json>
 * It is a process of its own because the group backend is chosen once per process: the booth's
 * encryption (the parent) runs on @noble/curves, counting on URNA_GROUP_BACKEND (default auto,
 * the fastest built: libdecaf). Every phase runs in this one thread, so the process CPU time
 * (user + system) is the phase's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { group } from '../src/domain/crypto/active-group';
import type { BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import type { EncryptedBallotJson } from '../src/domain/crypto/ballot/ballot-format';
import type { VerifyOptions } from '../src/domain/crypto/ballot/verify-ballot';
import { fromHex } from '../src/domain/crypto/hash';
import { decryptTally } from '../src/domain/crypto/tally/decrypt-tally';
import { decryptionScope } from '../src/domain/crypto/tally/decryption-scope';
import { DiscreteLogTable } from '../src/domain/crypto/tally/discrete-log';
import { TallyAccumulator } from '../src/domain/crypto/tally/aggregate';
import { partialDecrypt } from '../src/domain/crypto/tally/partial-decryption';
import { cryptoEnvironment, verifyBallotChunk } from '../src/parallel/crypto-tasks';
import { describeGroupBackend, groupBackendFromEnv, selectGroupBackend } from '../src/parallel/group-backend';
import { processCpuMs } from './bench-record';

/** What the parent hands over (bench/peer-urna.ts). */
export interface CountingJob {
  manifestHash: string;
  publicKey: string;
  style: BallotStyle;
  ballots: string[];
  options: VerifyOptions[];
  threshold: number;
  /** The secret shares (decimal) of the trustees present, by trustee index. */
  presentShares: Record<string, string>;
  /** Every trustee's verification key (hex), by trustee index. */
  verificationKeys: Record<string, string>;
}

export interface CountingCpu {
  backend: string;
  backendLine: string;
  verifyCpuMs: number;
  aggregateCpuMs: number;
  decryptCpuMs: number;
  /** Per contest, per option, the decrypted count. */
  counts: number[][];
}

function timed<T>(work: () => T): [number, T] {
  const start = processCpuMs();
  const out = work();
  return [processCpuMs() - start, out];
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as CountingJob;
  const backend = groupBackendFromEnv();
  await selectGroupBackend(backend);
  const env = cryptoEnvironment({ manifestHash: job.manifestHash, publicKey: job.publicKey, styles: [job.style], groupBackend: backend, verificationKeys: job.verificationKeys, threshold: job.threshold });
  const ballots = job.ballots.map((b) => JSON.parse(b) as EncryptedBallotJson);

  // Loads the addon and compiles the hot paths; the first ballot is verified again below.
  verifyBallotChunk(env, ballots.slice(0, 1), job.options.slice(0, 1));
  const [verifyCpuMs, verified] = timed(() => verifyBallotChunk(env, ballots, job.options));
  const accepted = verified.verdicts.filter((v) => v.ok).length;
  if (accepted !== ballots.length) throw new Error(`${ballots.length - accepted} honest ballots were rejected`);

  // Aggregation on its own, as a tally that did not verify would do it: every ciphertext decoded
  // and added through the Group interface. (Urna's tally fuses it into verification instead.)
  const [aggregateCpuMs, aggregated] = timed(() => {
    const boxHash = createHash('sha256').update(job.ballots.join('\n')).digest('hex');
    const byContest = job.style.contests.map((c) => new TallyAccumulator(c.optionIds));
    for (const ballot of ballots) {
      ballot.contests.forEach((contest, k) => byContest[k].addBallot(contest.options.map((o) => ({ alpha: group.decode(fromHex(o.alpha, 32)), beta: group.decode(fromHex(o.beta, 32)) }))));
    }
    return { boxHash, totals: byContest.map((a) => a.totals()) };
  });

  // Each present trustee's partial decryption of every option, with its proof; then the decider's
  // check of every proof, Lagrange combination and bounded discrete log (the table included).
  const [decryptCpuMs, counts] = timed(() => {
    const scope = decryptionScope(env.context, aggregated.boxHash, ballots.length);
    const table = new DiscreteLogTable(ballots.length);
    return aggregated.totals.map((totals) => {
      const partials = Object.entries(job.presentShares).flatMap(([trustee, share]) =>
        totals.map((t) => partialDecrypt(scope, t.optionId, t.ciphertext, Number(trustee), BigInt(share))),
      );
      const { result, failures } = decryptTally({ scope, threshold: job.threshold, verificationKeys: env.verificationKeys, totals, partials, table });
      if (failures.length > 0) throw new Error(`partial decryptions refused: ${JSON.stringify(failures)}`);
      return result.options.map((o) => o.count);
    });
  });

  const out: CountingCpu = { backend, backendLine: describeGroupBackend(backend), verifyCpuMs, aggregateCpuMs, decryptCpuMs, counts };
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
