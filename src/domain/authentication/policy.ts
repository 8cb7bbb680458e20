/**
 * The authentication policy, in one place (docs/spec/roll-and-authentication.md, "Policy").
 * Numerals 23-25 of the guidelines: username, password by e-mail, and a one-time code to the
 * mobile phone each time identity must be confirmed (at login and again before casting).
 */
export const AuthenticationPolicy = {
  /** Consecutive wrong passwords that lock the account. */
  maxPasswordFailures: 5,
  lockoutMinutes: 15,
  codeDigits: 6,
  codeTtlMinutes: 5,
  /** Wrong entries allowed per code; the code is dead after this many. */
  maxCodeAttempts: 3,
  /** A session lasts this long from its start, whatever the activity. */
  sessionTtlMinutes: 30,
  /** After the cast code is confirmed, the ballot must be cast within this time. */
  castAuthorizationMinutes: 5,
  /** A voter may ask for a new password at most this often (officials are not limited). */
  voterResendIntervalMinutes: 15,
} as const;

export const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
export const isBefore = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);
