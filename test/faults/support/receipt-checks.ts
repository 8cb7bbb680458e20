/**
 * What a voter's receipt promises, checked against the log as it stands after a fault: the
 * receipt's checkpoint is the size it names, its leaf is included in that checkpoint, and that
 * checkpoint is consistent with the latest one (the log did not fork across the fault). Shared by
 * the crash matrix, the PostgreSQL failover and the leader-kill tests.
 */
import { fromHex } from '../../../src/domain/crypto/ballot';
import { openCheckpoint } from '../../../src/ledger/checkpoint/checkpoint-format';
import type { MerkleLog } from '../../../src/ledger/merkle/merkle-log';
import { verifyConsistency, verifyInclusion } from '../../../src/ledger/merkle/verify';

/** A receipt as the cast endpoint answers it (the fields these tests check). */
export interface Receipt {
  trackingCode: string;
  logIndex: number;
  leafHash: string;
  checkpoint: string;
  checkpointSize: number;
}

type Checkpoint = ReturnType<typeof openCheckpoint>;

/**
 * Every receipt verifies against `latest`. With `leaves`, the leaf at each receipt's index is
 * also read and must carry the receipt's leaf hash and tracking code.
 */
export async function expectReceiptsInLog(
  log: MerkleLog,
  receipts: readonly Receipt[],
  key: Parameters<typeof openCheckpoint>[1],
  latest: Checkpoint,
  options: { leaves?: boolean } = {},
): Promise<void> {
  for (const r of receipts) {
    const checkpoint = openCheckpoint(r.checkpoint, key);
    expect(checkpoint.size).toBe(r.checkpointSize);
    if (options.leaves) {
      const [leaf] = await log.entries(r.logIndex, r.logIndex + 1);
      expect(Buffer.from(leaf.leafHash).toString('hex')).toBe(r.leafHash);
      expect(JSON.parse(Buffer.from(leaf.data).toString('utf8')).data.trackingCode).toBe(r.trackingCode);
    }
    verifyInclusion(r.logIndex, checkpoint.size, fromHex(r.leafHash, 32), await log.inclusionProof(r.logIndex, checkpoint.size), checkpoint.rootHash);
    verifyConsistency(checkpoint.size, latest.size, await log.consistencyProof(checkpoint.size, latest.size), checkpoint.rootHash, latest.rootHash);
  }
}
