/**
 * The simulacro's last check: the decrypted tally against the synthetic voters' plain choices.
 * Without ballots cast by hand every count must equal the plain one. With `byHand` ballots cast
 * by a person (--keep-open), whose choices the simulacro does not know, a count may exceed the
 * plain one but never fall below it (a hand ballot cannot take a synthetic voter's vote away),
 * each contest may gain at most one vote per hand ballot, and there may be at most `maxByHand`
 * of them (the voters kept aside) and never fewer ballots than synthetic voters.
 */
export interface ContestCounts {
  contestId: string;
  counts: readonly { optionId: string; count: number }[];
}

export interface ResultRow {
  contestId: string;
  optionId: string;
  plain: number;
  decrypted: number;
  agrees: boolean;
}

export interface Comparison {
  mismatches: number;
  rows: ResultRow[];
  /** Ballots beyond the synthetic voters' (0 if fewer). */
  byHand: number;
}

export function compareResults(
  expected: Readonly<Record<string, Readonly<Record<string, number>>>>,
  results: readonly ContestCounts[],
  ballots: number,
  syntheticBallots: number,
  maxByHand: number,
): Comparison {
  const byHand = ballots - syntheticBallots;
  let mismatches = byHand < 0 || byHand > maxByHand ? 1 : 0;
  const rows: ResultRow[] = [];
  for (const contest of results) {
    let extra = 0;
    const known = new Set(contest.counts.map((c) => c.optionId));
    for (const { optionId, count } of contest.counts) {
      const plain = expected[contest.contestId]?.[optionId] ?? 0;
      const agrees = byHand > 0 ? count >= plain : plain === count;
      extra += count - plain;
      if (!agrees) mismatches++;
      if (plain !== 0 || count !== 0) rows.push({ contestId: contest.contestId, optionId, plain, decrypted: count, agrees });
    }
    // A plain choice the decrypted results do not list at all was lost.
    for (const optionId of Object.keys(expected[contest.contestId] ?? {})) if (!known.has(optionId)) mismatches++;
    if (extra > Math.max(byHand, 0)) mismatches++;
  }
  const contests = new Set(results.map((r) => r.contestId));
  for (const contest of Object.keys(expected)) if (!contests.has(contest)) mismatches++;
  return { mismatches, rows, byHand: Math.max(byHand, 0) };
}
