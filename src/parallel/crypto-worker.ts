/**
 * Worker thread of CryptoWorkers: builds the election's crypto environment once from
 * workerData, then answers tasks (crypto-tasks.ts) in the WorkerPool protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { cryptoEnvironment, runCryptoTask, type CryptoSetup, type CryptoTask } from './crypto-tasks';

const env = cryptoEnvironment(workerData as CryptoSetup);

parentPort!.on('message', ({ id, task }: { id: number; task: CryptoTask }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: runCryptoTask(env, task) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err) } });
  }
});
