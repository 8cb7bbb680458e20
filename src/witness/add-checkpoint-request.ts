/**
 * The body of a C2SP tlog-witness add-checkpoint request (docs/spec/log.md §8.2):
 *   "old <size>\n" { base64(hash) "\n" } (at most 63) "\n" <signed checkpoint note>
 * Pure: the log formats it, the witness parses it.
 */
import { fromBase64, toBase64 } from '../ledger/merkle/encoding';
import { HASH_SIZE } from '../ledger/merkle/hash';

export const MAX_PROOF_LINES = 63;
/** A request larger than this is refused unread (a note is at most 64 KiB, the proof ~3 KiB). */
export const MAX_REQUEST_BYTES = 72 * 1024;

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, as sent. */
  note: string;
}

export class MalformedRequestError extends Error {
  constructor(readonly detail: string) {
    super(`malformed add-checkpoint request: ${detail}`);
    this.name = 'MalformedRequestError';
  }
}

export function formatAddCheckpoint(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  return `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${note}`;
}

export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new MalformedRequestError('no blank line between the proof and the checkpoint');
  const head = body.slice(0, blank).split('\n');
  const m = /^old (0|[1-9][0-9]*)$/.exec(head[0]);
  if (!m) throw new MalformedRequestError('the first line must be "old <size>" (decimal, no leading zeros)');
  const oldSize = Number(m[1]);
  if (!Number.isSafeInteger(oldSize)) throw new MalformedRequestError('old size too large');
  const lines = head.slice(1);
  if (lines.length > MAX_PROOF_LINES) throw new MalformedRequestError(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof = lines.map((line, i) => {
    let h: Uint8Array;
    try {
      h = fromBase64(line);
    } catch {
      throw new MalformedRequestError(`proof line ${i + 1} is not base64`);
    }
    if (h.length !== HASH_SIZE) throw new MalformedRequestError(`proof line ${i + 1} is not a 32-byte hash`);
    return h;
  });
  const note = body.slice(blank + 2);
  if (note.length === 0) throw new MalformedRequestError('no checkpoint after the blank line');
  return { oldSize, proof, note };
}
