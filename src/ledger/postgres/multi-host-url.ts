/**
 * PostgreSQL connection URLs with several hosts, as libpq reads them:
 *   postgres://user:pw@10.0.0.1:5432,10.0.0.2:5432/urna?target_session_attrs=read-write
 * node-postgres (8.x) takes one host only: WHATWG URL parsing refuses the comma list (its
 * multi-host support is an unmerged pull request), so this module splits such a URL into one
 * ordinary URL per host, in the order given, plus the session kind wanted. The rest of the URL
 * (user, password, database, other parameters) is the same for every host, as with libpq.
 */

/** libpq's target_session_attrs values (PostgreSQL 14+). */
export const SESSION_KINDS = ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export interface HostTarget {
  /** "host:port", for messages. */
  label: string;
  host: string;
  port: number;
  /** A single-host URL node-postgres understands. */
  url: string;
}

export interface MultiHostUrl {
  hosts: HostTarget[];
  sessionKind: SessionKind;
}

export class InvalidDatabaseUrlError extends Error {
  constructor(reason: string) {
    super(`invalid PostgreSQL URL: ${reason}`);
    this.name = 'InvalidDatabaseUrlError';
  }
}

const SHAPE = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?$/;

export function parseMultiHostUrl(url: string): MultiHostUrl {
  const m = SHAPE.exec(url);
  if (!m) throw new InvalidDatabaseUrlError('expected postgres://[user[:password]@]host[:port][,host[:port]…][/database][?parameters]');
  const [, scheme, userinfo = '', hostList, path, query = ''] = m;
  const params = new URLSearchParams(query.slice(1));
  const kind = params.get('target_session_attrs') ?? 'any';
  if (!(SESSION_KINDS as readonly string[]).includes(kind)) throw new InvalidDatabaseUrlError(`target_session_attrs=${kind} is not one of ${SESSION_KINDS.join(', ')}`);
  params.delete('target_session_attrs');
  const rest = params.toString();
  // No host at all (postgres:///db): node-postgres's own default (PGHOST, else localhost).
  if (hostList === '') return { hosts: [{ label: '(default host)', host: '', port: 5432, url: `${scheme}${userinfo}${path}${rest ? `?${rest}` : ''}` }], sessionKind: kind as SessionKind };
  const hosts = hostList.split(',').map((entry) => {
    const hm = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry);
    if (!hm) throw new InvalidDatabaseUrlError(`host "${entry}" is not host[:port]`);
    const port = hm[2] === undefined ? 5432 : Number(hm[2]);
    if (port < 1 || port > 65535) throw new InvalidDatabaseUrlError(`port ${port} of "${entry}" is out of range`);
    const host = hm[1];
    const single = `${scheme}${userinfo}${host}:${port}${path}${rest ? `?${rest}` : ''}`;
    // What node-postgres will be given must parse on its own.
    try {
      new URL(single);
    } catch {
      throw new InvalidDatabaseUrlError(`host "${entry}" does not form a valid URL`);
    }
    return { label: `${host}:${port}`, host: host.replace(/^\[|\]$/g, ''), port, url: single };
  });
  return { hosts, sessionKind: kind as SessionKind };
}

/** Whether `url` needs this module: several hosts, or a session kind other than "any". */
export function isMultiHostUrl(url: string): boolean {
  const m = SHAPE.exec(url);
  if (!m) return false;
  return m[3].includes(',') || /[?&]target_session_attrs=/.test(m[5] ?? '');
}
