/**
 * The files the board offers auditors, found and checked before they are served:
 *   - the acta de cómputo (PDF and JSON) that the preservation step wrote into the data folder
 *     (<data>/preservacion/acta/…, src/preservation/acta-and-preservation.ts). A file is served
 *     only when its SHA-256 is the one ActaIssued recorded in the ledger: a file swapped on disk
 *     is refused, never offered as the acta;
 *   - the election record (docs/spec/record.md) as one .tar: the preservation package's copy when
 *     the signed manifest recorded in the ledger (PreservationManifestIssued) lists it with that
 *     hash, else built from the ledger and the log on request, once voting has closed, and kept
 *     in <data>/board-cache/ until the log grows (one build at a time per election).
 * Hashes of files on disk are remembered by path, size and modification time, so a flood of
 * downloads hashes each file once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../documents/artefact-files';
import { lifecycleStream } from '../domain/lifecycle/decider';
import { tallyStream } from '../domain/tally/decider';
import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { EventStore } from '../ledger/event-store';
import type { MerkleLog } from '../ledger/merkle/merkle-log';
import { exportRecord } from '../record/export-record';

/** Where the preservation step writes, relative to its folder (acta-and-preservation.ts PackageFiles). */
const PACKAGE = { actaPdf: 'acta/acta.pdf', actaJson: 'acta/acta.json', recordTar: 'election-record.tar' } as const;

export interface DownloadFile {
  path: string;
  sha256: string;
  bytes: number;
}

export type DownloadRefusal =
  /** Not issued yet (no ActaIssued; voting not closed for the record). */
  | 'not_issued'
  /** Issued, but this server has no copy (another machine ran the tally). */
  | 'not_here'
  /** The copy on disk is not the one the ledger recorded. */
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
  /** Where records built on request are kept. */
  cacheDir: string;
  /** The log, when it runs in this process (needed to build a record). */
  log: () => LogForRecord | undefined;
}

export class BoardDownloads {
  private readonly hashes = new Map<string, { key: string; sha256: string; bytes: number }>();
  private readonly building = new Map<string, Promise<DownloadFile>>();

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
  async actaFile(electionId: string, kind: 'pdf' | 'json'): Promise<DownloadFile> {
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
  async recordArchive(electionId: string): Promise<DownloadFile> {
    const packaged = await this.packagedRecord(electionId);
    if (packaged) return packaged;
    const lifecycle = await this.store.readStream(lifecycleStream(electionId));
    if (!lifecycle.some((e) => e.type === 'VotingClosed')) throw new DownloadUnavailable('not_issued');
    const log = this.options.log();
    if (!log) throw new DownloadUnavailable('no_log');
    const latest = await log.checkpoints.latest();
    if (!latest) throw new DownloadUnavailable('not_issued');
    const key = `${electionId}\u0000${latest.size}`;
    let job = this.building.get(key);
    if (!job) {
      job = this.build(electionId, latest.size, log).finally(() => this.building.delete(key));
      this.building.set(key, job);
    }
    return job;
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
    if (!this.options.log()) return { available: false, reason: 'no_log' };
    return { available: true, built: 'on-request' };
  }

  /** The package's tar, when the ledger's signed manifest lists it with the hash it has now. */
  private async packagedRecord(electionId: string): Promise<DownloadFile | undefined> {
    const path = this.packagePath(PACKAGE.recordTar);
    if (!path || !existsSync(path)) return undefined;
    const issued = (await this.store.readStream(tallyStream(electionId))).filter((e) => e.type === 'PreservationManifestIssued').pop();
    const listed = (issued?.data as { artefacts?: { name: string; sha256: string }[] } | undefined)?.artefacts?.find((a) => a.name === PACKAGE.recordTar);
    if (!listed) return undefined;
    const { sha256, bytes } = await this.hash(path);
    if (sha256 !== listed.sha256) throw new DownloadUnavailable('mismatch');
    return { path, sha256, bytes };
  }

  private async build(electionId: string, size: number, log: LogForRecord): Promise<DownloadFile> {
    // The folder is named by a hash of the id: an election id may hold any character.
    const folder = join(this.options.cacheDir, createHash('sha256').update(electionId).digest('hex').slice(0, 32));
    const dir = join(folder, String(size));
    const tar = `${join(dir, 'election-record')}.tar`;
    if (!existsSync(tar)) {
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

  private packagePath(name: string): string | undefined {
    return this.options.preservationDir ? join(this.options.preservationDir, ...name.split('/')) : undefined;
  }
}
