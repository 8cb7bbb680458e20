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
  findTotalsDiscrepancy, parseBallotBox, type BoxFormatProblem, type ContestTotalsRequest, type RecomputedContest, type TotalsDiscrepancy,
} from '../domain/tally/ballot-box-totals';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
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
  const parsed = parseBallotBox(text);
  if (!parsed.ok) throw new TrusteeTotalsRefusedError('ballot-box.format', formatMessage(parsed.problem, parsed.line));
  const ballots = parsed.ballots;

  const sums = new EncryptedSums(input.styles);
  const crypto = new CryptoWorkers({ manifestHash: toHex(input.context.manifestHash), publicKey: toHex(group.encode(input.context.publicKey)), styles: [...input.styles] }, input.workers);
  try {
    for await (const chunk of crypto.verifyBallots(ballots)) {
      chunk.verdicts.forEach((verdict, k) => {
        if (verdict.ok) return sums.countBallot(verdict.contestIds);
        const line = chunk.start + k + 1;
        const trackingCode = String((ballots[line - 1] as { trackingCode?: unknown } | null)?.trackingCode);
        const reasons = verdict.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ');
        throw new TrusteeTotalsRefusedError('ballot-box.ballot', `${both(cliMessages, 'tally.trusteeCheck.ballot', { line, trackingCode })}: ${reasons}`);
      });
      sums.addSums(chunk.sums);
      input.onProgress?.(chunk.start + chunk.verdicts.length, ballots.length);
    }
  } finally {
    await crypto.close();
  }
  const contests = new Map<string, RecomputedContest>();
  for (const style of input.styles) {
    for (const c of style.contests) {
      if (!contests.has(c.id)) contests.set(c.id, { ballots: sums.ballotsIn(c.id), optionIds: c.optionIds, sums: sums.contest(c.id).map(ciphertextHex) });
    }
  }
  return { sha256, ballots: ballots.length, contests };
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
