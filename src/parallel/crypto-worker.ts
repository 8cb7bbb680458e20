/**
 * Worker thread of CryptoWorkers: selects its group backend, builds the election's crypto
 * environment once from workerData, then answers tasks (crypto-tasks.ts) in the WorkerPool
 * protocol. Tasks that arrive while libsodium's WASM is still loading wait for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { cryptoEnvironment, runCryptoTask, type CryptoSetup, type CryptoTask } from './crypto-tasks';
import { selectGroupBackend } from './group-backend';

const setup = workerData as CryptoSetup;
const ready = selectGroupBackend(setup.groupBackend).then(() => cryptoEnvironment(setup));

const failure = (err: unknown) => {
  const e = err as Error;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err) };
};

parentPort!.on('message', ({ id, task }: { id: number; task: CryptoTask }) => {
  ready.then(
    (env) => {
      try {
        parentPort!.postMessage({ id, ok: true, value: runCryptoTask(env, task) });
      } catch (err) {
        parentPort!.postMessage({ id, ok: false, error: failure(err) });
      }
    },
    (err) => parentPort!.postMessage({ id, ok: false, error: failure(err) }),
  );
});
