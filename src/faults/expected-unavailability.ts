/**
 * Whether a 5xx answer is the service working as designed rather than a fault to investigate:
 * the database is lost (DatabaseUnavailableException or a connection loss met in a handler), or
 * a work budget shed the request (WorkRefusedError: 503 busy). Error filters log a stack trace
 * only for real faults. During an outage every request would otherwise log one, thousands a
 * minute, burying the one line per outage that says what happened: DatabaseAvailability logs
 * "PostgreSQL unreachable …" when the outage starts and "reachable again after … s" when it
 * ends (src/faults/database-availability.ts).
 */
import { WorkRefusedError } from '../http/work-budget';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';
import { DatabaseUnavailableException } from './database-unavailable';

export function isExpectedUnavailability(err: unknown): boolean {
  return err instanceof DatabaseUnavailableException || err instanceof WorkRefusedError || isConnectionLoss(err);
}
