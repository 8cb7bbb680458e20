import type { Pool } from 'pg';
import type { LogCheckpoint } from '../documents/document-types';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import type { EventStore } from '../ledger/event-store';
import { toBase64 } from '../ledger/merkle/encoding';
import { LogSequencer } from '../ledger/merkle/log-sequencer';
import { MerkleLog } from '../ledger/merkle/merkle-log';

/**
 * The transparency log as the set-up needs it: bring the Merkle log up to the ledger's head and
 * sign a checkpoint covering everything so far (printed on the opening report).
 */
export async function checkpointLedger(pool: Pool, store: EventStore, signer: NoteSigner, schema: string): Promise<LogCheckpoint> {
  const log = new MerkleLog(pool, { schema });
  await log.migrate();
  const checkpoints = new CheckpointService(pool, log, signer, { schema });
  await checkpoints.migrate();
  const sequencer = new LogSequencer(store, log);
  await sequencer.start();
  try {
    const head = await store.head();
    while ((await log.size()) < head) {
      if (sequencer.error) throw sequencer.error;
      await new Promise((r) => setTimeout(r, 25));
      await sequencer.drain();
    }
  } finally {
    await sequencer.stop();
  }
  const cp = await checkpoints.checkpointNow();
  return { size: cp.size, rootHash: toBase64(cp.rootHash), note: cp.note };
}
