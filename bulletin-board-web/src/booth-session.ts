/**
 * The booth's session across a reload (issue 15, item 3): the session token, the username and
 * the election, in this tab's sessionStorage (gone when the tab closes), until the session's
 * end. The credential key is never kept: after a reload the booth asks for the password again
 * (no new SMS), because a key in storage would outlive the voter's attention.
 */
export const SESSION_KEY = 'urna.booth.session.v1';

export interface KeptSession {
  token: string;
  username: string;
  electionId: string;
  expiresAt: string;
}

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined; // storage disabled: a reload signs in again
  }
}

export function keepSession(s: KeptSession): void {
  try {
    storage()?.setItem(SESSION_KEY, JSON.stringify(s));
  } catch {
    // full or disabled: nothing to keep
  }
}

/** The kept session if it is well formed and not past its end at `now`. */
export function keptSession(now = Date.now()): KeptSession | undefined {
  const raw = storage()?.getItem(SESSION_KEY);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<KeptSession>;
    const ok = typeof v.token === 'string' && typeof v.username === 'string' && typeof v.electionId === 'string'
      && typeof v.expiresAt === 'string' && Date.parse(v.expiresAt) > now;
    if (ok) return v as KeptSession;
  } catch {
    // malformed: dropped below
  }
  forgetSession();
  return undefined;
}

export function forgetSession(): void {
  storage()?.removeItem(SESSION_KEY);
}
