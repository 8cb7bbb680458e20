/**
 * The leaf data of an event a ledger subscription delivered, made once per event object.
 *
 * Every subscription of a process at the head is served the same page of events, the very same
 * objects (postgres-event-store.ts, readPageShared), and no subscriber changes them. The log
 * sequencer and the voting projection (its receipts' leaf hashes) both need the leaf data of
 * each BallotCast: the RFC 8785 serialisation of ~47 kB of ballot, about 0.7 ms of the main
 * thread each time (cpu profile of the casting bench). Keyed by the object, so an event read
 * twice, or built anew, is serialised again: the bytes are always those of the object at hand.
 * Callers must not change the bytes they get. Server only (node:crypto).
 */
import type { RecordedEvent } from '../event-store';
import { leafDataHashedWith } from './leaf-encoding';
import { nodeSha256 } from './node-sha256';

const made = new WeakMap<RecordedEvent, Uint8Array>();

export function deliveredLeafDataOf(event: RecordedEvent): Uint8Array {
  let data = made.get(event);
  // A sealed event's commitment hashes its whole private part (a ballot, for BallotCastByVoter): node:crypto's SHA-256.
  if (data === undefined) made.set(event, (data = leafDataHashedWith(event, nodeSha256)));
  return data;
}
