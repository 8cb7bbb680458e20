/**
 * Worker thread of CryptoWorkers (a ThreadPool, on piscina): selects its group backend, builds
 * the election's crypto environment once from workerData, then answers tasks (crypto-tasks.ts).
 * Tasks that arrive while libsodium's WASM is still loading wait for it.
 */
import { workerData } from 'node:worker_threads';
import { cryptoEnvironment, runCryptoTask, type CryptoSetup, type CryptoTask, type CryptoTaskResult } from './crypto-tasks';
import { selectGroupBackend } from './group-backend';
import { poolTask } from './thread-pool';

const setup = workerData as CryptoSetup;
const ready = selectGroupBackend(setup.groupBackend).then(() => cryptoEnvironment(setup));
// A set-up that fails rejects every task with its error (below), not the thread.
ready.catch(() => undefined);

export default poolTask(async (task: CryptoTask): Promise<CryptoTaskResult> => runCryptoTask(await ready, task));
