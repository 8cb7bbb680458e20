/**
 * Checks every adapter runs on a batch before it touches storage, so a bad batch fails with
 * a clear typed error and appends nothing, whichever store is behind the port.
 */
import { randomUUID } from 'node:crypto';
import { eventCatalog } from '../domain/event-catalog';
import { hasLoneSurrogate, pathText } from '../domain/shared/canonical-json';
import {
  EventTooLargeError,
  ExpectedRevision,
  InvalidEventError,
  MAX_EVENT_BYTES,
  NewEvent,
  UnknownEventTypeError,
} from './event-store';
import { randomSalt } from './random-salt';

/** Decides whether a (type, version) pair may be recorded. */
export type EventTypeValidator = (type: string, version: number) => boolean;

export const catalogValidator: EventTypeValidator = (type, version) => eventCatalog.isKnown(type, version);

/** Letters, digits and `. _ : @ -`, starting with a letter or digit (so never a KurrentDB
 * system stream, which starts with `$`), at most 200 characters. */
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready to store: id chosen, JSON written once, salt drawn for sealed events. */
export interface PreparedEvent {
  id: string;
  /** True when the writer chose the id (only those can be re-appended idempotently). */
  idGiven: boolean;
  type: string;
  version: number;
  visibility: 'public' | 'sealed';
  dataJson: string;
  metadataJson: string;
  salt: string | null;
}

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || !STREAM_NAME.test(stream)) {
    throw new InvalidEventError(`invalid stream name ${JSON.stringify(stream)}: use 1-200 letters, digits or . _ : @ -, starting with a letter or digit`);
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  const ok = expected === 'no_stream' || expected === 'any' || expected === 'stream_exists' || (Number.isSafeInteger(expected) && (expected as number) >= 0);
  if (!ok) throw new InvalidEventError(`invalid expected revision ${JSON.stringify(expected)}: use a revision >= 0, "no_stream", "any" or "stream_exists"`);
}

/** Validates a whole batch and prepares it; throws on the first problem. */
export function prepareBatch(stream: string, events: NewEvent[], isKnownType: EventTypeValidator): PreparedEvent[] {
  assertStreamName(stream);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError('an append needs at least one event');
  const seen = new Set<string>();
  return events.map((event, index) => {
    const prepared = prepareEvent(event, index, isKnownType);
    if (seen.has(prepared.id)) throw new InvalidEventError(`event #${index}: id ${prepared.id} appears twice in one append`);
    seen.add(prepared.id);
    return prepared;
  });
}

function prepareEvent(event: NewEvent, index: number, isKnownType: EventTypeValidator): PreparedEvent {
  const where = `event #${index}`;
  if (typeof event !== 'object' || event === null) throw new InvalidEventError(`${where}: not an object`);
  if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidEventError(`${where}: missing type`);
  if (!Number.isSafeInteger(event.version) || event.version < 1) throw new InvalidEventError(`${where}: version must be an integer >= 1`);
  if (!isKnownType(event.type, event.version)) throw new UnknownEventTypeError(`${event.type}@v${event.version}`);
  if (event.visibility !== 'public' && event.visibility !== 'sealed') throw new InvalidEventError(`${where}: visibility must be "public" or "sealed"`);
  if (event.id !== undefined && (typeof event.id !== 'string' || !UUID.test(event.id))) throw new InvalidEventError(`${where}: id must be a UUID`);
  const metadata = event.metadata as unknown;
  if (typeof metadata !== 'object' || metadata === null) throw new InvalidEventError(`${where}: missing metadata`);
  const { actor, causationId, correlationId, ...rest } = metadata as Record<string, unknown>;
  if (typeof actor !== 'string' || actor.length === 0) throw new InvalidEventError(`${where}: metadata.actor must be a non-empty string`);
  if (causationId !== undefined && typeof causationId !== 'string') throw new InvalidEventError(`${where}: metadata.causationId must be a string`);
  if (correlationId !== undefined && typeof correlationId !== 'string') throw new InvalidEventError(`${where}: metadata.correlationId must be a string`);
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new InvalidEventError(`${where}: unknown metadata field(s) ${extra.join(', ')} (recordedAt is set by the ledger)`);
  assertJsonValue(event.data, `${where}: data`);
  assertJsonValue(metadata, `${where}: metadata`);
  const dataJson = JSON.stringify(event.data);
  const metadataJson = JSON.stringify(metadata);
  const size = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (size > MAX_EVENT_BYTES) throw new EventTooLargeError(size);
  return {
    id: event.id?.toLowerCase() ?? randomUUID(),
    idGiven: event.id !== undefined,
    type: event.type,
    version: event.version,
    visibility: event.visibility,
    dataJson,
    metadataJson,
    salt: event.visibility === 'sealed' ? randomSalt() : null,
  };
}

/**
 * Accepts only values that survive JSON unchanged: null, booleans, finite numbers, well-formed
 * strings, arrays and plain objects of those. Anything JSON.stringify would drop or alter
 * silently (undefined, NaN, Dates, Maps, class instances, cycles) is refused instead.
 */
export function assertJsonValue(value: unknown, path: string): void {
  checkJsonValue(value, path, [], []);
}

/** `at` and `ancestors` are stacks the walk pushes and pops: the refused value's path is spelled
 * out only when there is one to report (every append of a ballot walks ~2,000 values). */
function checkJsonValue(value: unknown, root: string, at: (string | number)[], ancestors: object[]): void {
  const path = () => `${root}${pathText(at).slice(1)}`;
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (hasLoneSurrogate(value)) throw new InvalidEventError(`${path()}: string is not valid Unicode`);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventError(`${path()}: ${value} is not representable in JSON`);
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.includes(value)) throw new InvalidEventError(`${path()}: circular reference`);
      if (!Array.isArray(value)) {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw new InvalidEventError(`${path()}: only plain objects are allowed (got ${proto?.constructor?.name ?? 'unknown'})`);
      }
      ancestors.push(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          at.push(i);
          checkJsonValue(value[i], root, at, ancestors);
          at.pop();
        }
      } else {
        for (const key of Object.keys(value)) {
          if (hasLoneSurrogate(key)) throw new InvalidEventError(`${path()}: key is not valid Unicode`);
          at.push(key);
          checkJsonValue((value as Record<string, unknown>)[key], root, at, ancestors);
          at.pop();
        }
      }
      ancestors.pop();
      return;
    }
    default:
      throw new InvalidEventError(`${path()}: a ${typeof value} is not JSON`);
  }
}
