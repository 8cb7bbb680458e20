import type { HexCiphertext } from '../crypto/tally/tally-wire';
import { isCanonicalJsonText } from '../shared/canonical-json';
import type { HexOptionTotal } from './events';

/**
 * The pure half of a trustee's check before it decrypts (src/tally/trustee-totals-check.ts has
 * the other: the hash, the ballot proofs, the sums). A trustee decrypts only totals it
 * recomputed itself from the exported ballot box, so whoever feeds it cannot slip in one voter's
 * ciphertext as a contest's total (issue 12 §3; docs/spec/crypto-ceremony-tally.md §4.3).
 */

/** Why the exported file is not a ballot box written by the closing's rule (record.md §5.4). */
export type BoxFormatProblem = 'final-newline' | 'not-json' | 'not-canonical' | 'order';

export type ParsedBallotBox =
  | { readonly ok: true; readonly ballots: readonly unknown[] }
  | { readonly ok: false; readonly line: number; readonly problem: BoxFormatProblem };

/** One line of an exported ballot box (without its 0x0A), read alone. */
export type ParsedBallotLine =
  | { readonly ok: true; readonly ballot: unknown; readonly trackingCode: string }
  | { readonly ok: false; readonly problem: 'not-json' | 'not-canonical' };

/**
 * One line on its own: JSON, and (with `canonical`, for a box from outside) the RFC 8785 canonical
 * JSON of what it parses to, byte for byte. Apart from the order of lines, this is all the file
 * rule asks of a line, so worker threads can read lines side by side (crypto-tasks.ts) and the
 * caller checks the order over the tracking codes (ballotBoxOrderProblem).
 */
export function parseBallotLine(line: string, canonical = true): ParsedBallotLine {
  let ballot: unknown;
  try {
    ballot = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (canonical && !isCanonicalJsonText(line, ballot)) return { ok: false, problem: 'not-canonical' };
  return { ok: true, ballot, trackingCode: String((ballot as { trackingCode?: unknown } | null)?.trackingCode) };
}

/**
 * The file's lines (split at 0x0A), or the final-newline problem: a file ending in 0x0A splits
 * into its lines and one empty string after the last.
 */
export function ballotBoxFileLines(text: string): { readonly ok: true; readonly lines: string[] } | { readonly ok: false; readonly line: number; readonly problem: 'final-newline' } {
  if (text === '') return { ok: true, lines: [] };
  const lines = text.split('\n');
  if (lines.pop() !== '') return { ok: false, line: lines.length + 1, problem: 'final-newline' };
  return { ok: true, lines };
}

/**
 * The first problem of a box whose lines were read one by one (parseBallotLine), in line order,
 * as parseBallotBox would report it: a line that is not canonical JSON, or a tracking code not
 * strictly above the one before (so no ballot appears twice). Undefined: the file is the rule's.
 */
export function ballotBoxOrderProblem(parsed: readonly ({ readonly ok: true; readonly trackingCode: string } | { readonly ok: false; readonly problem: 'not-json' | 'not-canonical' })[]): { readonly line: number; readonly problem: BoxFormatProblem } | undefined {
  let previous: string | undefined;
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i];
    if (!p.ok) return { line: i + 1, problem: p.problem };
    if (previous !== undefined && !(previous < p.trackingCode)) return { line: i + 1, problem: 'order' };
    previous = p.trackingCode;
  }
  return undefined;
}

/**
 * The ballots of an exported ballot box, refusing any file the closing could not have written:
 * each line is the RFC 8785 canonical JSON of one ballot followed by 0x0A, lines in strictly
 * ascending order of tracking code (so no ballot appears twice). The hash already ties the bytes
 * to the log; this makes sure they also mean one thing only.
 */
export function parseBallotBox(text: string): ParsedBallotBox {
  const file = ballotBoxFileLines(text);
  if (!file.ok) return file;
  const parsed: ParsedBallotLine[] = [];
  for (const line of file.lines) {
    const p = parseBallotLine(line);
    parsed.push(p);
    // Stop at the first bad line, as a reader going down the file would.
    if (!p.ok) break;
  }
  const problem = ballotBoxOrderProblem(parsed);
  if (problem) return { ok: false, ...problem };
  return { ok: true, ballots: parsed.map((p) => (p as { ballot: unknown }).ballot) };
}

/** What a trustee is asked to decrypt for one contest: its recorded EncryptedTallyComputed. */
export interface ContestTotalsRequest {
  readonly contestId: string;
  readonly ballots: number;
  readonly options: readonly HexOptionTotal[];
}

/** One contest as the trustee recomputed it from the box: options in ballot order. */
export interface RecomputedContest {
  readonly ballots: number;
  readonly optionIds: readonly string[];
  readonly sums: readonly HexCiphertext[];
}

export type TotalsDiscrepancy =
  | { readonly check: 'totals.contest'; readonly contestId: string }
  | { readonly check: 'totals.ballots'; readonly contestId: string; readonly requested: unknown; readonly recomputed: number }
  | { readonly check: 'totals.options'; readonly contestId: string }
  | { readonly check: 'totals.ciphertext'; readonly contestId: string; readonly optionId: string };

/**
 * The first way the requested totals differ from the recomputed ones, or undefined when every
 * requested contest has exactly the recomputed ballot count, options (same ids, same order)
 * and ciphertexts. Element encodings are canonical, so equal totals have equal hex; any other
 * spelling of a total (upper case, another length) is a difference.
 */
export function findTotalsDiscrepancy(
  recomputed: ReadonlyMap<string, RecomputedContest>,
  requested: readonly ContestTotalsRequest[],
): TotalsDiscrepancy | undefined {
  for (const r of requested) {
    const mine = recomputed.get(r.contestId);
    if (!mine) return { check: 'totals.contest', contestId: r.contestId };
    if (r.ballots !== mine.ballots) return { check: 'totals.ballots', contestId: r.contestId, requested: r.ballots, recomputed: mine.ballots };
    if (r.options.length !== mine.optionIds.length || r.options.some((o, k) => o.optionId !== mine.optionIds[k])) {
      return { check: 'totals.options', contestId: r.contestId };
    }
    for (let k = 0; k < r.options.length; k++) {
      const o = r.options[k];
      if (o.alpha !== mine.sums[k].alpha || o.beta !== mine.sums[k].beta) return { check: 'totals.ciphertext', contestId: r.contestId, optionId: o.optionId };
    }
  }
  return undefined;
}
