/**
 * Runs projections: each follows the ledger with its own subscription from its stored
 * position. Events are applied in batches (a catch-up page, or the live events that queued up
 * while the last batch ran), each batch in one transaction together with the new position, so a
 * crash or restart resumes exactly after the last applied event (never twice, never skipped).
 */
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store';
import { ident, qualified, type Projection } from './projection';
import { AlreadyReported, LiveBatches } from './live-batches';

/** Events per catch-up transaction. */
const REPLAY_PAGE = 500;
/**
 * How long live events are gathered before a transaction. At 50 ms, a 1,000-voter simulacro's
 * casting still made 600-750 transactions per projection (five projections, each with its
 * position row and its own per-batch statements): ~5 statements per voter of the ~56 the
 * service sends. A read model a quarter of a second later is as current as the checkpoint a
 * receipt waits for (log.md §4.4) and than anyone watching a board can tell.
 */
export const DEFAULT_GATHER_MS = 250;

export interface ProjectionRunnerOptions {
  /** PostgreSQL schema of every projection table and of the positions table. Default 'projections'. */
  schema?: string;
  onError?: (projection: string, err: Error) => void;
  /** Live events are gathered this long before each transaction (LiveBatches). Default 250 ms. */
  gatherMs?: number;
}

export interface ProjectionPosition {
  name: string;
  /** Next ledger position to apply = number of ledger events applied. */
  position: number;
  /** Set when the projection's subscription failed (it stops; the service health shows it). */
  error?: string;
}

export class UnknownProjectionError extends Error {
  constructor(name: string) {
    super(`no projection named "${name}"`);
    this.name = 'UnknownProjectionError';
  }
}

export class ProjectionRunner {
  readonly schema: string;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly errors = new Map<string, string>();
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.schema = options.schema ?? 'projections';
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('two projections share a name');
  }

  private get positionsTable(): string {
    return qualified(this.schema, 'projection_positions');
  }

  async migrate(): Promise<void> {
    await this.withClient(async (db) => {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${ident(this.schema)}`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${this.positionsTable} (name text PRIMARY KEY, position bigint NOT NULL)`);
      for (const p of this.projections) await p.createTables(db, this.schema);
    });
  }

  /** Starts every projection from its stored position. */
  async start(): Promise<void> {
    this.stopped = false;
    this.starting = (async () => {
      await this.migrate();
      for (const p of this.projections) await this.startOne(p);
    })();
    return this.starting;
  }

  /** Stops following (also a start still catching up); resolves when nothing runs any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    const subs = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(subs.map((s) => s.close()));
  }

  async positions(): Promise<ProjectionPosition[]> {
    const { rows } = await this.pool.query<{ name: string; position: string }>(`SELECT name, position FROM ${this.positionsTable}`);
    const stored = new Map(rows.map((r) => [r.name, Number(r.position)]));
    return this.projections.map((p) => {
      const error = this.errors.get(p.name);
      return { name: p.name, position: stored.get(p.name) ?? 0, ...(error ? { error } : {}) };
    });
  }

  /** Resolves once every projection has applied the ledger up to `position` (default: the head now). */
  async waitUntilCaughtUp(position?: number, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.store.head());
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const positions = await this.positions();
      const failed = positions.find((p) => p.error);
      if (failed) throw new Error(`projection ${failed.name} failed: ${failed.error}`);
      if (positions.every((p) => p.position >= target)) return;
      if (Date.now() > deadline) throw new Error(`projections did not reach position ${target} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Drops a projection's tables and position, then replays the ledger from 0. Resolves when
   * the replay has reached the head seen when it started. The projection keeps following.
   */
  async rebuild(name: string): Promise<void> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnknownProjectionError(name);
    const running = this.subscriptions.get(name);
    this.subscriptions.delete(name);
    await running?.close();
    this.errors.delete(name);
    await this.withClient(async (db) => {
      await db.query('BEGIN');
      try {
        for (const table of projection.tables) await db.query(`DROP TABLE IF EXISTS ${qualified(this.schema, table)} CASCADE`);
        await db.query(`DELETE FROM ${this.positionsTable} WHERE name = $1`, [name]);
        await projection.createTables(db, this.schema);
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
    });
    const head = await this.store.head();
    this.stopped = false;
    if (running) await this.startOne(projection);
    else await this.replayTo(projection, head);
    await this.waitForOne(name, head);
  }

  private async waitForOne(name: string, target: number): Promise<void> {
    for (;;) {
      const p = (await this.positions()).find((x) => x.name === name)!;
      if (p.error) throw new Error(`projection ${name} failed: ${p.error}`);
      if (p.position >= target) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Catch-up: applies the ledger up to `head` a page per transaction (far faster than one
   * event per transaction); the live subscription takes over from there. */
  private async replayTo(projection: Projection, head: number): Promise<void> {
    let from = await this.storedPosition(projection.name);
    while (from < head && !this.stopped) {
      const page = await this.store.readAll({ from, limit: Math.min(REPLAY_PAGE, head - from) });
      if (page.length === 0) break;
      await this.applyBatch(projection, page);
      from = page[page.length - 1].position + 1;
    }
  }

  private async startOne(projection: Projection): Promise<void> {
    await this.replayTo(projection, await this.store.head());
    if (this.stopped) return;
    const from = await this.storedPosition(projection.name);
    const failed = (err: Error) => {
      this.errors.set(projection.name, err.message);
      this.options.onError?.(projection.name, err);
    };
    // Live events are applied in batches (live-batches.ts): whatever arrived while the last
    // transaction ran goes in the next one.
    const batches = new LiveBatches((events) => this.applyBatch(projection, events), failed, { gatherMs: this.options.gatherMs ?? DEFAULT_GATHER_MS });
    const sub = this.store.subscribeToAll(
      from,
      (event) => batches.push(event),
      (err) => {
        if (!(err instanceof AlreadyReported)) failed(err);
      },
    );
    this.subscriptions.set(projection.name, {
      close: async () => {
        await sub.close();
        await batches.close();
      },
    });
  }

  private async storedPosition(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.positionsTable} WHERE name = $1`, [name]);
    return rows.length ? Number(rows[0].position) : 0;
  }

  /**
   * Consecutive events, one transaction: the rows and the position move together. Commits are
   * asynchronous (synchronous_commit off): a projection is disposable, and a crash can only
   * lose whole transactions, rows and position alike, which are then simply applied again.
   */
  private async applyBatch(projection: Projection, events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.withClient(async (db) => {
      // Opening and closing the transaction take one round trip each, not five in all: during
      // casting a live batch holds one or two events, so these statements were most of the
      // projections' queries (pg_stat_statements, simulacro: 7,258 batches for 11,196 events).
      // Several statements in one simple query run in order and stop at the first error; the
      // projection's name is a literal escaped by the driver and the position a safe integer.
      const name = db.escapeLiteral(projection.name);
      try {
        // The row lock makes a second runner on the same database wait instead of applying twice.
        // The row is made first if missing: FOR UPDATE locks nothing where no row is, and two
        // runners starting on a fresh database both applied their first batch (duplicate rows).
        const opened = (await db.query(
          `BEGIN; SET LOCAL synchronous_commit = off; INSERT INTO ${this.positionsTable} (name, position) VALUES (${name}, 0) ON CONFLICT (name) DO NOTHING; `
          + `SELECT position FROM ${this.positionsTable} WHERE name = ${name} FOR UPDATE`,
        )) as unknown as QueryResult<{ position: string }>[];
        const rows = opened[3].rows;
        let next = rows.length ? Number(rows[0].position) : 0;
        for (const event of events) {
          if (event.position < next) continue; // already applied (another runner got there first)
          if (event.position > next) throw new Error(`projection ${projection.name} is at ${next} but was handed event ${event.position}`);
          await projection.apply(db, this.schema, event);
          next = event.position + 1;
        }
        if (!Number.isSafeInteger(next)) throw new Error(`projection ${projection.name}: position ${next} is not a safe integer`);
        await db.query(
          `INSERT INTO ${this.positionsTable} (name, position) VALUES (${name}, ${next}) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position; COMMIT`,
        );
      } catch (err) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  private async withClient<T>(fn: (db: PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      return await fn(db);
    } finally {
      db.release();
    }
  }
}
