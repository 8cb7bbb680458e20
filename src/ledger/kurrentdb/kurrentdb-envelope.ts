/**
 * How our event envelope maps onto a KurrentDB event, both ways. The id, type and data are
 * KurrentDB's own fields; everything else of ours (actor, causation, correlation, schema
 * version, visibility, the salt of a sealed event) travels in KurrentDB's event metadata next
 * to a marker that tells our events from anything else in the database. recordedAt is
 * KurrentDB's `created` timestamp.
 */
import { ANY, AppendStreamState, EventData, jsonEvent, JSONType, NO_STREAM, RecordedEvent as KurrentRecordedEvent, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedRevision, RecordedEvent, Visibility } from '../event-store';
import type { PreparedEvent } from '../new-event-validation';
import { URNA_MARKER } from './dense-sequencer';

/** What our events carry in KurrentDB's metadata. */
export interface StoredMetadata extends EventMetadata {
  [URNA_MARKER]: 1;
  version: number;
  visibility: Visibility;
  salt?: string;
}

export function toKurrentEvent(e: PreparedEvent): EventData {
  const metadata: StoredMetadata = { [URNA_MARKER]: 1, ...JSON.parse(e.metadataJson), version: e.version, visibility: e.visibility };
  if (e.salt !== null) metadata.salt = e.salt;
  return jsonEvent({ id: e.id, type: e.type, data: JSON.parse(e.dataJson) as JSONType, metadata });
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

export function toRecordedEvent(event: KurrentRecordedEvent, position: number): RecordedEvent {
  const { [URNA_MARKER]: _marker, version, visibility, salt, ...metadata } = event.metadata as unknown as StoredMetadata;
  const recorded: RecordedEvent = {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    version,
    data: event.data,
    metadata: { ...metadata, recordedAt: event.created.toISOString() },
    visibility,
  };
  if (visibility === 'sealed' && salt) recorded.salt = salt;
  return recorded;
}
