/**
 * Worker thread of VoterCryptoPool: selects its group backend (the fastest this machine has,
 * as the service's workers do), then runs synthetic voters' booth cryptography (voter-crypto.ts).
 */
import { workerData } from 'node:worker_threads';
import { selectGroupBackend, type GroupBackendName } from '../parallel/group-backend';
import { poolTask } from '../parallel/thread-pool';
import { lowerThisThread } from './simulated-party-priority';
import { runVoterCrypto, type VoterCryptoResult, type VoterCryptoTask } from './voter-crypto';

// A synthetic voter's phone, not the service: it uses what the service leaves.
lowerThisThread();

const ready = selectGroupBackend((workerData as { groupBackend: GroupBackendName }).groupBackend);
ready.catch(() => undefined); // a failed selection rejects every task below, not the thread

export default poolTask(async (task: VoterCryptoTask): Promise<VoterCryptoResult> => {
  await ready;
  return runVoterCrypto(task);
});
