/**
 * An election id as an HTTP request may name it (a query parameter): 1 to 200 characters that
 * the ledger's stream names can hold. A control character (a NUL above all, which PostgreSQL
 * refuses in text) is bad input, never a 500. Shared by every API that takes `?election=`.
 */
const ELECTION_ID = /^[^\u0000-\u001f\u007f]{1,200}$/u;

export function isElectionIdParam(value: unknown): value is string {
  return typeof value === 'string' && ELECTION_ID.test(value);
}
