/**
 * Worker thread of buildClosedElection's encryption pool: selects the group backend the calling
 * thread named (the bench's main thread: libdecaf when built), then encrypts voters' ballots.
 */
import { workerData } from 'node:worker_threads';
import { selectGroupBackend, type GroupBackendName } from '../../src/parallel/group-backend';
import { poolTask } from '../../src/parallel/thread-pool';
import { encryptForVoter, toText, type EncryptedText, type EncryptionTask } from './ballot-encryption';

const ready = selectGroupBackend((workerData as { groupBackend: GroupBackendName }).groupBackend);
ready.catch(() => undefined); // a failed selection rejects every task below, not the thread

export default poolTask(async (task: EncryptionTask): Promise<EncryptedText> => {
  await ready;
  return toText(encryptForVoter(task));
});
