import { z } from 'zod';
import { defaultLogOrigin } from '../ledger/checkpoint/log-origin';
import { parseMultiHostUrl } from '../ledger/postgres/multi-host-url';
import { dataLayout } from './data-layout';
import { readElectionFile } from './election-file';

/** A PostgreSQL URL, with one host or several (libpq's multi-host form). */
const databaseUrl = z.string().superRefine((value, ctx) => {
  try {
    parseMultiHostUrl(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

/**
 * The service's whole configuration, read once from the environment at start-up and
 * validated; a bad value stops the service with every problem listed.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** A PostgreSQL server to use; without it an embedded one is started in URNA_DATA_DIR. May
   * name a primary and its standbys, libpq-style, to follow a promotion by itself:
   * postgres://u:p@h1:5432,h2:5432/urna?target_session_attrs=read-write (multi-host-url.ts). */
  DATABASE_URL: databaseUrl.optional(),
  /** Where public reads (proofs, tiles, board pages) may go, e.g. the standby with
   * target_session_attrs=prefer-standby; without it they use DATABASE_URL. */
  URNA_READ_DATABASE_URL: databaseUrl.optional(),
  /** Longest a request waits for the synchronous standby to confirm a write before it is
   * answered 503 with no receipt (src/ledger/postgres/standby-wait.ts); 0: no limit. */
  URNA_SYNC_STANDBY_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Every file of this deployment, laid out as src/config/data-layout.ts says. */
  URNA_DATA_DIR: z.string().default('.data'),
  /** Set to use EventStoreDB/KurrentDB as the ledger instead of PostgreSQL. */
  EVENTSTORE_URL: z.string().optional(),
  /** Origin line of the transparency log's checkpoints (also the signing key's name). Default
   * derived from URNA_PUBLIC_URL and URNA_ELECTION_ID, e.g. "voto.example.mx/log/pef-2027"
   * (src/ledger/checkpoint/log-origin.ts, docs/spec/log.md §4.2). */
  URNA_LOG_ORIGIN: z.string().regex(/^[^\s+]+$/, 'no spaces or "+"').optional(),
  /** Software Ed25519 key file for checkpoints (embedded default); default <URNA_DATA_DIR>/keys/log-signing.key (data-layout.ts). */
  URNA_LOG_KEY_FILE: z.string().optional(),
  /** With these, the checkpoint key lives in a PKCS#11 token instead (PKCS11_MODULE: the library). */
  URNA_LOG_PKCS11_TOKEN: z.string().optional(),
  URNA_LOG_PKCS11_PIN: z.string().optional(),
  URNA_LOG_PKCS11_KEY_LABEL: z.string().default('urna-log-checkpoint-key'),
  /** The election this instance serves to voters (its process id, e.g. "simulacro-2024").
   * Without it the ledger, log and board run, but no voter API is mounted. */
  URNA_ELECTION_ID: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** Origins allowed to call the voter API from a browser (comma-separated); the service's own
   * origin is always allowed. */
  URNA_BOOTH_ORIGINS: z.string().default(''),
  /** Reverse proxies in front of the service whose X-Forwarded-For is believed, comma-separated
   * (addresses, CIDR ranges, or `loopback`). Empty (the default): none. Behind a proxy, set it,
   * or every voter shares the proxy's rate-limit budget. */
  URNA_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((p) => p.trim()).filter((p) => p.length > 0))
    .pipe(z.array(z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/, 'an address, a CIDR range, loopback, linklocal or uniquelocal'))),
  /** Public address of the service, printed in credential e-mails. */
  URNA_PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** Outbox folder for e-mail and SMS when no real provider is configured; default <URNA_DATA_DIR>/outbox. */
  URNA_OUTBOX_DIR: z.string().optional(),
  /** scrypt cost for voter passwords, as log2(N). 15 in production; simulacros use 10. */
  URNA_SCRYPT_LN: z.coerce.number().int().min(10).max(20).default(15),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

/** The parsed environment, with URNA_LOG_ORIGIN always set (given, or derived per election). */
export type Configuration = Omit<z.infer<typeof schema>, 'URNA_LOG_ORIGIN'> & { URNA_LOG_ORIGIN: string };

const refined = schema.superRefine((c, ctx) => {
  if (c.URNA_LOG_PKCS11_TOKEN && !c.URNA_LOG_PKCS11_PIN) {
    ctx.addIssue({ code: 'custom', path: ['URNA_LOG_PKCS11_PIN'], message: 'required when URNA_LOG_PKCS11_TOKEN is set' });
  }
});

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfiguration(env: NodeJS.ProcessEnv = process.env): Configuration {
  const parsed = refined.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  let c = parsed.data;
  // A data folder set up by `urna setup` / `urna configure` says which election it holds and the
  // origin its log was started with (docs/spec/log.md §4.3); the environment still overrides.
  const recorded = readElectionFile(dataLayout(c.URNA_DATA_DIR));
  if (recorded && c.URNA_ELECTION_ID === undefined) c = { ...c, URNA_ELECTION_ID: recorded.electionId };
  if (recorded && c.URNA_LOG_ORIGIN === undefined && c.URNA_ELECTION_ID === recorded.electionId) c = { ...c, URNA_LOG_ORIGIN: recorded.logOrigin };
  if (c.URNA_LOG_ORIGIN !== undefined) return { ...c, URNA_LOG_ORIGIN: c.URNA_LOG_ORIGIN };
  try {
    return { ...c, URNA_LOG_ORIGIN: defaultLogOrigin(c.URNA_PUBLIC_URL, c.URNA_ELECTION_ID) };
  } catch (err) {
    throw new ConfigurationError([`URNA_LOG_ORIGIN: ${(err as Error).message}`]);
  }
}

export const CONFIGURATION = Symbol('CONFIGURATION');
