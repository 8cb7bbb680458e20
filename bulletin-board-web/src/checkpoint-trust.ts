/**
 * Which checkpoints this page believes, beyond "the signature verifies with the key the server
 * states": the place for key pinning (a key published out of band, e.g. in the opening report
 * and the acta, compared with the one the server serves) and for witness cosignatures (a
 * checkpoint must carry signatures of independent witnesses that saw the same tree). Both come
 * later; until then the served key is accepted and no cosignature is required, and the board
 * says so in its details. A policy throws ReceiptCheckError('key_not_trusted') or
 * ('witnesses_missing'), which the board explains like any other failed check.
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
