/**
 * Why the service could not start, in words an operator can act on: each kind of failure maps
 * to one entry of the start-up catalog (src/messages/startup.messages.ts) that says what failed
 * and what to do, and to an exit code (sysexits.h, so a supervisor can tell a bad configuration,
 * which restarting will not fix, from a database that is not up yet, which it may).
 * src/main.ts prints the result in Spanish then English and exits with the code.
 */
import { ConfigurationError } from '../config/configuration';
import { DataFolderInUseError } from '../ledger/postgres/stale-server';
import { EmbeddedPostgresStartError, PostgresUserCannotEnterError } from '../ledger/postgres/embedded-postgres';
import { isConnectionLoss } from '../ledger/postgres/connection-loss';
import { pair, type Bilingual } from '../messages/catalog';
import { startupMessages as m } from '../messages/startup.messages';

export interface StartupContext {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
}

export interface StartupFailure {
  /** The catalog entry used (tests and logs match it). */
  key: keyof typeof m;
  text: Bilingual;
  exitCode: number;
}

/** sysexits.h: EX_CONFIG, EX_UNAVAILABLE, EX_CANTCREAT, EX_NOPERM, EX_SOFTWARE. */
const EX = { config: 78, unavailable: 69, cantCreate: 73, noPermission: 77, software: 70 } as const;

const FILE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EISDIR']);

export function describeStartupFailure(err: unknown, context: StartupContext = {}): StartupFailure {
  const e = (err ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown; port?: unknown; address?: unknown; message?: unknown; messages?: unknown; modulePath?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const detail = err instanceof Error ? err.message : String(err);

  if (err instanceof ConfigurationError) {
    return { key: 'startup.configuration', text: pair(m, 'startup.configuration', { problems: err.problems.join('; ') }), exitCode: EX.config };
  }
  if (e.syscall === 'listen') {
    const host = typeof e.address === 'string' ? e.address : (context.host ?? '?');
    const port = typeof e.port === 'number' ? e.port : (context.port ?? 0);
    if (code === 'EADDRINUSE') return { key: 'startup.portInUse', text: pair(m, 'startup.portInUse', { host, port }), exitCode: EX.unavailable };
    if (code === 'EACCES') return { key: 'startup.portNotPermitted', text: pair(m, 'startup.portNotPermitted', { host, port }), exitCode: EX.noPermission };
    if (code === 'EADDRNOTAVAIL') return { key: 'startup.addressNotAvailable', text: pair(m, 'startup.addressNotAvailable', { host }), exitCode: EX.config };
  }
  if (err instanceof DataFolderInUseError) {
    return { key: 'startup.dataDirInUse', text: pair(m, 'startup.dataDirInUse', { pid: err.pid, owner: err.owner, dataDir: err.dataDir }), exitCode: EX.unavailable };
  }
  if (err instanceof PostgresUserCannotEnterError) {
    return { key: 'startup.dataDirNotSearchable', text: pair(m, 'startup.dataDirNotSearchable', { path: err.path, mode: err.mode }), exitCode: EX.noPermission };
  }
  if (err instanceof EmbeddedPostgresStartError) {
    return { key: 'startup.embeddedDatabase', text: pair(m, 'startup.embeddedDatabase', { dataDir: err.dataDir, reason: err.reason }), exitCode: EX.unavailable };
  }
  if (code === 'HSM_MODULE_LOAD_FAILED') {
    const modulePath = typeof e.modulePath === 'string' ? e.modulePath : '?';
    return { key: 'startup.hsmModule', text: pair(m, 'startup.hsmModule', { modulePath }), exitCode: EX.unavailable };
  }
  if (typeof code === 'string' && code.startsWith('HSM_') && isBilingual(e.messages)) {
    return { key: 'startup.hsm', text: pair(m, 'startup.hsm', { detail: e.messages }), exitCode: EX.unavailable };
  }
  if (/^key file is for /.test(detail) || (err as Error)?.name === 'NoteError') {
    return { key: 'startup.logKey', text: pair(m, 'startup.logKey', { detail }), exitCode: EX.config };
  }
  if (typeof code === 'string' && FILE_CODES.has(code) && typeof e.path === 'string') {
    return { key: 'startup.dataDirNotWritable', text: pair(m, 'startup.dataDirNotWritable', { path: e.path, reason: code }), exitCode: EX.cantCreate };
  }
  const target = databaseTarget(context.databaseUrl);
  // 28P01 wrong password, 28000 no such role / not allowed, 3D000 no such database.
  if (code === '28P01' || code === '28000' || code === '3D000') {
    return { key: 'startup.databaseRefused', text: pair(m, 'startup.databaseRefused', { target, reason: detail }), exitCode: EX.config };
  }
  if (isConnectionLoss(err)) {
    return { key: 'startup.databaseUnreachable', text: pair(m, 'startup.databaseUnreachable', { target, reason: code ?? detail }), exitCode: EX.unavailable };
  }
  return { key: 'startup.unknown', text: pair(m, 'startup.unknown', { detail }), exitCode: EX.software };
}

/** The two lines printed: "Urna no pudo iniciar: …" then "Urna could not start: …". */
export function startupFailureLines(failure: StartupFailure): string[] {
  const prefix = pair(m, 'startup.prefix');
  return [`${prefix.es}: ${failure.text.es}`, `${prefix.en}: ${failure.text.en}`];
}

/** Host and port of a database URL, never its password. */
function databaseTarget(url: string | undefined): string {
  if (!url) return '127.0.0.1';
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === 'object' && v !== null && typeof (v as Bilingual).es === 'string' && typeof (v as Bilingual).en === 'string';
}
