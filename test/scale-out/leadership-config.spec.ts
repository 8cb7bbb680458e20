/**
 * How the service reads its log-writer election from the environment
 * (src/ledger/leadership/leadership-config.ts): the lease by default, `off` on request, and every
 * malformed value refused at start-up with the variable's name rather than guessed at.
 */
import { LeadershipConfigError, leadershipFromEnv } from '../../src/ledger/leadership/leadership-config';
import { LogLease } from '../../src/ledger/leadership/log-lease';

describe('log leadership configuration', () => {
  it('defaults to the lease, 5 s, named by host and port', () => {
    const config = leadershipFromEnv({ PORT: '3001' });
    expect(config).toMatchObject({ ttlMs: 5000 });
    expect((config as { holder: string }).holder).toMatch(/:3001$/);
    expect(leadershipFromEnv({ URNA_INSTANCE_ID: 'urna-2', URNA_LOG_LEASE_TTL_MS: '2000' })).toEqual({ ttlMs: 2000, holder: 'urna-2' });
    expect(leadershipFromEnv({ URNA_LOG_LEADERSHIP: 'off' })).toBe(false);
  });

  it('gives two services in one process without PORT (or with PORT 0) different names', () => {
    const names = [leadershipFromEnv({}), leadershipFromEnv({}), leadershipFromEnv({ PORT: '0' })].map((c) => (c as { holder: string }).holder);
    expect(new Set(names).size).toBe(3);
  });

  it('refuses what it cannot read, naming the variable', () => {
    for (const ttl of ['0', '499', '600001', '5s', '-1', '1e4', ' 5000']) {
      expect(() => leadershipFromEnv({ URNA_LOG_LEASE_TTL_MS: ttl })).toThrow(LeadershipConfigError);
      expect(() => leadershipFromEnv({ URNA_LOG_LEASE_TTL_MS: ttl })).toThrow(/URNA_LOG_LEASE_TTL_MS/);
    }
    for (const mode of ['on', 'LEASE', '', 'advisory']) expect(() => leadershipFromEnv({ URNA_LOG_LEADERSHIP: mode })).toThrow(/URNA_LOG_LEADERSHIP/);
    expect(() => new LogLease({} as never, 'merkle', 50)).toThrow(/at least 100 ms/);
    expect(() => new LogLease({} as never, 'bad-schema"', 5000)).toThrow(/invalid schema/);
  });
});
