/** Typed errors of the stored log; the HTTP layer maps them to 400/404. */
export class MerkleLogError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A size, index or range outside what the log holds or what makes sense. */
export class LogRangeError extends MerkleLogError {
  constructor(message: string) {
    super('LOG_RANGE', message);
  }
}

/** Something asked for does not exist (e.g. no leaf with that hash). */
export class LogNotFoundError extends MerkleLogError {
  constructor(message: string) {
    super('LOG_NOT_FOUND', message);
  }
}

/** The sequencer was handed leaves out of order: leaf index must equal ledger position. */
export class LogSequenceError extends MerkleLogError {
  constructor(message: string) {
    super('LOG_SEQUENCE', message);
  }
}
