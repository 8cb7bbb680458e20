/**
 * The leaf hash of a recorded event as the server computes it (receipts, the receipts
 * projection): the same bytes the log hashes (leafDataOf), hashed with node:crypto's SHA-256.
 * Noble's took about 0.5 ms of the main thread per 47 kB ballot, twice per cast (the receipt
 * and the projection's row). The bytes are made once per event object (delivered-leaf-data.ts):
 * the projection's event is the one the log sequencer was delivered. Server only: browsers
 * hash with hash.ts's default.
 */
import { toHex } from './encoding';
import { hashLeaf } from './hash';
import { deliveredLeafDataOf } from './delivered-leaf-data';
import { nodeSha256 } from './node-sha256';
import type { RecordedEvent } from '../event-store';

export function eventLeafHashHex(event: RecordedEvent): string {
  return toHex(hashLeaf(deliveredLeafDataOf(event), nodeSha256));
}
