/** Injection tokens of the bulletin board module. */
/** The NoteSigner for checkpoints (software key file by default; the HSM module can supply one). */
export const LOG_NOTE_SIGNER = Symbol('LOG_NOTE_SIGNER');
export const BULLETIN_BOARD_OPTIONS = Symbol('BULLETIN_BOARD_OPTIONS');
/** The log as the public reads it (proofs, entries, tiles): on PG_READ_POOL, so possibly the
 * standby. Writers (sequencer, checkpoints) keep the MerkleLog on the primary. */
export const PUBLIC_MERKLE_LOG = Symbol('PUBLIC_MERKLE_LOG');
