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
 */
import { createHash } from 'node:crypto';
import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import type { ElectionContext } from '../domain/crypto/election-context';
import { group } from '../domain/crypto/active-group';
import { toHex } from '../domain/crypto/hash';
import { ciphertextHex } from '../domain/crypto/tally/tally-wire';
import {
  ballotBoxFileLines, ballotBoxOrderProblem, findTotalsDiscrepancy, type BoxFormatProblem, type ContestTotalsRequest, type RecomputedContest, type TotalsDiscrepancy,
} from '../domain/tally/ballot-box-totals';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import type { LineVerdict } from '../parallel/crypto-tasks';
import { CryptoWorkers } from '../parallel/crypto-workers';
import { EncryptedSums } from '../parallel/encrypted-sums';
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
  /** The exported box's bytes, exactly as read (file or download). */
  readonly ballotBox: Uint8Array;
  /** BallotBoxExported from the log. */
  readonly exported: ExportedBallotBox;
  readonly context: ElectionContext;
  /** The election's ballot styles (manifestBallotStyles). */
  readonly styles: readonly BallotStyle[];
  /** Worker threads for the proofs (CryptoWorkers; 0 or 1: this thread). */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
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

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Steps 1–4; returns the recomputed box, or throws TrusteeTotalsRefusedError. */
export async function checkTrusteeTotals(input: TrusteeTotalsCheck): Promise<RecomputedBallotBox> {
  const sha256 = sha256Hex(input.ballotBox);
  requireExportedHash(sha256, input.exported);
  let box = input.cache?.get(sha256);
  if (!box) {
    box = await recomputeBallotBox(input, sha256);
    input.cache?.set(sha256, box);
  }
  if (box.ballots !== input.exported.ballots) {
    throw new TrusteeTotalsRefusedError('ballot-box.count', both(cliMessages, 'tally.trusteeCheck.boxCount', { lines: box.ballots, expected: input.exported.ballots }));
  }
  requireTotalsFromBox(box, input.totals);
  return box;
}

function requireExportedHash(sha256: string, exported: ExportedBallotBox): void {
  if (sha256 !== exported.sha256) {
    throw new TrusteeTotalsRefusedError('ballot-box.hash', both(cliMessages, 'tally.trusteeCheck.boxHash', { got: sha256, expected: String(exported.sha256) }));
  }
}

/** Steps 2 and 3 and the sums of step 4 (after the caller checked the hash). */
async function recomputeBallotBox(input: BallotBoxRecomputation, sha256: string): Promise<RecomputedBallotBox> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input.ballotBox);
  } catch {
    throw new TrusteeTotalsRefusedError('ballot-box.format', both(cliMessages, 'tally.trusteeCheck.boxNotUtf8'));
  }
  const file = ballotBoxFileLines(text);
  if (!file.ok) throw new TrusteeTotalsRefusedError('ballot-box.format', formatMessage(file.problem, file.line));
  const lines = file.lines;

  // The workers read the lines (JSON, canonical form) and verify them as they go; the file's
  // rule is still judged as a whole before any proof's verdict: a format problem anywhere is
  // reported first, at its line, as parseBallotBox would.
  const sums = new EncryptedSums(input.styles);
  const verdicts: LineVerdict[] = [];
  const crypto = new CryptoWorkers({ manifestHash: toHex(input.context.manifestHash), publicKey: toHex(group.encode(input.context.publicKey)), styles: [...input.styles] }, input.workers);
  try {
    for await (const chunk of crypto.verifyBallotLines(lines, [], true)) {
      verdicts.push(...chunk.lines);
      sums.addSums(chunk.sums);
      input.onProgress?.(chunk.start + chunk.lines.length, lines.length);
    }
  } finally {
    await crypto.close();
  }
  const problem = ballotBoxOrderProblem(verdicts);
  if (problem) throw new TrusteeTotalsRefusedError('ballot-box.format', formatMessage(problem.problem, problem.line));
  verdicts.forEach((v, k) => {
    const verdict = (v as Extract<LineVerdict, { ok: true }>).verdict;
    if (verdict.ok) return sums.countBallot(verdict.contestIds);
    const line = k + 1;
    const trackingCode = (v as Extract<LineVerdict, { ok: true }>).trackingCode;
    const reasons = verdict.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ');
    throw new TrusteeTotalsRefusedError('ballot-box.ballot', `${both(cliMessages, 'tally.trusteeCheck.ballot', { line, trackingCode })}: ${reasons}`);
  });
  const contests = new Map<string, RecomputedContest>();
  for (const style of input.styles) {
    for (const c of style.contests) {
      if (!contests.has(c.id)) contests.set(c.id, { ballots: sums.ballotsIn(c.id), optionIds: c.optionIds, sums: sums.contest(c.id).map(ciphertextHex) });
    }
  }
  return { sha256, ballots: lines.length, contests };
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
