/**
 * A `ThrottlerStorage` for @nestjs/throttler kept in PostgreSQL, so that every instance of the
 * service counts against one budget per key (the library's own storage is one process's
 * memory, and a client spreading requests over several instances would get a budget per
 * instance).
 *
 * One row per key (the guard's key) holding a fixed window that opens at the key's first hit:
 * `hits` counted in the window ending at `window_ends`, `blocked_until` once a block began, and
 * whether the latest hit was refused. Each hit is one atomic `INSERT … ON CONFLICT DO UPDATE`
 * evaluated on the database's clock, so concurrent requests to several processes never lose a
 * count and all agree on when a window ends. The outcome follows the library's in-memory
 * storage:
 *   - blockDuration > 0: the hit that passes the limit is refused and blocks the key for
 *     blockDuration; hits while blocked are refused and not counted; the first hit after the
 *     block opens a new window.
 *   - blockDuration <= 0: no block; a hit that finds the window full is refused, is not
 *     counted, and is told to retry when the window ends.
 * Rows whose window and block have ended are deleted at most once a minute per process.
 *
 * Refusals known in this process are answered without PostgreSQL (issue 16 §4.1): once the
 * database has refused a key until some instant (the end of its block, or of its full window),
 * nothing another instance does can make that key's next hit pass before that instant (a
 * refused hit is not counted, hits only grow within a window, a block only ends on its clock).
 * So the process remembers "refused until T" and refuses the key's hits before T itself, with
 * the time left. T is measured from the moment the query was sent, so the local deadline is
 * never later than the database's. Without this a flood from one address paid one upsert per
 * refused request, and filled the pool that real voters' sign-ins wait for.
 */
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Pool } from 'pg';

/** What `ThrottlerStorage.increment` answers (the library's ThrottlerStorageRecord). */
export interface ThrottlerHit {
  totalHits: number;
  /** Seconds until the window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until a refused client may retry (0 when not refused). */
  timeToBlockExpire: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SWEEP_EVERY_MS = 60_000;
/** Keys remembered as refused, at most (a flood of new keys is not refused, so rarely lands here). */
const MAX_REMEMBERED_REFUSALS = 100_000;

/**
 * The new row of a hit, as SQL expressions over the key's previous state (`hits`,
 * `windowEnds`, `blockedUntil`: expressions too). Parameters: $2 ttl ms, $3 limit, $4 block ms.
 * The insert of a new key uses the same expressions over an ended, empty window, so both
 * branches of the upsert decide alike.
 */
function nextState(hits: string, windowEnds: string, blockedUntil: string) {
  const ms = (param: string) => `(${param}::bigint * interval '1 millisecond')`;
  const blocking = `coalesce(${blockedUntil} > now(), false)`;
  const stale = `(NOT ${blocking} AND (${windowEnds} <= now() OR coalesce(${blockedUntil} <= now(), false)))`;
  const base = `(CASE WHEN ${stale} THEN 0 ELSE ${hits} END)`;
  const blocks = `($4::bigint > 0 AND ${base} + 1 > $3::int)`;
  const refused = `(${blocking} OR ($4::bigint <= 0 AND ${base} >= $3::int) OR ${blocks})`;
  return {
    hits: `CASE WHEN ${blocking} OR ($4::bigint <= 0 AND ${base} >= $3::int) THEN ${base} ELSE ${base} + 1 END`,
    windowEnds: `CASE WHEN ${stale} THEN now() + ${ms('$2')} ELSE ${windowEnds} END`,
    blockedUntil: `CASE WHEN ${blocking} THEN ${blockedUntil} WHEN ${blocks} THEN now() + ${ms('$4')} ELSE NULL END`,
    refused,
  };
}

export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly table: string;
  private readonly incrementSql: string;
  private lastSweep = 0;
  /** Key → the local time (ms) before which its hits are refused, learned from the database. */
  private readonly refusedUntil = new Map<string, number>();
  /** Hits answered from `refusedUntil` without PostgreSQL (for tests and monitoring). */
  localRefusals = 0;

  constructor(private readonly pool: Pool, private readonly schema: string) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    this.table = `"${schema}".throttler_hits`;
    const fresh = nextState('0', 'now()', 'NULL::timestamptz');
    const next = nextState('r.hits', 'r.window_ends', 'r.blocked_until');
    // $1 key, $2 ttl ms, $3 limit, $4 block ms, $5 throttler name. now() is one instant for
    // the whole statement; ON CONFLICT updates the row under its lock.
    // The hit's own transaction (the statement's, implicit) commits without waiting for its WAL
    // to be flushed (set_config(…, true): this transaction only; the connection's next statement,
    // a ledger append, commits synchronously as before). A count is no ledger fact: a crash of
    // PostgreSQL can forget the hits of its last moments (wal_writer_delay, 200 ms by default),
    // never a voter's lockout, which the voter's stream decides and records synchronously.
    // Waiting for the flush cost each hit ~3.5 ms and the backend 410-525 us of CPU (105-160
    // async), twice per request.
    this.incrementSql = `
      WITH quick AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
      INSERT INTO ${this.table} AS r (key, throttler, hits, window_ends, blocked_until, refused)
      SELECT $1, $5, ${fresh.hits}, ${fresh.windowEnds}, ${fresh.blockedUntil}, ${fresh.refused} FROM quick
      ON CONFLICT (key) DO UPDATE SET
        throttler = $5, hits = ${next.hits}, window_ends = ${next.windowEnds},
        blocked_until = ${next.blockedUntil}, refused = ${next.refused}
      RETURNING hits, refused,
        greatest(0, ceil(extract(epoch FROM window_ends - now())))::int AS window_seconds,
        greatest(0, ceil(extract(epoch FROM coalesce(blocked_until, window_ends) - now())))::int AS retry_seconds,
        greatest(0, floor(extract(epoch FROM coalesce(blocked_until, window_ends) - now()) * 1000))::float8 AS retry_ms`;
  }

  /** Creates the schema and table if missing; safe when several instances start at once. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-throttler-migrate:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          key text PRIMARY KEY,
          throttler text NOT NULL,
          hits integer NOT NULL,
          window_ends timestamptz NOT NULL,
          blocked_until timestamptz,
          refused boolean NOT NULL
        )`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** `ttl` and `blockDuration` in milliseconds (the library's unit); the answer in seconds. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerHit> {
    const sentAt = Date.now();
    const until = this.refusedUntil.get(key);
    if (until !== undefined) {
      if (sentAt < until) {
        this.localRefusals++;
        const left = Math.max(1, Math.ceil((until - sentAt) / 1000));
        return { totalHits: Math.floor(limit) + 1, timeToExpire: left, isBlocked: true, timeToBlockExpire: left };
      }
      this.refusedUntil.delete(key);
    }
    await this.sweep();
    // Named: each connection parses and plans this 3.6 kB statement once, not on every request
    // (its parse and plan were most of PostgreSQL's CPU for a hit).
    const { rows } = await this.pool.query<{ hits: number; refused: boolean; window_seconds: number; retry_seconds: number; retry_ms: number }>({
      name: `urna-throttler-hit-${this.schema}`,
      text: this.incrementSql,
      values: [key, Math.max(1, Math.round(ttl)), Math.floor(limit), Math.max(0, Math.round(blockDuration)), throttlerName],
    });
    const { hits, refused, window_seconds, retry_seconds, retry_ms } = rows[0];
    if (refused && retry_ms > 0) this.remember(key, sentAt + retry_ms);
    return {
      // Like the in-memory storage: a refused hit that was not counted still shows as one more.
      totalHits: refused && blockDuration <= 0 ? hits + 1 : hits,
      timeToExpire: window_seconds,
      isBlocked: refused,
      timeToBlockExpire: refused ? Math.max(1, retry_seconds) : 0,
    };
  }

  private remember(key: string, until: number): void {
    if (this.refusedUntil.size >= MAX_REMEMBERED_REFUSALS) this.forgetEnded(Date.now());
    // Still full of live refusals: the oldest entry goes (it only costs that key a database hit).
    if (this.refusedUntil.size >= MAX_REMEMBERED_REFUSALS) this.refusedUntil.delete(this.refusedUntil.keys().next().value!);
    this.refusedUntil.set(key, until);
  }

  private forgetEnded(now: number): void {
    for (const [key, until] of this.refusedUntil) if (until <= now) this.refusedUntil.delete(key);
  }

  /** Deletes rows whose window and block have ended (at most once a minute per process). */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.forgetEnded(now);
    await this.pool.query(`DELETE FROM ${this.table} WHERE window_ends < now() AND (blocked_until IS NULL OR blocked_until < now())`);
  }
}
