/**
 * Worker thread of bench/crypto-ballot.bench.ts: verifies its share of the ballots in batches
 * (one MSM per batch) and reports how long that took. Loaded through @swc-node/register.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { group } from '../src/domain/crypto/active-group';
import { electionContext } from '../src/domain/crypto/election-context';
import { fromHex } from '../src/domain/crypto/hash';
import { ballotStyles, BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import { verifyBallots } from '../src/domain/crypto/ballot/verify-ballot';
import { selectGroupBackend, type GroupBackendName } from '../src/parallel/group-backend';

interface Job {
  groupBackend: GroupBackendName;
  manifestHash: string;
  publicKey: string;
  style: BallotStyle;
  ballots: string[];
  batchSize: number;
}

const job = workerData as Job;

async function start() {
  await selectGroupBackend(job.groupBackend);
  const context = electionContext(fromHex(job.manifestHash, 32), group.decode(fromHex(job.publicKey, 32)));
  const styles = ballotStyles([job.style]);
  const ballots = job.ballots.map((b) => JSON.parse(b) as unknown);
  const verifyAll = (): number => {
    let ok = 0;
    for (let i = 0; i < ballots.length; i += job.batchSize) {
      ok += verifyBallots(ballots.slice(i, i + job.batchSize), context, styles).filter((r) => r.ok).length;
    }
    return ok;
  };
  verifyBallots(ballots.slice(0, 2), context, styles); // warm-up (JIT)
  parentPort!.postMessage({ type: 'ready' });
  parentPort!.on('message', () => {
    const t = performance.now();
    const ok = verifyAll();
    parentPort!.postMessage({ type: 'done', ok, ms: performance.now() - t });
  });
}

void start();
