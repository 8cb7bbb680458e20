/**
 * Whether an error means "PostgreSQL cannot be reached right now" (the server is down, was
 * killed, is restarting or in recovery), as opposed to an error in what was asked. Such an
 * error is transient: the request gets a 503, a background loop waits and retries, and the
 * pool connects again once the server is back. Everything else keeps its own meaning.
 */

/** Socket-level failures: nothing listens, the peer vanished, or it did not answer in time. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a lost server: class 08 (connection exception) and the 57P0x operator
 * interventions (57P01 admin shutdown, 57P02 crash shutdown — a sibling backend died —,
 * 57P03 cannot connect now: starting up or in recovery). 57014 (query cancelled) is not one.
 */
function isLostServerState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

/** node-postgres's own wording when the socket closed or a connection could not be had in time. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'the database system is',
];

export function isConnectionLoss(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const { code, message, cause, errors } = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isLostServerState(code)))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.includes(m))) return true;
  // AggregateError (e.g. connecting to both ::1 and 127.0.0.1) and wrapped errors.
  if (Array.isArray(errors) && errors.some((e) => isConnectionLoss(e, depth + 1))) return true;
  return cause !== undefined && isConnectionLoss(cause, depth + 1);
}
