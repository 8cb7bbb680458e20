/** Injection tokens of the bulletin board module. */
/** The NoteSigner for checkpoints (software key file by default; the HSM module can supply one). */
export const LOG_NOTE_SIGNER = Symbol('LOG_NOTE_SIGNER');
export const BULLETIN_BOARD_OPTIONS = Symbol('BULLETIN_BOARD_OPTIONS');
