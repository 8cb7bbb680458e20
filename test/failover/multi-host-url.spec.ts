/** libpq-style multi-host URLs (src/ledger/postgres/multi-host-url.ts) and the service's configuration of them. */
import { loadConfiguration } from '../../src/config/configuration';
import { isMultiHostUrl, parseMultiHostUrl } from '../../src/ledger/postgres/multi-host-url';

describe('multi-host PostgreSQL URLs', () => {
  it('splits hosts in order, keeps user, password, database and other parameters, and reads target_session_attrs', () => {
    const parsed = parseMultiHostUrl('postgres://urna:p%40ss@10.0.0.1:5433,db2,[::1]:6000/urna?sslmode=disable&target_session_attrs=read-write');
    expect(parsed.sessionKind).toBe('read-write');
    expect(parsed.hosts.map((h) => h.label)).toEqual(['10.0.0.1:5433', 'db2:5432', '[::1]:6000']);
    expect(parsed.hosts.map((h) => h.url)).toEqual([
      'postgres://urna:p%40ss@10.0.0.1:5433/urna?sslmode=disable',
      'postgres://urna:p%40ss@db2:5432/urna?sslmode=disable',
      'postgres://urna:p%40ss@[::1]:6000/urna?sslmode=disable',
    ]);
    expect(parsed.hosts[2].host).toBe('::1');
  });

  it('a plain URL is one host of kind any', () => {
    expect(parseMultiHostUrl('postgres://u:p@127.0.0.1:5432/postgres')).toEqual({ sessionKind: 'any', hosts: [expect.objectContaining({ label: '127.0.0.1:5432' })] });
    expect(isMultiHostUrl('postgres://u:p@127.0.0.1:5432/postgres')).toBe(false);
    // No host: left to node-postgres's defaults, as before multi-host URLs.
    expect(parseMultiHostUrl('postgres:///urna').hosts.map((h) => h.url)).toEqual(['postgres:///urna']);
    expect(isMultiHostUrl('postgres://u:p@a:1,b:2/postgres')).toBe(true);
    expect(isMultiHostUrl('postgres://u:p@a:1/postgres?target_session_attrs=read-write')).toBe(true);
  });

  it.each([
    ['an unknown session kind', 'postgres://u@a,b/db?target_session_attrs=writable', /target_session_attrs=writable/],
    ['a port out of range', 'postgres://u@a:70000,b/db', /out of range/],
    ['an empty host', 'postgres://u@a:1,,b/db', /host ""/],
    ['another scheme', 'mysql://u@a,b/db', /expected postgres:\/\//],
    ['a port that is not a number', 'postgres://u@a:x,b/db', /host "a:x"/],
  ])('refuses %s', (_what, url, message) => {
    expect(() => parseMultiHostUrl(url)).toThrow(message);
  });

  it('the service accepts a multi-host DATABASE_URL and a read URL, and refuses a bad one at start-up', () => {
    const config = loadConfiguration({
      DATABASE_URL: 'postgres://u:p@h1:5432,h2:5432/urna?target_session_attrs=read-write',
      URNA_READ_DATABASE_URL: 'postgres://u:p@h2:5432,h1:5432/urna?target_session_attrs=prefer-standby',
      URNA_SYNC_STANDBY_TIMEOUT_MS: '2500',
    });
    expect(config.URNA_SYNC_STANDBY_TIMEOUT_MS).toBe(2500);
    expect(() => loadConfiguration({ DATABASE_URL: 'postgres://u:p@h1:5432,h2:99999/urna' })).toThrow(/DATABASE_URL/);
    expect(loadConfiguration({}).URNA_SYNC_STANDBY_TIMEOUT_MS).toBe(10_000);
  });
});
