/**
 * Which checkpoints this page believes, beyond "the signature verifies with the key the server
 * states". The board uses witness-trust.ts: the log's key and the election's witness keys are
 * remembered the first time (and a change fails loudly), and a checkpoint must carry the
 * cosignatures of the witness quorum (docs/spec/log.md §8.6). `acceptServedKey` is the policy
 * of a page that checks only the signature (kept for tools and tests). A policy throws
 * ReceiptCheckError('key_not_trusted') or ('witnesses_missing'), which the board explains like
 * any other failed check.
 */
export interface CheckpointTrust {
  /** Throws when `vkey` (the log's verifier key as served) is not one this page trusts. */
  checkKey(vkey: string): Promise<void>;
  /** Throws when the signed note lacks the cosignatures this page requires. */
  checkCosignatures(note: string): Promise<void>;
  /** Shown in the page's details: what this policy checked. */
  readonly describes: 'served-key' | 'pinned-key' | 'pinned-key-and-witnesses';
}

export const acceptServedKey: CheckpointTrust = {
  describes: 'served-key',
  checkKey: async () => undefined,
  checkCosignatures: async () => undefined,
};
