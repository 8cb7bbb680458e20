/**
 * An exported ballot box read as it arrives (a file, a download, the ledger), one line at a time,
 * with the SHA-256 of every byte read: a trustee's check (trustee-totals-check.ts) never holds the
 * whole box. 10^5 ballot lines of ~34 kB are 3.4 GB, past V8's string cap and far past a
 * station's memory as one buffer.
 *
 * Lines are split at 0x0A on the bytes (it never occurs inside a UTF-8 sequence) and each is
 * decoded on its own with a fatal decoder that keeps a BOM: the same lines, and the same
 * not-UTF-8 verdict, as decoding the whole file first and splitting the text.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The box's bytes: whole (tests, small boxes) or as a sequence of chunks. */
export type BallotBoxBytes = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** A line longer than this cannot be a ballot (the voting API refuses bodies far smaller): its
 * bytes are hashed but not kept, and the line is read as not JSON. A box with no 0x0A at all
 * would otherwise be gathered whole. */
export const LONGEST_LINE_BYTES = 64 * 1024 * 1024;

/** One line of the box (without its 0x0A): its text, or why there is none. */
export type BoxLineText = string | { readonly unreadable: 'not-utf8' | 'too-long' };

async function* chunksOf(bytes: BallotBoxBytes): AsyncGenerator<Uint8Array> {
  if (bytes instanceof Uint8Array) {
    yield bytes;
    return;
  }
  for await (const chunk of bytes as AsyncIterable<Uint8Array>) yield chunk;
}

/** A file's bytes in 1 MiB chunks (a few ballot lines each). */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
}

/** The SHA-256 (hex) of a box's bytes, read once, nothing else kept or decoded. */
export async function hashBoxBytes(bytes: BallotBoxBytes): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunksOf(bytes)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Reads a box once. Iterate `lines()` to the end; then `sha256` is the hash of every byte and
 * `tail` says what followed the last 0x0A: nothing (the rule), other bytes (no final newline),
 * or bytes that are not UTF-8.
 */
export class BallotBoxReader {
  private readonly hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private digest: string | undefined;
  /** Complete lines read so far. */
  lines = 0;
  tail: 'none' | 'bytes' | 'not-utf8' = 'none';

  constructor(private readonly bytes: BallotBoxBytes) {}

  get sha256(): string {
    if (this.digest === undefined) throw new Error('the ballot box has not been read to its end');
    return this.digest;
  }

  async *read(): AsyncGenerator<BoxLineText> {
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    // A line past LONGEST_LINE_BYTES: its bytes still go through a streaming decoder, so a
    // not-UTF-8 byte in it is reported as such, but nothing of it is kept.
    let overflow: { decoder: TextDecoder; utf8: boolean } | undefined;
    const add = (piece: Uint8Array) => {
      if (!overflow && pendingBytes + piece.length <= LONGEST_LINE_BYTES) {
        pending.push(piece);
        pendingBytes += piece.length;
        return;
      }
      overflow ??= { decoder: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }), utf8: true };
      for (const part of [...pending, piece]) {
        try {
          if (overflow.utf8) overflow.decoder.decode(part, { stream: true });
        } catch {
          overflow.utf8 = false;
        }
      }
      pending = [];
      pendingBytes = 0;
    };
    const finish = (): BoxLineText | undefined => {
      let line: BoxLineText | undefined;
      if (overflow) {
        try {
          if (overflow.utf8) overflow.decoder.decode();
        } catch {
          overflow.utf8 = false;
        }
        line = { unreadable: overflow.utf8 ? 'too-long' : 'not-utf8' };
      } else if (pendingBytes > 0 || pending.length > 0) {
        line = this.decode(pending.length === 1 ? pending[0] : Buffer.concat(pending));
      }
      pending = [];
      pendingBytes = 0;
      overflow = undefined;
      return line;
    };
    for await (const chunk of chunksOf(this.bytes)) {
      this.hash.update(chunk);
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
        add(chunk.subarray(from, nl));
        from = nl + 1;
        this.lines++;
        yield finish() ?? '';
      }
      // The rest waits for its 0x0A in the next chunk: copied, as a caller may reuse its buffer.
      if (from < chunk.length) add(Uint8Array.from(chunk.subarray(from)));
    }
    const last = finish();
    if (last !== undefined) this.tail = typeof last === 'object' && last.unreadable === 'not-utf8' ? 'not-utf8' : 'bytes';
    this.digest = this.hash.digest('hex');
  }

  private decode(line: Uint8Array): BoxLineText {
    try {
      return this.decoder.decode(line);
    } catch {
      return { unreadable: 'not-utf8' };
    }
  }
}
