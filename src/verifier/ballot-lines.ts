/**
 * The log's ballot box, line by line: each ballot of the log's BallotCast events as its
 * canonical JSON, in tracking-code order (record.md §5.4), read again from the log's file at the
 * place the first pass noted (log-reading.ts) rather than kept in memory. Each line is checked
 * against the hash the first pass took, so the checks that read it (V11's hash, V12's proofs)
 * see the very ballots V5 read even if the file changed in between.
 */
import { canonicalJson } from '../domain/shared/canonical-json';
import type { LineSource } from './line-source';
import { lineHash, type LogBallot } from './log-reading';

export function* ballotLines(source: LineSource, ballots: readonly LogBallot[]): Generator<string, void, undefined> {
  const reader = source.reader();
  try {
    for (const b of ballots) {
      const entry = reader.text(b.at, b.length);
      const line = b.ballotAt >= 0 ? entry.slice(b.ballotAt, b.ballotAt + b.ballotLength)
        : canonicalJson((JSON.parse(entry) as { data?: { ballot?: unknown } }).data?.ballot ?? null);
      if (lineHash(line) !== b.hash) throw new Error('log/entries.jsonl changed while it was being verified');
      yield line;
    }
  } finally {
    reader.close();
  }
}
