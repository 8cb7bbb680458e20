/**
 * ballot-box.jsonl against the log's ballot box (record.md V11), one line at a time: the file
 * is compared by each line's hash with the hashes of the log's ballots in tracking-code order,
 * which says all that comparing the two texts whole said (equal, the log's box and more bytes,
 * the first line that differs, how many lines) without holding either.
 */
import type { LineSource } from './line-source';
import { lineHash } from './log-reading';

export interface BoxComparison {
  /** The file is the log's box, byte for byte. */
  same: boolean;
  /** The file is the log's box followed by more bytes. */
  startsWithLog: boolean;
  /** UTF-8 bytes of the file's text. */
  bytes: number;
  /** Its lines, or why it has none: a file that does not end with 0x0A is not JSON Lines. */
  lines: number | Error;
  /** The first of the log's ballots that is not the file's line at its place, -1 when none. */
  firstDifference: number;
  /** The file's lines (0-based) that are none of the log's ballots (none when `lines` is an error). */
  strays: number[];
}

/** `logHashes`: lineHash of each of the log's ballot lines in box order; `known`: the same, as a set. */
export function compareBox(source: LineSource, logHashes: readonly string[], known: ReadonlySet<string>): BoxComparison {
  let count = 0;
  let bytes = 0;
  let prefix = true;
  let firstDifference = -1;
  const strays: number[] = [];
  for (const line of source.lines()) {
    const i = count++;
    const h = lineHash(line.text);
    bytes += Buffer.byteLength(line.text) + (line.terminated ? 1 : 0);
    if (i < logHashes.length) {
      if (h !== logHashes[i]) {
        prefix = false;
        if (firstDifference < 0) firstDifference = i;
      } else if (!line.terminated) prefix = false;
    }
    if (!known.has(h)) strays.push(i);
  }
  if (count < logHashes.length) {
    prefix = false;
    if (firstDifference < 0) firstDifference = count;
  }
  const lines = source.empty || source.endsWithNewline ? count : new Error('ballot-box.jsonl must end with a newline');
  return {
    same: prefix && count === logHashes.length, startsWithLog: prefix && count > logHashes.length,
    bytes, lines, firstDifference, strays: typeof lines === 'number' ? strays : [],
  };
}

/** The file's lines at the given places (ascending), read in one pass. */
export function* linesAt(source: LineSource, places: readonly number[]): Generator<string, void, undefined> {
  let k = 0;
  let i = 0;
  if (places.length === 0) return;
  for (const line of source.lines()) {
    if (i++ !== places[k]) continue;
    yield line.text;
    if (++k === places.length) return;
  }
}
