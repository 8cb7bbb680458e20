/**
 * The PostgreSQL ledger adapter: the embedded default, and the store the tests and the
 * simulacro run on. The tables and the append function (and why they look as they do) are
 * in ./ledger-schema.ts.
 */
import type { Pool, PoolClient } from 'pg';
import { startCatchUpSubscription, WakeUp } from '../catch-up-subscription';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  InvalidEventError,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store';
import { assertExpectedRevision, catalogValidator, EventTypeValidator, PreparedEvent, prepareBatch } from '../new-event-validation';
import {
  assertSchemaName,
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  ledgerSchemaSql,
  notifyChannel,
  SQLSTATE_ID_CONFLICT,
  SQLSTATE_WRONG_REVISION,
} from './ledger-schema';
import { RecentEvents } from '../recent-events';
import { settleWithin } from './settle-within';

export interface PostgresEventStoreOptions {
  /** Schema holding the ledger's tables. Default `ledger`. */
  schema?: string;
  /** Which (type, version) pairs may be recorded. Default: the event catalog. */
  isKnownType?: EventTypeValidator;
  /** Subscriptions re-read at least this often even without a notification. Default 500 ms. */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up. Default 500. */
  pageSize?: number;
  /** The latest events read kept in memory for the other subscriptions (RecentEvents). Default
   * 512, about 40 MB when all are ballots; 0 keeps none. */
  recentEvents?: number;
}

interface EventRow {
  position: string;
  id: string;
  stream: string;
  revision: string;
  type: string;
  version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  visibility: 'public' | 'sealed';
  salt: string | null;
  recorded_at: Date;
}

const COLUMNS = 'position, id, stream, revision, type, version, data, metadata, visibility, salt, recorded_at';
/** The most appends one group commit carries (append_group, ledger-schema.ts). */
const MAX_GROUP = 64;

interface AppendRow {
  out_position: string;
  out_revision: string;
  out_recorded_at: Date;
  /** The append was a retry of one already committed: nothing was written. */
  out_duplicate: boolean;
}

/** An append waiting for the group in flight to commit. */
interface QueuedAppend {
  /** The append's JSON object for append_group. */
  json: string;
  values: unknown[];
  resolve: (rows: AppendRow[]) => void;
  reject: (err: unknown) => void;
}
/** How long to wait before trying LISTEN again after the listening connection failed. */
const RELISTEN_AFTER_MS = 5_000;

export class PostgresEventStore implements EventStore {
  readonly adapterName = 'postgres';
  private readonly schema: string;
  private readonly isKnownType: EventTypeValidator;
  private readonly sql: { append: string; appendGroup: string; readAll: string; readStream: string; head: string };
  /** Appends that arrived while another was in flight: they go together, in one commit. */
  private queued: QueuedAppend[] = [];
  private appending = false;
  /** The group (or single append) now being committed, until its callers have its answer. */
  private committing: Promise<void> | undefined;
  private readonly wakeUp = new WakeUp();
  private listener: Promise<ListeningConnection | null> | null = null;
  private listenFailedAt = 0;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;
  private readonly recent: RecentEvents;
  /**
   * The highest head announced (the position after a notified commit's events), while it can be
   * trusted: set by a notification on the live LISTEN connection, forgotten when that connection
   * breaks. Commits are numbered in commit order, so once one commit is notified every earlier
   * one (notified or not, LISTEN started or not) lies below its head, and every later one will
   * be notified while the connection lives. Undefined: unknown, the database is asked.
   */
  private announcedHead: number | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.schema = options.schema ?? 'ledger';
    assertSchemaName(this.schema);
    this.isKnownType = options.isKnownType ?? catalogValidator;
    this.recent = new RecentEvents(options.recentEvents ?? 512);
    const s = `"${this.schema}"`;
    this.sql = {
      append: `SELECT out_position, out_revision, out_recorded_at, out_duplicate FROM ${s}.append($1, $2, $3, $4)`,
      appendGroup: `SELECT out_item, out_position, out_revision, out_recorded_at, out_duplicate, out_error_code, out_error_message FROM ${s}.append_group($1)`,
      readAll: `SELECT ${COLUMNS} FROM ${s}.events WHERE position >= $1 ORDER BY position LIMIT $2`,
      readStream: `SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      head: `SELECT next_position FROM ${s}.head`,
    };
  }

  /** Creates the schema, tables and append function if missing; safe to run concurrently. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Serialises concurrent migrations (CREATE … IF NOT EXISTS alone can race).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-ledger-migrate:${this.schema}`]);
      await client.query(ledgerSchemaSql(this.schema));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertExpectedRevision(expected);
    const batch = prepareBatch(stream, events, this.isKnownType);
    try {
      const values = [stream, encodeExpected(expected), batchJson(batch), batch.some((e) => e.idGiven)];
      const rows = await this.groupCommit({
        json: `{"stream":${JSON.stringify(stream)},"expected":${values[1]},"checkIds":${values[3]},"events":${values[2]}}`,
        values,
      });
      rows.sort((a, b) => Number(a.out_position) - Number(b.out_position));
      const positions = rows.map((r) => Number(r.out_position));
      const nextExpectedRevision = Math.max(...rows.map((r) => Number(r.out_revision)));
      // A retry of a committed append wrote nothing: what is recorded is the first append's
      // events, whose content this batch need not repeat, so they are read as stored.
      const recorded = rows.some((r) => r.out_duplicate)
        ? await this.readStream(stream, { from: nextExpectedRevision - rows.length + 1, limit: rows.length })
        : batch.map((e, n) => recordedFromBatch(stream, e, rows[n]));
      // Committed, so this process's subscriptions are handed them without reading them back.
      this.recent.add(recorded);
      return { nextExpectedRevision, positions, recorded };
    } catch (err) {
      throw translateError(err, stream, expected);
    }
  }

  /**
   * Group commit (ledger-schema.ts, append_group): an append made while none is in flight goes
   * alone, as before; those that arrive meanwhile wait and then go together in one transaction,
   * each checked as if alone, so a burst pays one WAL flush per group instead of one each. Every
   * caller still hears only after the commit, with its own result or its own refusal.
   */
  private groupCommit(append: Omit<QueuedAppend, 'resolve' | 'reject'>): Promise<AppendRow[]> {
    return new Promise((resolve, reject) => {
      this.queued.push({ ...append, resolve, reject });
      if (!this.appending) void this.drainAppends();
    });
  }

  private async drainAppends(): Promise<void> {
    this.appending = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0, MAX_GROUP);
        this.committing = group.length === 1 ? this.appendAlone(group[0]) : this.appendGroup(group);
        await this.committing;
        this.committing = undefined;
      }
    } finally {
      this.appending = false;
    }
  }

  private async appendAlone(a: QueuedAppend): Promise<void> {
    try {
      const { rows } = await this.pool.query<AppendRow>({ name: `urna-ledger-append-${this.schema}`, text: this.sql.append, values: a.values });
      a.resolve(rows);
    } catch (err) {
      a.reject(err);
    }
  }

  private async appendGroup(group: QueuedAppend[]): Promise<void> {
    let rows: (AppendRow & { out_item: number; out_error_code: string | null; out_error_message: string | null })[];
    try {
      ({ rows } = await this.pool.query({ name: `urna-ledger-append-group-${this.schema}`, text: this.sql.appendGroup, values: [`[${group.map((a) => a.json).join(',')}]`] }));
    } catch (err) {
      for (const a of group) a.reject(err); // the group's outcome is unknown to all alike, as one append's would be
      return;
    }
    const retryAlone: QueuedAppend[] = [];
    group.forEach((a, item) => {
      const mine = rows.filter((r) => r.out_item === item);
      const failed = mine.find((r) => r.out_error_code !== null);
      if (!failed) return a.resolve(mine);
      // A deadlock with another instance's group: undone, so this append is tried again alone.
      if (failed.out_error_code === '40P01') return retryAlone.push(a);
      a.reject(Object.assign(new Error(failed.out_error_message ?? ''), { code: failed.out_error_code }));
    });
    for (const a of retryAlone) await this.appendAlone(a);
  }

  async readStream(stream: string, options: { from?: number; limit?: number } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<EventRow>({
      name: `urna-ledger-read-stream-${this.schema}`,
      text: this.sql.readStream,
      values: [stream, options.from ?? 0, options.limit ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<EventRow>({
      name: `urna-ledger-read-all-${this.schema}`,
      text: this.sql.readAll,
      values: [options.from ?? 0, options.limit ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  async head(): Promise<number> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ next_position: string }>(this.sql.head);
    return Number(rows[0].next_position);
  }

  /**
   * Every subscription of this process wakes on the same notification and asks for the same page
   * (they are all at the head): one query serves those that ask at once. A subscription joins a
   * read only if it was started after the same notification it saw, so it can miss no event that
   * notification announced. Subscribers share the events: they read them, never change them.
   */
  private readonly pageReads = new Map<string, Promise<RecordedEvent[]>>();

  /**
   * A subscription's page: the events another subscription of this process already read
   * (RecentEvents), then the database for the rest. The kept events alone answer only when they
   * fill the page, or reach the trusted announced head (announcedHead): then every committed
   * event left out is one whose notification is still to come, and it wakes the subscription
   * again (it noted the generation before this read). Otherwise, and whenever nothing is kept at
   * the position, the database is read, as before.
   */
  private readPageShared(from: number, limit: number, generation: number, afterCommit = false): Promise<RecordedEvent[]> {
    const kept = this.recent.run(from, limit);
    const end = from + kept.length;
    const reachesAnnounced = this.announcedHead !== undefined && end >= this.announcedHead;
    if (kept.length === limit || (kept.length > 0 && reachesAnnounced)) return Promise.resolve(kept);
    // The notification of this process's own commit usually arrives before the commit's answer:
    // the events announced are then about to be kept. Wait for that answer once, not a read.
    const committing = this.committing;
    if (committing && !afterCommit) return committing.then(() => this.readPageShared(from, limit, generation, true));
    const rest = this.readPageFromDatabase(end, limit - kept.length, generation);
    return kept.length === 0 ? rest : rest.then((more) => kept.concat(more));
  }

  private readPageFromDatabase(from: number, limit: number, generation: number): Promise<RecordedEvent[]> {
    const key = `${from}:${limit}:${generation}`;
    let read = this.pageReads.get(key);
    if (!read) {
      read = this.readAll({ from, limit })
        .then((events) => {
          this.recent.add(events);
          return events;
        })
        .finally(() => this.pageReads.delete(key));
      this.pageReads.set(key, read);
    }
    return read;
  }

  /** A notification's payload is the head after its commit (ledger-schema.ts, pg_notify). */
  private announced(payload: string | undefined): void {
    const head = Number(payload);
    if (Number.isSafeInteger(head) && head > (this.announcedHead ?? -1)) this.announcedHead = head;
    this.wakeUp.notify();
  }

  subscribeToAll(from: number, handler: (event: RecordedEvent) => Promise<void>, onError?: (err: Error) => void): Subscription {
    this.assertOpen();
    let readAt = this.wakeUp.generation;
    return startCatchUpSubscription(
      {
        readPage: (position, limit) => {
          readAt = this.wakeUp.generation;
          return this.readPageShared(position, limit, readAt);
        },
        waitForMore: async (timeoutMs, signal) => {
          await this.ensureListening();
          // Something was announced while this page was read: read again at once.
          if (this.wakeUp.generation !== readAt) return;
          await this.wakeUp.wait(timeoutMs, signal);
        },
      },
      from,
      handler,
      onError,
      { pageSize: this.options.pageSize, pollIntervalMs: this.options.pollIntervalMs, openSubscriptions: this.subscriptions },
    );
  }

  /** Stops every subscription and closes the listening connection (waiting until it has
   * really closed, so the caller may stop the server right after); the pool belongs to the caller. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    const listener = await this.listener?.catch(() => null);
    this.listener = null;
    await listener?.close();
  }

  /** One connection per store LISTENs for new heads and wakes every subscription. If it
   * fails, subscriptions keep polling and LISTEN is tried again a little later. */
  private async ensureListening(): Promise<void> {
    if (this.listener || this.closed || Date.now() - this.listenFailedAt < RELISTEN_AFTER_MS) return;
    const attempt = (async () => {
      const connection = new ListeningConnection(await this.pool.connect(), (payload) => this.announced(payload), () => {
        // The connection broke: drop it; subscriptions poll until LISTEN is tried again, and
        // commits from now on may go unannounced.
        this.announcedHead = undefined;
        if (this.listener === attempt) this.listener = null;
        this.listenFailedAt = Date.now();
      });
      try {
        await connection.listen(notifyChannel(this.schema));
      } catch (err) {
        await connection.close();
        throw err;
      }
      if (this.closed) {
        await connection.close();
        return null;
      }
      return connection;
    })().catch(() => {
      if (this.listener === attempt) this.listener = null;
      this.listenFailedAt = Date.now();
      return null;
    });
    this.listener = attempt;
    await attempt;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the PostgreSQL event store is closed');
  }
}

function encodeExpected(expected: ExpectedRevision): number {
  if (expected === 'no_stream') return EXPECTED_NO_STREAM;
  if (expected === 'any') return EXPECTED_ANY;
  if (expected === 'stream_exists') return EXPECTED_STREAM_EXISTS;
  return expected;
}

/** The batch as one JSON array for json_to_recordset. The event's data and metadata JSON are
 * spliced in as written, so they are serialised once and stored byte for byte. */
function batchJson(batch: PreparedEvent[]): string {
  const parts = batch.map(
    (e, n) =>
      `{"n":${n},"id":"${e.id}","type":${JSON.stringify(e.type)},"version":${e.version},"data":${e.dataJson},` +
      `"metadata":${e.metadataJson},"visibility":"${e.visibility}","salt":${e.salt === null ? 'null' : `"${e.salt}"`}}`,
  );
  return `[${parts.join(',')}]`;
}

function translateError(err: unknown, stream: string, expected: ExpectedRevision): unknown {
  const code = (err as { code?: string }).code;
  const message = (err as { message?: string }).message ?? '';
  if (code === SQLSTATE_WRONG_REVISION) {
    const actual = Number(message);
    return new WrongExpectedRevisionError(stream, expected, actual < 0 ? 'no_stream' : actual);
  }
  if (code === SQLSTATE_ID_CONFLICT) {
    return new InvalidEventError(`stream "${stream}": ${message} of these event ids are already recorded, but not as this same append; use fresh ids`);
  }
  if (code === '23505') {
    // Only reachable when two writers race with the same event id on different streams.
    return new InvalidEventError(`stream "${stream}": an event id of this append is already recorded`);
  }
  return err;
}

/** An appended event as readStream would return it, from the batch as sent and the row the
 * append returned. data and metadata are parsed from the exact text that was stored, as the
 * json column gives them back. */
function recordedFromBatch(stream: string, e: PreparedEvent, row: AppendRow): RecordedEvent {
  return toRecordedEvent({
    position: row.out_position, id: e.id, stream, revision: row.out_revision, type: e.type, version: e.version,
    data: JSON.parse(e.dataJson), metadata: JSON.parse(e.metadataJson), visibility: e.visibility, salt: e.salt, recorded_at: row.out_recorded_at,
  });
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const event: RecordedEvent = {
    id: row.id,
    stream: row.stream,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    version: row.version,
    data: row.data,
    metadata: { ...row.metadata, recordedAt: row.recorded_at.toISOString() },
    visibility: row.visibility,
  };
  if (row.visibility === 'sealed' && row.salt !== null) event.salt = row.salt;
  return event;
}

/**
 * The pooled connection that LISTENs for new heads. It is given back to the pool (destroyed)
 * exactly once, whether it breaks, fails to LISTEN or the store closes, and `close()` waits
 * until its socket has closed: a server stopped right after must find no live connection
 * (a late "terminating connection" error on it would otherwise reach an 'error' event after
 * the release, where nobody can handle it).
 */
class ListeningConnection {
  private released = false;
  private readonly ended: Promise<void>;

  constructor(private readonly client: PoolClient, onNotification: (payload: string | undefined) => void, onBroken: () => void) {
    this.ended = new Promise((resolve) => client.once('end', () => resolve()));
    client.on('notification', (message: { payload?: string }) => {
      if (!this.released) onNotification(message.payload);
    });
    // Stays attached after the release, so an error while the socket closes is swallowed here.
    client.on('error', () => {
      if (!this.released) onBroken();
      this.release();
    });
  }

  listen(channel: string): Promise<unknown> {
    return this.client.query(`LISTEN "${channel}"`);
  }

  async close(): Promise<void> {
    this.release();
    await settleWithin(this.ended, 5000);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.client.release(true);
  }
}
