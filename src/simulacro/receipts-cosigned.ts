/**
 * The simulacro's check, after closing, that every voter's receipt names a checkpoint the log
 * signed and at least the quorum of the configured witnesses cosigned (from the note alone,
 * as a voter or observer would check it).
 */
import { openCheckpoint } from '../ledger/checkpoint/checkpoint-format';
import { withNodeCosignatureCheck, withNodeSignatureCheck } from '../ledger/checkpoint/node-note-verifier';
import { parseVerifierKey } from '../ledger/checkpoint/signed-note';
import { checkQuorum, type WitnessPolicy } from '../ledger/checkpoint/witness-policy';

/** How many of the receipts' checkpoints (`checkpoints`, one per receipt) pass with the log's
 * verifier key `logKey` and the witness `policy`. */
export function countCosignedReceipts(checkpoints: readonly string[], policy: WitnessPolicy, logKey: string): number {
  const key = withNodeSignatureCheck(parseVerifierKey(logKey));
  // Receipts issued under one checkpoint carry the same signed text, and the verdict depends on
  // that text alone: each distinct text is checked once (about 200 for 1,000 receipts), not
  // once per receipt. A text differing by one byte is another key, checked on its own.
  const verdicts = new Map<string, boolean>();
  const passes = (checkpoint: string): boolean => {
    try {
      openCheckpoint(checkpoint, key);
      return checkQuorum(checkpoint, policy, withNodeCosignatureCheck).met;
    } catch {
      return false; // a note that does not verify is not cosigned
    }
  };
  let cosigned = 0;
  for (const checkpoint of checkpoints) {
    let met = verdicts.get(checkpoint);
    if (met === undefined) verdicts.set(checkpoint, (met = passes(checkpoint)));
    if (met) cosigned++;
  }
  return cosigned;
}
