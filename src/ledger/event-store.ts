/**
 * The ledger port: an append-only event store with per-stream optimistic concurrency and
 * one dense global order. Adapters: PostgreSQL (embedded default) and EventStoreDB/KurrentDB.
 * Every adapter passes test/ledger/contract (the ledger contract suite).
 */

/** `public` events are published on the bulletin board; `sealed` ones carry personal data:
 * the transparency log receives only a salted commitment to them, never their content. */
export type Visibility = 'public' | 'sealed';

export interface EventMetadata {
  /** Who caused the event: a role and an identifier, e.g. "admin:ana" or "system:scheduler". */
  actor: string;
  /** Id of the command or event that caused this one. */
  causationId?: string;
  /** Id shared by every event of one request or ceremony. */
  correlationId?: string;
}

/** What a writer hands to the ledger. */
export interface NewEvent<T extends string = string, D = unknown> {
  /** UUID chosen by the writer; appending the same id twice to a stream is idempotent. */
  id?: string;
  type: T;
  /** Schema version of `data` for this type: a published version's meaning never changes. */
  version: number;
  data: D;
  metadata: EventMetadata;
  visibility: Visibility;
}

/** What the ledger returns: the event as recorded. */
export interface RecordedEvent<T extends string = string, D = unknown> {
  id: string;
  stream: string;
  /** 0-based position within its stream. */
  revision: number;
  /** 0-based, dense (no gaps), in commit order across all streams. */
  position: number;
  type: T;
  version: number;
  data: D;
  metadata: EventMetadata & { recordedAt: string };
  visibility: Visibility;
  /** Only for sealed events: 32 random bytes (hex) drawn by the ledger at append time and
   * kept with the event, never published. The log's leaf for a sealed event commits to its
   * content with this salt, so the public tree covers it without revealing it. */
  salt?: string;
}

/** Expected stream revision for an append: the last revision seen, or a special state. */
export type ExpectedRevision = number | 'no_stream' | 'any' | 'stream_exists';

export interface AppendResult {
  /** Revision of the last appended event in the stream. */
  nextExpectedRevision: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
  /** The appended events as recorded (what readStream would return for them, in order): the
   * writer needs their positions, times and salts, and reading them back would cost a round
   * trip per command. An idempotent retry returns the events recorded the first time. */
  recorded: RecordedEvent[];
}

export interface ReadAllOptions {
  /** First global position to read (inclusive). Default 0. */
  from?: number;
  /** Maximum number of events. */
  limit?: number;
}

export interface Subscription {
  /** Stops delivery; resolves when the subscription has stopped. */
  close(): Promise<void>;
}

export interface EventStore {
  /** Appends atomically; durable when the promise resolves. Throws
   * WrongExpectedRevisionError, EventTooLargeError or UnknownEventTypeError, appending nothing. */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order ([] if the stream does not exist). */
  readStream(stream: string, options?: { from?: number; limit?: number }): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Number of events recorded (= next global position). */
  head(): Promise<number>;
  /** Catch-up then live: calls `handler` for every event from `from`, in global order, once
   * each, waiting for each returned promise before the next. */
  subscribeToAll(from: number, handler: (event: RecordedEvent) => Promise<void>, onError?: (err: Error) => void): Subscription;
  close(): Promise<void>;
}

/** Largest serialized event (`data` + `metadata` as JSON) the ledger accepts, in bytes.
 * It keeps every log entry within the 64 KiB a tlog-tiles entry bundle allows for one entry. */
export const MAX_EVENT_BYTES = 60 * 1024;

export class LedgerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevisionError extends LedgerError {
  constructor(readonly stream: string, readonly expected: ExpectedRevision, readonly actual: number | 'no_stream') {
    super('WRONG_EXPECTED_REVISION', `stream "${stream}": expected revision ${String(expected)}, but it is at ${String(actual)}`);
  }
}

export class EventTooLargeError extends LedgerError {
  constructor(readonly size: number) {
    super('EVENT_TOO_LARGE', `event of ${size} bytes exceeds the ledger's limit of ${MAX_EVENT_BYTES} bytes`);
  }
}

export class UnknownEventTypeError extends LedgerError {
  constructor(readonly type: string) {
    super('UNKNOWN_EVENT_TYPE', `event type "${type}" is not in the event catalog`);
  }
}

export class InvalidEventError extends LedgerError {
  constructor(message: string) {
    super('INVALID_EVENT', message);
  }
}
