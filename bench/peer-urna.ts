/**
 * Urna's side of bench/peer.bench.ts: one election of a given shape, 3 trustees with a
 * threshold-2 key from a simulated ceremony (not timed), every ballot encrypted as the booth
 * does (@noble/curves, this process, its CPU time per ballot), then verified and tallied by
 * two trustees in a child process on the counting backend (bench/peer-urna-count.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { group } from '../src/domain/crypto/active-group';
import type { BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../src/domain/crypto/ballot/encrypt-ballot';
import type { VerifyOptions } from '../src/domain/crypto/ballot/verify-ballot';
import { signingKey } from '../src/domain/crypto/credential/credential-signature';
import { electionContext } from '../src/domain/crypto/election-context';
import { encryptionTables } from '../src/domain/crypto/elgamal';
import { hash256, toHex, utf8 } from '../src/domain/crypto/hash';
import { randomScalar } from '../src/domain/crypto/scalar';
import { simulateCeremony } from '../test/domain/crypto/ceremony/simulate-ceremony';
import { processCpuMs } from './bench-record';
import type { CountingCpu, CountingJob } from './peer-urna-count';

export interface UrnaElection extends CountingCpu {
  readonly encryptCpuMs: number[];
  /** The ballot JSON as cast. */
  readonly ballotBytes: number[];
  /** With what travels beside it in the cast request (pseudonym, credential, binding nonce,
   * signature): a Belenios ballot carries its credential signature inside. */
  readonly castBytes: number[];
}

/** Runs one election: `choices[voter][contest]` is the index of the one option chosen. */
export function runUrnaElection(input: { contestSizes: readonly number[]; choices: readonly number[][]; trustees: number; threshold: number }): UrnaElection {
  const style: BallotStyle = {
    id: 'peer',
    contests: input.contestSizes.map((n, c) => ({ id: `contienda-${c + 1}`, optionIds: Array.from({ length: n }, (_, i) => `opcion-${i + 1}`) })),
  };
  const keys = simulateCeremony({ ceremonyId: 'bench-peer', n: input.trustees, t: input.threshold }).keys;
  if (!keys) throw new Error('the simulated ceremony did not finish');
  const first = keys.get(1)!;
  const manifestHash = hash256('urna/bench/manifest', utf8('peer bench'));
  const context = electionContext(manifestHash, first.publicKey);
  const tables = encryptionTables(first.publicKey); // once per booth session, before timing

  const encryptCpuMs: number[] = [];
  const ballots: string[] = [];
  const options: VerifyOptions[] = [];
  input.choices.forEach((choice, v) => {
    const credential = signingKey(randomScalar());
    const pseudonym = `seudonimo-${v}`;
    const selections = Object.fromEntries(style.contests.map((c, k) => [c.id, c.optionIds[choice[k]]]));
    const start = processCpuMs();
    const { ballot, secrets } = encryptBallot({ context, tables, style, pseudonym, credential, selections });
    encryptCpuMs.push(processCpuMs() - start);
    ballots.push(JSON.stringify(ballot));
    options.push({ expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } });
  });

  const job: CountingJob = {
    manifestHash: toHex(manifestHash),
    publicKey: toHex(group.encode(first.publicKey)),
    style,
    ballots,
    options,
    threshold: input.threshold,
    presentShares: Object.fromEntries([...keys].slice(0, input.threshold).map(([j, k]) => [String(j), k.share.toString()])),
    verificationKeys: Object.fromEntries([...first.verificationKeys].map(([j, key]) => [String(j), toHex(group.encode(key))])),
  };
  const dir = mkdtempSync(join(tmpdir(), 'urna-peer-'));
  try {
    const jobFile = join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const counting = JSON.parse(
      execFileSync(process.execPath, ['-r', 'urna-ts-register', join(__dirname, 'peer-urna-count.ts'), jobFile], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] }),
    ) as CountingCpu;
    return {
      ...counting,
      encryptCpuMs,
      ballotBytes: ballots.map((b) => Buffer.byteLength(b)),
      castBytes: ballots.map((b, i) => Buffer.byteLength(b) + Buffer.byteLength(JSON.stringify(options[i].expectedVoter))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
