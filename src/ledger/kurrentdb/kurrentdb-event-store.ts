/**
 * The KurrentDB (formerly EventStoreDB) ledger adapter: the production event store of the
 * design. It uses `@kurrent/kurrentdb-client`, the maintained successor of
 * `@eventstore/db-client`: EventStoreDB was renamed KurrentDB and the old package only gets
 * the renamed client's fixes there, so new code should depend on the new name.
 *
 * Mapping of our envelope: the event's id, type and data are KurrentDB's own; our metadata
 * (actor, causation, correlation), the schema version, the visibility and the salt of a sealed
 * event travel in the KurrentDB event's metadata, with a marker telling our events from any
 * other; recordedAt is KurrentDB's `created` timestamp. Optimistic concurrency and idempotent
 * retries (same ids, same expected revision) are KurrentDB's. Dense positions come from
 * ./dense-sequencer.ts.
 *
 * Not run on this project's machines (no KurrentDB server there): the contract suite runs it
 * whenever EVENTSTORE_URL is set (`docker compose up eventstore`).
 */
import {
  AllStreamRecordedEvent,
  excludeSystemEvents,
  KurrentDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { startCatchUpSubscription } from '../catch-up-subscription';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store';
import { assertExpectedRevision, catalogValidator, EventTypeValidator, prepareBatch } from '../new-event-validation';
import { DenseSequencer, isLedgerEvent } from './dense-sequencer';
import { toKurrentEvent, toRecordedEvent, toStreamState } from './kurrentdb-envelope';

export interface KurrentDbEventStoreOptions {
  isKnownType?: EventTypeValidator;
  pollIntervalMs?: number;
  pageSize?: number;
}

export class KurrentDbEventStore implements EventStore {
  readonly adapterName = 'kurrentdb';
  private readonly client: KurrentDBClient;
  private readonly sequencer: DenseSequencer;
  private readonly isKnownType: EventTypeValidator;
  private readonly subscriptions = new Set<Subscription>();

  /** `connectionString` e.g. `kurrentdb://localhost:2113?tls=false`. */
  constructor(
    connectionString: string,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.client = KurrentDBClient.connectionString(connectionString);
    this.isKnownType = options.isKnownType ?? catalogValidator;
    this.sequencer = new DenseSequencer(this.client);
    this.sequencer.start();
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertExpectedRevision(expected);
    const batch = prepareBatch(stream, events, this.isKnownType);
    const data = batch.map(toKurrentEvent);
    let result;
    try {
      result = await this.client.appendToStream(stream, data, { streamState: toStreamState(expected) });
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) {
        const actual = err.actualState === NO_STREAM ? 'no_stream' : Number(err.actualState);
        throw new WrongExpectedRevisionError(stream, expected, actual);
      }
      throw err;
    }
    if (result.position) await this.sequencer.reach(result.position);
    else await this.sequencer.catchUp();
    const positions = batch.map((e) => {
      const ordinal = this.sequencer.ordinalOf(e.id);
      if (ordinal === undefined) throw new Error(`event ${e.id} was appended to KurrentDB but not sequenced`);
      return ordinal;
    });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // KurrentDB's append answers no recording times: the events are read back as stored.
    const recorded = await this.readStream(stream, { from: nextExpectedRevision - batch.length + 1, limit: batch.length });
    return { nextExpectedRevision, positions, recorded };
  }

  async readStream(stream: string, options: { from?: number; limit?: number } = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(stream, { fromRevision: BigInt(options.from ?? 0), maxCount: options.limit ?? Number.MAX_SAFE_INTEGER });
      for await (const resolved of reading) {
        const event = resolved.event;
        if (!event || !isLedgerEvent(event.metadata)) continue;
        if (event.position) await this.sequencer.reach(event.position);
        else await this.sequencer.catchUp();
        out.push(toRecordedEvent(event, this.ordinalOf(event.id)));
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    await this.sequencer.catchUp();
    const from = options.from ?? 0;
    const first = this.sequencer.entry(from);
    if (!first) return [];
    const limit = Math.min(options.limit ?? Number.MAX_SAFE_INTEGER, this.sequencer.count - from);
    const out: RecordedEvent[] = [];
    const reading = this.client.readAll({ fromPosition: first.position, filter: excludeSystemEvents() });
    for await (const resolved of reading) {
      const event = resolved.event as AllStreamRecordedEvent | undefined;
      if (!event || !isLedgerEvent(event.metadata)) continue;
      const position = from + out.length;
      if (this.sequencer.entry(position)?.id !== event.id) throw new Error(`KurrentDB $all changed under the sequencer at ledger position ${position}`);
      out.push(toRecordedEvent(event, position));
      if (out.length >= limit) break;
    }
    return out;
  }

  async head(): Promise<number> {
    await this.sequencer.catchUp();
    return this.sequencer.count;
  }

  subscribeToAll(from: number, handler: (event: RecordedEvent) => Promise<void>, onError?: (err: Error) => void): Subscription {
    return startCatchUpSubscription(
      {
        readPage: (position, limit) => this.readAll({ from: position, limit }),
        waitForMore: (timeoutMs, signal) => this.sequencer.wakeUp.wait(timeoutMs, signal),
      },
      from,
      handler,
      onError,
      { pageSize: this.options.pageSize, pollIntervalMs: this.options.pollIntervalMs, openSubscriptions: this.subscriptions },
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.sequencer.stop();
    await this.client.dispose();
  }

  private ordinalOf(id: string): number {
    const ordinal = this.sequencer.ordinalOf(id);
    if (ordinal === undefined) throw new Error(`event ${id} is in KurrentDB but not sequenced`);
    return ordinal;
  }
}
