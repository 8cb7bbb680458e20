/**
 * A trustee's check before it decrypts anything (issue 12 §3; docs/spec/crypto-ceremony-tally.md
 * §4.3): it recomputes the totals itself from the exported ballot box and decrypts only those.
 *
 * Why: a partial decryption of a ciphertext reveals what that ciphertext encrypts. Whoever feeds
 * a trustee could hand it one voter's ciphertext as a contest's "total"; the aggregate check of
 * the record would catch it afterwards, when that vote's secrecy is already gone. So, with the
 * box as a station receives it (the file the closing wrote, or the board's download):
 *   1. SHA-256 of the bytes = BallotBoxExported.sha256 of the log, and its lines = .ballots;
 *   2. the file is the closing's rule (canonical lines, strictly ascending tracking codes);
 *   3. every ballot verifies (structure, base hash, style, tracking code, every proof);
 *   4. per contest, the ballots holding it and the sums of their ciphertexts equal, exactly,
 *      the totals and ballot count the trustee is asked to decrypt.
 * Any difference: TrusteeTotalsRefusedError, before any partial decryption exists.
 *
 * Eligibility (one ballot per pseudonym on the roll, voter bindings) is the log's business:
 * the box file carries no pseudonyms, and the hash ties it to the log that does (record.md V13).
 * No I/O of its own: the caller reads the box, the log and the election, so the in-process
 * tally (tally-service.ts) and a trustee station on another machine use the same function.
 *
 * The box is read once, as it arrives (ballot-box-bytes.ts), and never held whole: each line
 * goes to the workers as it is read, a bounded number of chunks at a time (chunk-window.ts), and
 * the hash is taken over the same bytes. What the check decides is decided once the last byte is
 * read, in the order it always was: the hash first, then the file's rule (not UTF-8, no final
 * newline, then the first bad line: not JSON, not canonical, out of order), then the first
 * ballot that does not verify, then the count and the totals. Once the file's rule is broken no
 * more lines are verified (no verdict of them can be reported), but every byte is still hashed.
 */
import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import type { ElectionContext } from '../domain/crypto/election-context';
import { group } from '../domain/crypto/active-group';
import { toHex } from '../domain/crypto/hash';
import { ciphertextHex } from '../domain/crypto/tally/tally-wire';
import {
  findTotalsDiscrepancy, type BoxFormatProblem, type ContestTotalsRequest, type RecomputedContest, type TotalsDiscrepancy,
} from '../domain/tally/ballot-box-totals';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { ChunkWindow, chunksInFlight } from '../parallel/chunk-window';
import { chunkSize, CryptoWorkers, type LineChunk } from '../parallel/crypto-workers';
import { EncryptedSums } from '../parallel/encrypted-sums';
import { BallotBoxReader, hashBoxBytes, type BallotBoxBytes } from './ballot-box-bytes';
import { TrusteeTotalsRefusedError } from './tally-errors';

export type { ContestTotalsRequest } from '../domain/tally/ballot-box-totals';

/** What the log says closing exported: BallotBoxExported's sha256 (hex) and ballots. */
export interface ExportedBallotBox {
  readonly sha256: string;
  readonly ballots: number;
}

/** The box as the trustee recomputed it: its hash, its ballots, and per contest the sums. */
export interface RecomputedBallotBox {
  readonly sha256: string;
  readonly ballots: number;
  readonly contests: ReadonlyMap<string, RecomputedContest>;
}

export interface BallotBoxRecomputation {
  /** The exported box's bytes, exactly as read (file or download), whole or as they arrive;
   * read once. */
  readonly ballotBox: BallotBoxBytes;
  /** BallotBoxExported from the log. */
  readonly exported: ExportedBallotBox;
  readonly context: ElectionContext;
  /** The election's ballot styles (manifestBallotStyles). */
  readonly styles: readonly BallotStyle[];
  /** Worker threads for the proofs (CryptoWorkers; 0 or 1: this thread). */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Lines per worker task and tasks in flight (default: chunkSize of the exported count, and
   * chunksInFlight of the workers); tests set them small. */
  readonly chunks?: { readonly lines: number; readonly inFlight: number };
  /** Called with each chunk window once the box is read (tests check its peak). */
  readonly onWindow?: (window: ChunkWindow<LineChunk>) => void;
}

export interface TrusteeTotalsCheck extends BallotBoxRecomputation {
  /** The totals the trustee is asked to decrypt (EncryptedTallyComputed per contest). */
  readonly totals: readonly ContestTotalsRequest[];
  /**
   * Recomputations already done in this process, by the box's SHA-256: trustees decrypting in
   * one process share the proofs' work; the hash, count and totals are still checked each time.
   */
  readonly cache?: Map<string, RecomputedBallotBox>;
}

/** Steps 1–4; returns the recomputed box, or throws TrusteeTotalsRefusedError. */
export async function checkTrusteeTotals(input: TrusteeTotalsCheck): Promise<RecomputedBallotBox> {
  const box = await recomputeExportedBox(input);
  requireTotalsOfBox(box, input.exported, input.totals);
  return box;
}

/**
 * Steps 1–3 and the sums of step 4: the exported box as this station recomputed it, or
 * TrusteeTotalsRefusedError. What it returns depends on the box alone (its bytes, the election
 * context and the styles), not on any totals asked for: a station can do it as soon as the box
 * is exported and keep it for the tally (src/trustee-station/saved-box-check.ts).
 */
export async function recomputeExportedBox(input: BallotBoxRecomputation & Pick<TrusteeTotalsCheck, 'cache'>): Promise<RecomputedBallotBox> {
  // A box recomputed in this process under the hash the log shows: these bytes need only be
  // hashed (one pass, nothing verified); another hash is refused as it always was.
  const cached = input.cache?.get(input.exported.sha256);
  let box: RecomputedBallotBox;
  if (cached) {
    requireExportedHash(await hashBoxBytes(input.ballotBox), input.exported);
    box = cached;
  } else {
    const read = await recomputeBallotBox(input);
    requireExportedHash(read.sha256, input.exported);
    if (read.refusal) throw read.refusal;
    box = read.box!;
    input.cache?.set(box.sha256, box);
  }
  requireExportedCount(box, input.exported);
  return box;
}

/**
 * Step 4 against a box recomputed earlier (in this process, or this station's saved check):
 * the box must be the one the log names (hash and count), and every total asked for its sums.
 */
export function requireTotalsOfBox(box: RecomputedBallotBox, exported: ExportedBallotBox, totals: readonly ContestTotalsRequest[]): void {
  requireExportedHash(box.sha256, exported);
  requireExportedCount(box, exported);
  requireTotalsFromBox(box, totals);
}

function requireExportedCount(box: RecomputedBallotBox, exported: ExportedBallotBox): void {
  if (box.ballots !== exported.ballots) {
    throw new TrusteeTotalsRefusedError('ballot-box.count', both(cliMessages, 'tally.trusteeCheck.boxCount', { lines: box.ballots, expected: exported.ballots }));
  }
}

function requireExportedHash(sha256: string, exported: ExportedBallotBox): void {
  if (sha256 !== exported.sha256) {
    throw new TrusteeTotalsRefusedError('ballot-box.hash', both(cliMessages, 'tally.trusteeCheck.boxHash', { got: sha256, expected: String(exported.sha256) }));
  }
}

/**
 * Steps 2 and 3 and the sums of step 4, in one pass over the box that also hashes it. A refusal
 * is returned, not thrown, so the caller reports the hash first when that differs too.
 */
async function recomputeBallotBox(input: BallotBoxRecomputation): Promise<{ sha256: string; box?: RecomputedBallotBox; refusal?: TrusteeTotalsRefusedError }> {
  const reader = new BallotBoxReader(input.ballotBox);
  const sums = new EncryptedSums(input.styles);
  const crypto = new CryptoWorkers({ manifestHash: toHex(input.context.manifestHash), publicKey: toHex(group.encode(input.context.publicKey)), styles: [...input.styles] }, input.workers);
  const size = input.chunks?.lines ?? chunkSize(input.exported.ballots, Math.max(1, crypto.workers));
  const window = new ChunkWindow<LineChunk>(input.chunks?.inFlight ?? chunksInFlight(crypto.workers));
  let notUtf8 = false;
  /** The first line that breaks the file's rule, found by this thread or (from chunks taken in
   * line order) by the workers; lines after it are not sent. */
  let lineProblem: { line: number; problem: BoxFormatProblem } | undefined;
  let readProblem: { line: number; problem: BoxFormatProblem } | undefined;
  let ballotProblem: { line: number; trackingCode: string; reasons: string } | undefined;
  let previous: string | undefined;
  let done = 0;
  const take = (chunk: LineChunk) => {
    for (let k = 0; k < chunk.lines.length && !lineProblem; k++) {
      const v = chunk.lines[k];
      const line = chunk.start + k + 1;
      if (!v.ok) lineProblem = { line, problem: v.problem };
      else if (previous !== undefined && !(previous < v.trackingCode)) lineProblem = { line, problem: 'order' };
      else {
        previous = v.trackingCode;
        if (v.verdict.ok) sums.countBallot(v.verdict.contestIds);
        else ballotProblem ??= { line, trackingCode: v.trackingCode, reasons: v.verdict.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ') };
      }
    }
    sums.addSums(chunk.sums);
    done = chunk.start + chunk.lines.length;
    input.onProgress?.(done, Math.max(done, input.exported.ballots));
  };
  try {
    let batch: string[] = [];
    let batchStart = 0;
    const send = async () => {
      if (batch.length === 0) return;
      while (window.full) take(await window.next());
      window.add(crypto.queueBallotLines(batchStart, batch, [], true));
      batch = [];
    };
    for await (const text of reader.read()) {
      if (notUtf8 || lineProblem || readProblem) continue; // nothing more to verify: only hashed
      if (typeof text !== 'string') {
        if (text.unreadable === 'not-utf8') notUtf8 = true;
        else {
          // A line too long to be a ballot: the lines before it are still judged first.
          readProblem = { line: reader.lines, problem: 'not-json' };
          await send();
        }
        continue;
      }
      if (batch.length === 0) batchStart = reader.lines - 1;
      batch.push(text);
      if (batch.length >= size) await send();
    }
    if (reader.tail === 'not-utf8') notUtf8 = true;
    if (!notUtf8 && reader.tail === 'none' && !lineProblem) await send();
    if (!notUtf8 && reader.tail === 'none') while (window.size > 0 && !lineProblem) take(await window.next());
    input.onWindow?.(window);
  } finally {
    await crypto.close();
  }
  const sha256 = reader.sha256;
  if (notUtf8) return { sha256, refusal: new TrusteeTotalsRefusedError('ballot-box.format', both(cliMessages, 'tally.trusteeCheck.boxNotUtf8')) };
  if (reader.tail === 'bytes') return { sha256, refusal: new TrusteeTotalsRefusedError('ballot-box.format', formatMessage('final-newline', reader.lines + 1)) };
  // Every line before a problem this thread found was sent and taken, so a worker's is earlier.
  const problem = lineProblem ?? readProblem;
  if (problem) return { sha256, refusal: new TrusteeTotalsRefusedError('ballot-box.format', formatMessage(problem.problem, problem.line)) };
  if (ballotProblem) {
    const { line, trackingCode, reasons } = ballotProblem;
    return { sha256, refusal: new TrusteeTotalsRefusedError('ballot-box.ballot', `${both(cliMessages, 'tally.trusteeCheck.ballot', { line, trackingCode })}: ${reasons}`) };
  }
  const contests = new Map<string, RecomputedContest>();
  for (const style of input.styles) {
    for (const c of style.contests) {
      if (!contests.has(c.id)) contests.set(c.id, { ballots: sums.ballotsIn(c.id), optionIds: c.optionIds, sums: sums.contest(c.id).map(ciphertextHex) });
    }
  }
  return { sha256, box: { sha256, ballots: reader.lines, contests } };
}

function formatMessage(problem: BoxFormatProblem, line: number): string {
  switch (problem) {
    case 'final-newline':
      return both(cliMessages, 'tally.trusteeCheck.boxFinalNewline', { line });
    case 'not-json':
      return both(cliMessages, 'tally.trusteeCheck.boxNotJson', { line });
    case 'not-canonical':
      return both(cliMessages, 'tally.trusteeCheck.boxNotCanonical', { line });
    case 'order':
      return both(cliMessages, 'tally.trusteeCheck.boxOrder', { line });
  }
}

/** Step 4 against an already recomputed box: throws on the first difference. */
export function requireTotalsFromBox(box: RecomputedBallotBox, totals: readonly ContestTotalsRequest[]): void {
  const d = findTotalsDiscrepancy(box.contests, totals);
  if (d) throw new TrusteeTotalsRefusedError(d.check, discrepancyMessage(d));
}

function discrepancyMessage(d: TotalsDiscrepancy): string {
  switch (d.check) {
    case 'totals.contest':
      return both(cliMessages, 'tally.trusteeCheck.contest', { contestId: d.contestId });
    case 'totals.ballots':
      return both(cliMessages, 'tally.trusteeCheck.ballots', { contestId: d.contestId, requested: d.requested, recomputed: d.recomputed });
    case 'totals.options':
      return both(cliMessages, 'tally.trusteeCheck.options', { contestId: d.contestId });
    case 'totals.ciphertext':
      return both(cliMessages, 'tally.trusteeCheck.ciphertext', { contestId: d.contestId, optionId: d.optionId });
  }
}
