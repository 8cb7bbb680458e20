/**
 * How the service elects its log writer (docs/operations/scale-out.md):
 *   URNA_LOG_LEADERSHIP      "lease" (default): the writers run on the lease holder only;
 *                            "off": this process runs them unconditionally and unfenced (one
 *                            instance only, as before the lease existed)
 *   URNA_LOG_LEASE_TTL_MS    how long a grant or renewal lasts (default 5000); a follower takes
 *                            over at most about TTL + TTL/4 after the leader dies
 *   URNA_INSTANCE_ID         this instance's name in the lease; default <hostname>:<PORT>, or
 *                            <hostname>:pid<pid>-<random> without PORT. Must differ between
 *                            instances (two with one name would take the lease from each other).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export interface LeadershipConfig {
  ttlMs: number;
  holder: string;
}

export class LeadershipConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeadershipConfigError';
  }
}

/** The lease settings, or false when leadership is off. */
export function leadershipFromEnv(env: NodeJS.ProcessEnv): LeadershipConfig | false {
  const mode = env.URNA_LOG_LEADERSHIP ?? 'lease';
  if (mode === 'off') return false;
  if (mode !== 'lease') throw new LeadershipConfigError(`URNA_LOG_LEADERSHIP: "${mode}" is neither "lease" nor "off"`);
  const ttl = env.URNA_LOG_LEASE_TTL_MS ?? '5000';
  if (!/^[1-9][0-9]*$/.test(ttl) || Number(ttl) < 500 || Number(ttl) > 600_000) {
    throw new LeadershipConfigError(`URNA_LOG_LEASE_TTL_MS: "${ttl}" is not a whole number of milliseconds between 500 and 600000`);
  }
  // With a fixed port a restarted instance has the same name and takes its lease back at once;
  // without one, a random part keeps two services in one process (tests) apart.
  const holder = env.URNA_INSTANCE_ID || `${hostname()}:${env.PORT && env.PORT !== '0' ? env.PORT : `pid${process.pid}-${randomBytes(3).toString('hex')}`}`;
  return { ttlMs: Number(ttl), holder };
}
