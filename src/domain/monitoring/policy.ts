/** The monitoring accounts' sign-in policy (docs/spec/monitoring.md §3), in one place. */
export const MonitoringPolicy = {
  /** Consecutive wrong passwords or codes that lock the account for `lockoutMinutes`. */
  maxFailures: 5,
  lockoutMinutes: 15,
  codeTtlMinutes: 5,
  /** Wrong entries allowed per code; the code is dead after this many. */
  maxCodeAttempts: 3,
  /** A session lasts this long from its start, whatever the activity. */
  sessionTtlMinutes: 480,
  /** Shortest password an official may give an account. */
  minPasswordLength: 12,
} as const;
