/**
 * The encrypted ballot box as exported at closing and recomputed at tally time
 * (docs/spec/record.md, "ballot-box.jsonl"):
 *
 *   one line per cast ballot: UTF-8(JCS(ballot)) ‖ 0x0A, where `ballot` is BallotCast.data.ballot
 *   (the urna/ballot/v3 JSON with its proofs, voter binding and tracking code; the pseudonym,
 *   credential, binding nonce and the voter's signature are in the BallotCast event, in the log);
 *   lines sorted by tracking code (ascending ASCII), so the file carries no casting order;
 *   ballotBoxHash = hex(SHA-256(all lines)).
 *
 * No identity is in it: a ballot's voter binding opens only to a pseudonym, which is public on
 * the roll.
 * The one definition of this rule: closing, the board's download, the tally and the record
 * export all use these functions.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EncryptedBallotJson } from '../domain/crypto/ballot/ballot-format';
import { ballotStream } from '../domain/voting/decider';
import type { EventStore, RecordedEvent } from '../ledger/event-store';
import { canonicalJson } from '../domain/shared/canonical-json';
import type { CastBy } from '../domain/crypto/ballot/verify-ballot';


export interface CastBallot {
  /** Ledger global position of the BallotCast event (its log leaf index). */
  position: number;
  pseudonym: string;
  /** Opens the ballot's voterBinding to the pseudonym and credential (BallotCast version 3). */
  bindingNonce: string;
  /** The public credential that signed the ballot, and the signature (BallotCast version 3). */
  credential: string;
  signature: string;
  styleId: string;
  ballot: EncryptedBallotJson;
}

/** What ballot verification checks a cast ballot against (its binding and its signature). */
export const castBy = (b: Pick<CastBallot, 'pseudonym' | 'credential' | 'bindingNonce' | 'signature'>): CastBy =>
  ({ pseudonym: b.pseudonym, credential: b.credential, bindingNonce: b.bindingNonce, signature: b.signature });

/** Events per ledger read: a page of the largest ballots (~41 kB an event) is ~41 MB of JSON text,
 * several times that parsed, so pages stay far below the whole box. */
const PAGE = 1000;

/** Visits every event of the ledger in global order, page by page (the log is read once). */
export async function scanLedger(store: EventStore, visit: (e: RecordedEvent) => void, onPage?: (read: number, head: number) => void): Promise<void> {
  const head = await store.head();
  for (let from = 0; from < head; from += PAGE) {
    for (const e of await store.readAll({ from, limit: PAGE })) visit(e);
    onPage?.(Math.min(from + PAGE, head), head);
  }
}

/** The cast ballot a BallotCast of `electionId` records, or undefined for any other event. */
export function castBallotOf(e: RecordedEvent, electionId: string): CastBallot | undefined {
  if (e.type !== 'BallotCast' || !e.stream.startsWith(ballotStream(electionId, ''))) return undefined;
  const data = e.data as { pseudonym: string; bindingNonce: string; credential: string; signature: string; styleId: string; ballot: EncryptedBallotJson };
  return {
    position: e.position, pseudonym: data.pseudonym, bindingNonce: data.bindingNonce, credential: data.credential, signature: data.signature,
    styleId: data.styleId, ballot: data.ballot,
  };
}

/** Every BallotCast of the election, in ledger order. */
export async function readCastBallots(store: EventStore, electionId: string, onPage?: (read: number, head: number) => void): Promise<CastBallot[]> {
  const ballots: CastBallot[] = [];
  await scanLedger(store, (e) => {
    const cast = castBallotOf(e, electionId);
    if (cast) ballots.push(cast);
  }, onPage);
  return ballots;
}

/** The box's order: tracking codes compared as JS strings (UTF-16 code units), ties kept in ledger order by the stable sort. */
const byTrackingCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The export's lines in their order (sorted by tracking code), from ballots already in memory
 * (small boxes and tests; the closing, tally and export read ballotBoxStream). */
export function ballotBoxLines(ballots: readonly { ballot: EncryptedBallotJson }[]): string[] {
  return ballots
    .map((b) => ({ code: String(b.ballot.trackingCode), line: `${canonicalJson(b.ballot)}\n` }))
    .sort((a, b) => byTrackingCode(a.code, b.code))
    .map((x) => x.line);
}

/** One line of the ballot box with the small facts of its BallotCast (everything but the ballot). */
export interface BoxLine {
  /** JCS(ballot) + "\n", exactly as in ballot-box.jsonl. */
  line: string;
  cast: Omit<CastBallot, 'ballot'> & { trackingCode: string };
}

export interface BallotBoxStreamOptions {
  /** Folder for the temporary spill file (default: the OS temp folder). */
  spillDir?: string;
  /** Ledger events per read. Default 250: the page is what the stream holds parsed (~10 MB of
   * JSON text for the largest ballots, several times that as objects). */
  page?: number;
  /** Most bytes (default 8 MiB) and lines (default 256) read back from the spill file at once. */
  readBatchBytes?: number;
  readBatchLines?: number;
}

interface Spilled { cast: BoxLine['cast']; offset: number; length: number }

/**
 * The ballot box in export order (tracking code), read from the ledger page by page: memory holds
 * small facts per ballot plus O(one page), never the whole box.
 *
 * Why a spill file: the order is by tracking code but the ledger gives casting order, and a box of
 * 10^5 ballots of ~34 kB each is past V8's string cap and several GB as objects. So pass 1 writes
 * each ballot's canonical line to a private temporary file and keeps (code, offset, length, facts);
 * the facts are sorted with the same comparison and the same stable sort as ballotBoxLines (ties
 * keep ledger order), and the lines are read back from the file in that order. The file is removed
 * when the iteration ends: completed, failed, or left early by the consumer (`break`).
 */
export async function* ballotBoxStream(
  store: EventStore,
  electionId: string,
  onPage?: (read: number, head: number) => void,
  options: BallotBoxStreamOptions = {},
): AsyncGenerator<BoxLine, void, undefined> {
  const dir = await mkdtemp(join(options.spillDir ?? tmpdir(), 'urna-box-'));
  let file: FileHandle | undefined;
  try {
    file = await open(join(dir, 'lines'), 'w+', 0o600);
    const spilled: Spilled[] = [];
    let size = 0;
    const page = options.page ?? 250;
    const head = await store.head();
    for (let from = 0; from < head; from += page) {
      const chunks: Buffer[] = [];
      const start = size;
      for (const e of await store.readAll({ from, limit: page })) {
        const cast = castBallotOf(e, electionId);
        if (!cast) continue;
        const { ballot, ...facts } = cast;
        const bytes = Buffer.from(`${canonicalJson(ballot)}\n`, 'utf8');
        spilled.push({ cast: { ...facts, trackingCode: String(ballot.trackingCode) }, offset: size, length: bytes.length });
        chunks.push(bytes);
        size += bytes.length;
      }
      if (chunks.length > 0) await writeFully(file, Buffer.concat(chunks), start);
      onPage?.(Math.min(from + page, head), head);
    }
    spilled.sort((a, b) => byTrackingCode(a.cast.trackingCode, b.cast.trackingCode));

    const batchBytes = options.readBatchBytes ?? 8 * 1024 * 1024;
    const batchLines = options.readBatchLines ?? 256;
    for (let i = 0; i < spilled.length;) {
      // A batch of consecutive lines in box order, read in parallel into one buffer.
      let bytes = 0;
      let end = i;
      while (end < spilled.length && (end === i || (bytes + spilled[end].length <= batchBytes && end - i < batchLines))) bytes += spilled[end++].length;
      const buffer = Buffer.allocUnsafe(bytes);
      const at: number[] = [];
      let cursor = 0;
      for (let k = i; k < end; k++) { at.push(cursor); cursor += spilled[k].length; }
      await Promise.all(at.map((pos, j) => readFully(file!, buffer, pos, spilled[i + j].length, spilled[i + j].offset)));
      for (let k = i; k < end; k++) {
        const pos = at[k - i];
        yield { line: buffer.toString('utf8', pos, pos + spilled[k].length), cast: spilled[k].cast };
      }
      i = end;
    }
  } finally {
    await file?.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeFully(file: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

async function readFully(file: FileHandle, into: Buffer, at: number, length: number, position: number): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesRead } = await file.read(into, at + done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`ballot box spill file ends early at byte ${position + done}`);
    done += bytesRead;
  }
}

export function ballotBoxHash(lines: readonly string[]): string {
  const h = createHash('sha256');
  for (const line of lines) h.update(line, 'utf8');
  return h.digest('hex');
}
