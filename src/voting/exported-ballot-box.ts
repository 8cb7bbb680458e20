/**
 * The ballot box the public board serves after closing (GET /api/board/ballot-box.jsonl), as a
 * file on this instance's disk.
 *
 * Once BallotBoxExported is in the log the box cannot change, so it is built once per process
 * and hash: from the closing's own export file when this instance has it and it hashes to the
 * recorded SHA-256, else from the ledger's BallotCast events by the one rule
 * (src/closing/ballot-box.ts), written to the board's cache folder and checked against the same
 * hash before it is kept. Every download then streams that file.
 *
 * Why: the board is public. Rebuilding the box per request (every BallotCast read, every ballot
 * serialized, about 33 MB per 1,000 voters, on the service's main thread) let a few anonymous
 * clients repeating the download hold the event loop, and made each trustee's download a
 * rebuild. Now a crowd of downloads costs one build.
 *
 * Requests that arrive while the box is being built wait for that same build. A build that
 * failed for a passing reason (the database away) is forgotten, so the next request tries again;
 * a mismatch is remembered, because the ledger's ballots cannot change after export and a
 * rebuild would only repeat the work.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ballotBoxLines, readCastBallots } from '../closing/ballot-box';
import { hashFile } from '../documents/artefact-files';
import type { EventStore } from '../ledger/event-store';
import type { HashedFile } from '../http/file-answer';

export interface BallotBoxFile extends HashedFile {
  /** Where the bytes came from: the closing's export file, or rebuilt from the ledger. */
  source: 'closing-export' | 'ledger';
}

/** The ledger's ballots do not hash to what BallotBoxExported recorded. */
export class BallotBoxMismatchError extends Error {
  constructor(readonly expected: string, readonly found: string) {
    super(`the ballot box rebuilt from the ledger hashes to ${found}, BallotBoxExported recorded ${expected}`);
    this.name = 'BallotBoxMismatchError';
  }
}

export interface ExportedBallotBoxOptions {
  store: EventStore;
  electionId: string;
  /** Where a box rebuilt from the ledger is written (the data folder's board-cache). */
  cacheDir: string;
  /** The closing's export file on this instance, if it has one (it may not: another instance closed). */
  closingExport?: string;
}

export class ExportedBallotBox {
  private readonly files = new Map<string, Promise<BallotBoxFile>>();
  /** How many times the box was rebuilt from the ledger (tests and /metrics read it). */
  rebuilds = 0;

  constructor(private readonly options: ExportedBallotBoxOptions) {}

  /** The file whose bytes hash to `sha256`, built on the first call and shared by every later one. */
  file(sha256: string): Promise<BallotBoxFile> {
    let pending = this.files.get(sha256);
    if (!pending) {
      pending = this.locate(sha256);
      this.files.set(sha256, pending);
      pending.catch((err: unknown) => {
        if (!(err instanceof BallotBoxMismatchError)) this.files.delete(sha256);
      });
    }
    return pending;
  }

  private async locate(sha256: string): Promise<BallotBoxFile> {
    const closing = this.options.closingExport;
    if (closing) {
      const found = await hashOfFile(closing);
      if (found?.sha256 === sha256) return { path: closing, bytes: found.bytes, sha256, source: 'closing-export' };
    }
    return this.rebuild(sha256);
  }

  private async rebuild(sha256: string): Promise<BallotBoxFile> {
    this.rebuilds++;
    const lines = ballotBoxLines(await readCastBallots(this.options.store, this.options.electionId));
    await mkdir(this.options.cacheDir, { recursive: true });
    const path = join(this.options.cacheDir, `ballot-box-${this.options.electionId}-${sha256}.jsonl`);
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    const hash = createHash('sha256');
    let bytes = 0;
    const hashed = Readable.from((function* () {
      for (const line of lines) {
        const chunk = Buffer.from(line, 'utf8');
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    })());
    try {
      await pipeline(hashed, createWriteStream(temp, { mode: 0o644 }));
      const found = hash.digest('hex');
      if (found !== sha256) throw new BallotBoxMismatchError(sha256, found);
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
    return { path, bytes, sha256, source: 'ledger' };
  }
}

/** SHA-256 and size of a file (artefact-files.ts hashFile); undefined when there is no such file. */
async function hashOfFile(path: string): Promise<{ sha256: string; bytes: number } | undefined> {
  try {
    return await hashFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
