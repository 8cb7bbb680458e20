/**
 * The files the board offers, found on disk or built once, and checked before they are served:
 *   - the acta de cómputo (PDF and JSON) that the preservation step wrote into the data folder
 *     (<data>/preservacion/acta/…, src/preservation/acta-and-preservation.ts). A file is served
 *     only when its SHA-256 is the one ActaIssued recorded in the ledger: a file swapped on disk
 *     is refused, never offered as the acta;
 *   - the election record (docs/spec/record.md) as one .tar: the preservation package's copy when
 *     the signed manifest recorded in the ledger (PreservationManifestIssued) lists it with that
 *     hash, else built from the ledger and the log on request, once voting has closed, and kept
 *     in <data>/board-cache/ until the log grows (one build at a time per election);
 *   - the encrypted ballot box after closing (GET /api/board/ballot-box.jsonl): the closing's own
 *     export file when this instance has it and it hashes to BallotBoxExported.sha256, else
 *     rebuilt from the ledger's BallotCast events by the one rule (src/closing/ballot-box.ts) into
 *     <data>/board-cache/ as it is read (never whole in memory), checked against that hash before
 *     it is kept. The box cannot change after export, so its file is found or built once per
 *     process and hash: rebuilding it per
 *     request (about 33 MB per 1,000 voters, on the main thread) let a few anonymous clients
 *     repeating the download hold the event loop.
 * Requests that arrive while a file is being built wait for that same build. A build that failed
 * for a passing reason (the database away) is forgotten, so the next request tries again; a box
 * that does not hash right is remembered, because the ledger's ballots cannot change after export
 * and a rebuild would only repeat the work.
 * Hashes of files on disk are remembered by path, size and modification time, so a flood of
 * downloads hashes each file once.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ballotBoxStream } from '../closing/ballot-box';
import { hashFile } from '../documents/artefact-files';
import { lifecycleStream } from '../domain/lifecycle/decider';
import { tallyStream } from '../domain/tally/decider';
import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { HashedFile } from '../http/file-answer';
import type { EventStore } from '../ledger/event-store';
import type { MerkleLog } from '../ledger/merkle/merkle-log';
import { exportRecord } from '../record/export-record';

/** Where the preservation step writes, relative to its folder (acta-and-preservation.ts PackageFiles). */
const PACKAGE = { actaPdf: 'acta/acta.pdf', actaJson: 'acta/acta.json', recordTar: 'election-record.tar' } as const;

export interface BallotBoxFile extends HashedFile {
  /** Where the bytes came from: the closing's export file, or rebuilt from the ledger. */
  source: 'closing-export' | 'ledger';
}

export type DownloadRefusal =
  /** Not issued yet (no ActaIssued; voting not closed for the record). */
  | 'not_issued'
  /** Issued, but this server has no copy (another machine ran the tally). */
  | 'not_here'
  /** The copy on disk, or the box rebuilt from the ledger, is not the one the ledger recorded. */
  | 'mismatch'
  /** No transparency log in this process to build the record from. */
  | 'no_log';

export class DownloadUnavailable extends Error {
  constructor(readonly reason: DownloadRefusal) {
    super(reason);
    this.name = 'DownloadUnavailable';
  }
}

export interface LogForRecord {
  log: MerkleLog;
  checkpoints: CheckpointService;
  publicKey: Uint8Array;
}

export interface BoardDownloadsOptions {
  /** The preservation folder (default <data>/preservacion); none: no acta or packaged record. */
  preservationDir?: string;
  /** Where records and ballot boxes built on request are kept. */
  cacheDir: string;
  /** The log, when it runs in this process (needed to build a record); none: no record is built. */
  log?: () => LogForRecord | undefined;
  /** The closing's export of an election's ballot box, when this instance wrote one (it may not: another instance closed). */
  closingExport?: (electionId: string) => string | undefined;
}

export class BoardDownloads {
  private readonly hashes = new Map<string, { key: string; sha256: string; bytes: number }>();
  /** Files being found or built, one job per key; a ballot box's stays once done or refused. */
  private readonly jobs = new Map<string, Promise<HashedFile>>();
  /** How many files were built here rather than found (tests read it). */
  builds = 0;

  constructor(private readonly store: EventStore, private readonly options: BoardDownloadsOptions) {}

  /** A file's SHA-256, from memory when its size and modification time have not changed. */
  async hash(path: string): Promise<{ sha256: string; bytes: number }> {
    const s = await stat(path);
    const key = `${s.size}:${s.mtimeMs}`;
    const known = this.hashes.get(path);
    if (known && known.key === key) return known;
    const h = await hashFile(path);
    this.hashes.set(path, { key, ...h });
    return h;
  }

  /** The acta's PDF or JSON, checked against ActaIssued. */
  async actaFile(electionId: string, kind: 'pdf' | 'json'): Promise<HashedFile> {
    const issued = (await this.store.readStream(tallyStream(electionId))).filter((e) => e.type === 'ActaIssued').pop();
    if (!issued) throw new DownloadUnavailable('not_issued');
    const data = issued.data as { jsonSha256: string; pdfSha256?: string };
    const expected = kind === 'pdf' ? data.pdfSha256 : data.jsonSha256;
    if (!expected) throw new DownloadUnavailable('not_here');
    const path = this.packagePath(kind === 'pdf' ? PACKAGE.actaPdf : PACKAGE.actaJson);
    if (!path || !existsSync(path)) throw new DownloadUnavailable('not_here');
    const { sha256, bytes } = await this.hash(path);
    // The acta JSON's recorded hash is over its canonical bytes; the file adds one 0x0A.
    if (sha256 !== expected && !(kind === 'json' && (await this.hashWithoutFinalNewline(path)) === expected)) {
      throw new DownloadUnavailable('mismatch');
    }
    return { path, sha256, bytes };
  }

  private async hashWithoutFinalNewline(path: string): Promise<string> {
    const bytes = await readFile(path);
    const body = bytes.length && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes;
    return createHash('sha256').update(body).digest('hex');
  }

  /** The election record as one .tar. */
  async recordArchive(electionId: string): Promise<HashedFile> {
    const packaged = await this.packagedRecord(electionId);
    if (packaged) return packaged;
    const lifecycle = await this.store.readStream(lifecycleStream(electionId));
    if (!lifecycle.some((e) => e.type === 'VotingClosed')) throw new DownloadUnavailable('not_issued');
    const log = this.options.log?.();
    if (!log) throw new DownloadUnavailable('no_log');
    const latest = await log.checkpoints.latest();
    if (!latest) throw new DownloadUnavailable('not_issued');
    return this.once(`record\u0000${electionId}\u0000${latest.size}`, { kept: false }, () => this.build(electionId, latest.size, log));
  }

  /** The exported ballot box whose bytes hash to `sha256` (BallotBoxExported), found or built on the first call and shared by every later one. */
  ballotBox(electionId: string, sha256: string): Promise<BallotBoxFile> {
    return this.once(`box\u0000${electionId}\u0000${sha256}`, { kept: true }, async () => {
      const closing = this.options.closingExport?.(electionId);
      if (closing && existsSync(closing)) {
        const found = await this.hash(closing);
        if (found.sha256 === sha256) return { path: closing, ...found, source: 'closing-export' };
      }
      return this.buildBallotBox(electionId, sha256);
    });
  }

  /**
   * `job` run once per key at a time, its callers sharing it. `kept`: its file, or its refusal,
   * answers every later call too; else the next call after it runs it again. A passing failure
   * (the database away) is never kept.
   */
  private once<T extends HashedFile>(key: string, { kept }: { kept: boolean }, job: () => Promise<T>): Promise<T> {
    let pending = this.jobs.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = job();
      this.jobs.set(key, pending);
      const forget = () => this.jobs.delete(key);
      pending.then(() => kept || forget(), (err: unknown) => (kept && err instanceof DownloadUnavailable) || forget());
    }
    return pending;
  }

  /** Whether a record can be had, without building one: packaged (with its hash), or built on request. */
  async recordStatus(electionId: string): Promise<{ available: true; sha256?: string; bytes?: number; built: 'packaged' | 'on-request' } | { available: false; reason: DownloadRefusal }> {
    try {
      const packaged = await this.packagedRecord(electionId);
      if (packaged) return { available: true, sha256: packaged.sha256, bytes: packaged.bytes, built: 'packaged' };
    } catch (err) {
      if (err instanceof DownloadUnavailable) return { available: false, reason: err.reason };
      throw err;
    }
    const lifecycle = await this.store.readStream(lifecycleStream(electionId));
    if (!lifecycle.some((e) => e.type === 'VotingClosed')) return { available: false, reason: 'not_issued' };
    if (!this.options.log?.()) return { available: false, reason: 'no_log' };
    return { available: true, built: 'on-request' };
  }

  /** The package's tar, when the ledger's signed manifest lists it with the hash it has now. */
  private async packagedRecord(electionId: string): Promise<HashedFile | undefined> {
    const path = this.packagePath(PACKAGE.recordTar);
    if (!path || !existsSync(path)) return undefined;
    const issued = (await this.store.readStream(tallyStream(electionId))).filter((e) => e.type === 'PreservationManifestIssued').pop();
    const listed = (issued?.data as { artefacts?: { name: string; sha256: string }[] } | undefined)?.artefacts?.find((a) => a.name === PACKAGE.recordTar);
    if (!listed) return undefined;
    const { sha256, bytes } = await this.hash(path);
    if (sha256 !== listed.sha256) throw new DownloadUnavailable('mismatch');
    return { path, sha256, bytes };
  }

  private async build(electionId: string, size: number, log: LogForRecord): Promise<HashedFile> {
    const folder = this.electionFolder(electionId);
    const dir = join(folder, String(size));
    const tar = `${join(dir, 'election-record')}.tar`;
    if (!existsSync(tar)) {
      this.builds++;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const result = await exportRecord({
        store: this.store, log: log.log, checkpoints: log.checkpoints, logPublicKey: log.publicKey, electionId, outDir: join(dir, 'election-record'),
        // The same record twice gives the same bytes: the export time is the checkpoint's.
        now: (await log.checkpoints.latest())?.createdAt.toISOString(),
      });
      await rm(result.dir, { recursive: true, force: true });
      // Older sizes are stale now.
      for (const old of await readdir(folder)) if (old !== String(size)) await rm(join(folder, old), { recursive: true, force: true });
    }
    const { sha256, bytes } = await this.hash(tar);
    return { path: tar, sha256, bytes };
  }

  /** The box rebuilt from the ledger into the cache, kept only when its bytes hash to `sha256`.
   * Written as it is read (ballotBoxStream, with the file's backpressure): the board never holds
   * the box, which at 10^5 ballots is ~3.4 GB. */
  private async buildBallotBox(electionId: string, sha256: string): Promise<BallotBoxFile> {
    this.builds++;
    // Beside the records' folders, not in one: a record build clears its election's folder.
    const folder = join(this.options.cacheDir, 'ballot-boxes', this.electionFolder(electionId, ''));
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${sha256}.jsonl`);
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    const hash = createHash('sha256');
    let bytes = 0;
    const store = this.store;
    const hashed = Readable.from((async function* () {
      // The sort's spill file beside the box, on the data disk: the OS temp folder may be memory.
      for await (const { line } of ballotBoxStream(store, electionId, undefined, { spillDir: folder })) {
        const chunk = Buffer.from(line, 'utf8');
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    })());
    try {
      await pipeline(hashed, createWriteStream(temp, { mode: 0o644 }));
      if (hash.digest('hex') !== sha256) throw new DownloadUnavailable('mismatch');
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
    return { path, sha256, bytes, source: 'ledger' };
  }

  /** An election's folder in the cache, named by a hash of its id: an election id may hold any character. */
  private electionFolder(electionId: string, under = this.options.cacheDir): string {
    return join(under, createHash('sha256').update(electionId).digest('hex').slice(0, 32));
  }

  private packagePath(name: string): string | undefined {
    return this.options.preservationDir ? join(this.options.preservationDir, ...name.split('/')) : undefined;
  }
}
