/**
 * Writes the ballot box (ballot-box.jsonl) to a file from ballotBoxStream as the lines come,
 * hashing them on the way: the closing export and the election record both write the box this
 * way, so neither holds it in memory (at ~34 kB a line, 16,000 ballots already pass V8's string
 * cap). The file stream's backpressure paces the reading of the ledger.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BoxLine } from './ballot-box';

export interface BallotBoxFile {
  /** hex(SHA-256(file)): ballotBoxHash of the same lines. */
  sha256: string;
  ballots: number;
  bytes: number;
  /** Highest ledger position of a ballot in the box, -1 for an empty box. */
  lastPosition: number;
}

/** Lines are gathered into writes of about this many bytes (a ballot is 1–40 kB). */
const CHUNK_BYTES = 1024 * 1024;

export async function writeBallotBoxFile(lines: AsyncIterable<BoxLine>, path: string, mode = 0o644): Promise<BallotBoxFile> {
  const hash = createHash('sha256');
  const file: BallotBoxFile = { sha256: '', ballots: 0, bytes: 0, lastPosition: -1 };
  // The iterator is ended here, and awaited: when the write fails, the pipeline rejects without
  // waiting for its source to finish, and the stream's spill file must be gone before we return.
  const source = lines[Symbol.asyncIterator]();
  async function* chunks(): AsyncGenerator<Buffer> {
    let parts: Buffer[] = [];
    let size = 0;
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      const { line, cast } = next.value;
      const bytes = Buffer.from(line, 'utf8');
      hash.update(bytes);
      file.ballots += 1;
      file.bytes += bytes.length;
      if (cast.position > file.lastPosition) file.lastPosition = cast.position;
      parts.push(bytes);
      size += bytes.length;
      if (size >= CHUNK_BYTES) {
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
    if (size > 0) yield Buffer.concat(parts, size);
  }
  try {
    await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path, { mode }));
  } finally {
    await source.return?.();
  }
  file.sha256 = hash.digest('hex');
  return file;
}
