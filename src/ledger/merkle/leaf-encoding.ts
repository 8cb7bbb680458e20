/**
 * The log's leaf for a ledger event, format "urna-leaf/1" (docs/spec/log.md §2). Browser-safe:
 * an auditor or a voter recomputes leaves with exactly this code.
 *
 * leaf data = UTF-8(RFC 8785 canonical JSON of the public entry).
 *
 * A `sealed` event carries personal data (voter records, participation, credential delivery),
 * so its public entry keeps only what reveals nobody: position, type, version, time and a
 * salted commitment. Its stream, revision, id, actor, causation/correlation ids and data go
 * inside the commitment, because stream names and actors can name a voter and an id may be
 * derived from one. Whoever holds the sealed event and its salt can open the commitment.
 */
import type { RecordedEvent } from '../event-store';
import { nobleSha256, type HashFn } from './hash';
import { canonicalJson } from '../../domain/shared/canonical-json';
import { fromHex, toHex, utf8 } from './encoding';

export const LEAF_FORMAT = 'urna-leaf/1';
const SALT_BYTES = 32;

/** Public entry of a `public` event: the whole event as published. */
export interface PublicEventEntry {
  format: typeof LEAF_FORMAT;
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  version: number;
  recordedAt: string;
  actor: string;
  causationId?: string;
  correlationId?: string;
  visibility: 'public';
  data: unknown;
}

/** Public entry of a `sealed` event: only a commitment to its private part. */
export interface SealedEventEntry {
  format: typeof LEAF_FORMAT;
  position: number;
  type: string;
  version: number;
  recordedAt: string;
  visibility: 'sealed';
  data: { commitment: string };
}

export type LogEntry = PublicEventEntry | SealedEventEntry;

/** The private part of a sealed event that its commitment binds. */
export interface SealedContent {
  stream: string;
  revision: number;
  id: string;
  actor: string;
  causationId?: string;
  correlationId?: string;
  data: unknown;
}

export class LeafEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeafEncodingError';
  }
}

/**
 * Lowercase hex SHA-256(salt || UTF-8(canonical JSON of the sealed content)). `hash` is any
 * SHA-256: the server passes node:crypto's (node-sha256.ts), about ten times faster than noble's
 * on a 47 kB sealed ballot (0.5 ms of the main thread per cast); browsers keep the default.
 */
export function sealedCommitment(content: SealedContent, saltHex: string, hash: HashFn = nobleSha256): string {
  if (!/^[0-9a-f]{64}$/.test(saltHex)) throw new LeafEncodingError(`salt must be ${SALT_BYTES} bytes of lowercase hex`);
  const salt = fromHex(saltHex);
  const body = utf8(canonicalJson(withoutUndefined(content)));
  const buf = new Uint8Array(salt.length + body.length);
  buf.set(salt, 0);
  buf.set(body, salt.length);
  return toHex(hash(buf));
}

export function sealedContentOf(event: RecordedEvent): SealedContent {
  return withoutUndefined({
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    actor: event.metadata.actor,
    causationId: event.metadata.causationId,
    correlationId: event.metadata.correlationId,
    data: event.data,
  });
}

/** What /log/entries publishes for this event; its canonical JSON is the leaf data. */
export function publicEntryOf(event: RecordedEvent): LogEntry {
  return publicEntryHashedWith(event, nobleSha256);
}

/** publicEntryOf with the SHA-256 of a sealed event's commitment given (see sealedCommitment). */
export function publicEntryHashedWith(event: RecordedEvent, hash: HashFn): LogEntry {
  if (event.visibility === 'sealed') {
    if (event.salt === undefined) throw new LeafEncodingError(`sealed event at position ${event.position} has no salt`);
    return {
      format: LEAF_FORMAT,
      position: event.position,
      type: event.type,
      version: event.version,
      recordedAt: event.metadata.recordedAt,
      visibility: 'sealed',
      data: { commitment: sealedCommitment(sealedContentOf(event), event.salt, hash) },
    };
  }
  if (event.visibility !== 'public') throw new LeafEncodingError(`unknown visibility "${String(event.visibility)}"`);
  return withoutUndefined({
    format: LEAF_FORMAT,
    position: event.position,
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    version: event.version,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    causationId: event.metadata.causationId,
    correlationId: event.metadata.correlationId,
    visibility: 'public',
    data: event.data,
  });
}

/** The bytes hashed into the tree for an entry: UTF-8 of its RFC 8785 canonical JSON. */
export function leafDataOfEntry(entry: LogEntry): Uint8Array {
  return utf8(canonicalJson(entry));
}

export function leafDataOf(event: RecordedEvent): Uint8Array {
  return leafDataOfEntry(publicEntryOf(event));
}

/** leafDataOf with the SHA-256 of a sealed event's commitment given: the same bytes for any SHA-256. */
export function leafDataHashedWith(event: RecordedEvent, hash: HashFn): Uint8Array {
  return leafDataOfEntry(publicEntryHashedWith(event, hash));
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
