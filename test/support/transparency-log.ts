/**
 * The transparency log beside a test ledger: a MerkleLog in its own schema fed by the real
 * LogSequencer, and a CheckpointService signing with a software log key. `sync()` waits until
 * every ledger event is a leaf and signs a checkpoint of that size.
 */
import type { Pool } from 'pg';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LogSequencer } from '../../src/ledger/merkle/log-sequencer';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';

export interface TestTransparencyLog {
  log: MerkleLog;
  checkpoints: CheckpointService;
  signer: SoftwareNoteSigner;
  sync(): Promise<number>;
  /** What the closing export quotes: after sync(), the newest checkpoint (root in hex). */
  closingCheckpoint(): Promise<{ size: number; rootHash: string; note: string }>;
  stop(): Promise<void>;
}

export async function startTransparencyLog(pool: Pool, store: EventStore, schema: string): Promise<TestTransparencyLog> {
  const log = new MerkleLog(pool, { schema });
  await log.migrate();
  const signer = SoftwareNoteSigner.generate('urna.test/log');
  const checkpoints = new CheckpointService(pool, log, signer);
  await checkpoints.migrate();
  await checkpoints.checkpointNow(); // the empty tree, as the service signs at start
  const sequencer = new LogSequencer(store, log, { batchSize: 500, maxDelayMs: 5 });
  await sequencer.start();
  return {
    log,
    checkpoints,
    signer,
    async sync() {
      const head = await store.head();
      for (let i = 0; (await log.size()) < head; i++) {
        if (sequencer.error) throw sequencer.error;
        if (i > 2000) throw new Error('the log did not catch up with the ledger');
        await new Promise((r) => setTimeout(r, 20));
      }
      return (await checkpoints.checkpointNow()).size;
    },
    async closingCheckpoint(this: TestTransparencyLog) {
      await this.sync();
      const cp = (await checkpoints.latest())!;
      return { size: cp.size, rootHash: Buffer.from(cp.rootHash).toString('hex'), note: cp.note };
    },
    stop: () => sequencer.stop(),
  };
}
