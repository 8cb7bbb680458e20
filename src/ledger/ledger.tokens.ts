/** Injection tokens of the ledger module. */
/** The EventStore (PostgreSQL or KurrentDB adapter). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The shared pg Pool (projections and the Merkle store use it too). */
export const PG_POOL = Symbol('PG_POOL');
/** The pool for public reads (proofs, tiles): URNA_READ_DATABASE_URL's, e.g. the standby,
 * or PG_POOL itself when it is not set. Never written through. */
export const PG_READ_POOL = Symbol('PG_READ_POOL');
/** Where PostgreSQL is: a given DATABASE_URL or the embedded server started for it. */
export const LEDGER_DATABASE = Symbol('LEDGER_DATABASE');
