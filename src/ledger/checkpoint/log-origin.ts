/**
 * The default origin of an election's transparency log (docs/spec/log.md §4.2): the
 * checkpoint origin line and the signing key's name, derived from the service's public
 * address and the election it serves, so that no two deployments sign checkpoints under one
 * name (a single default for everybody made every log "urna.local/log"):
 *
 *   origin = <host>[:<port>]<path> "/log" [ "/" <election id> ]
 *
 * host lowercased as WHATWG URL normalises it (IDNs in punycode), port only when it is not
 * the scheme's default, path = the public URL's path without its trailing "/", no scheme,
 * query or fragment (C2SP tlog-tiles: an origin is a schemeless URL prefix without a
 * trailing slash). URNA_LOG_ORIGIN overrides it. Browser-safe (WHATWG URL only).
 */

export class LogOriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogOriginError';
  }
}

const ELECTION_ID = /^[A-Za-z0-9_-]+$/;

export function defaultLogOrigin(publicUrl: string, electionId?: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new LogOriginError(`public URL "${publicUrl}" is not a URL`);
  }
  if (url.host === '') throw new LogOriginError(`public URL "${publicUrl}" has no host`);
  if (electionId !== undefined && !ELECTION_ID.test(electionId)) throw new LogOriginError(`election id "${electionId}" must be letters, digits, "_" or "-"`);
  const path = url.pathname.replace(/\/+$/, '');
  const origin = `${url.host}${path}/log${electionId ? `/${electionId}` : ''}`;
  // A key name (C2SP signed-note) has no spaces, no "+" and no control characters.
  if (/[\s+\u0000-\u001f\u007f]/u.test(origin)) {
    throw new LogOriginError(`the log origin derived from "${publicUrl}" would be "${origin}", not a valid key name; set URNA_LOG_ORIGIN`);
  }
  return origin;
}
