/**
 * A projection: a disposable read model in PostgreSQL, computed from the ledger's events in
 * their global order and nothing else. Dropping its tables and replaying the ledger gives the
 * same rows (ProjectionRunner.rebuild), so no projection is ever a source of truth.
 */
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../ledger/event-store';

export interface Projection {
  /** Stable name: the key of its stored position and the prefix of its tables. */
  readonly name: string;
  /** Tables it owns, dropped on rebuild (unqualified names; the runner's schema holds them). */
  readonly tables: readonly string[];
  /** Creates the tables if missing (idempotent). */
  createTables(db: PoolClient, schema: string): Promise<void>;
  /** Applies one event inside the runner's transaction; ignores events it does not read. */
  apply(db: PoolClient, schema: string, event: RecordedEvent): Promise<void>;
}

/** Quotes a schema or table name for SQL (names come from code, never from requests). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid SQL identifier "${name}"`);
  return `"${name}"`;
}

/** "schema"."table" */
export function qualified(schema: string, table: string): string {
  return `${ident(schema)}.${ident(table)}`;
}
