/**
 * The lines of a JSON Lines file of the record, read a chunk at a time: log/entries.jsonl holds
 * ~41 kB per voter and ballot-box.jsonl ~33.6 kB per ballot, so a large election's files do not
 * fit in one JavaScript string (V8's cap is 2^29−24 characters) and must never be read whole.
 *
 * A line is the bytes up to and including 0x0A (the last one may lack it), decoded as UTF-8 on
 * its own. 0x0A never occurs inside a multi-byte sequence, so a line's text is the same as the
 * same slice of the whole file decoded at once: invalid bytes become U+FFFD exactly as when the
 * verifier read each file into one string, and every check reports the same problems.
 *
 * A source can be read any number of times (the verifier makes several passes) and read at a
 * line's place again (`reader`), by the place `lines()` gave it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface SourceLine {
  /** The line's text, without its 0x0A. */
  text: string;
  /** Where the line starts, for `reader().text`: a byte offset in a file, a character index in a string. */
  at: number;
  /** The line's length in the same unit, 0x0A included. */
  length: number;
  /** Whether the line ends with 0x0A (only the last one may not). */
  terminated: boolean;
}

export interface LineReader {
  /** The text of the line `lines()` gave at `at` with `length` (its 0x0A, if any, dropped). */
  text(at: number, length: number): string;
  close(): void;
}

export interface LineSource {
  /** Nothing in it. */
  readonly empty: boolean;
  /** Its last byte is 0x0A (false when empty). */
  readonly endsWithNewline: boolean;
  lines(): Generator<SourceLine, void, undefined>;
  reader(): LineReader;
}

/** A source over a string already in memory (tests, small records): the same lines as over its file. */
export function stringLineSource(text: string): LineSource {
  return {
    empty: text === '',
    endsWithNewline: text.endsWith('\n'),
    *lines() {
      let at = 0;
      while (at < text.length) {
        const end = text.indexOf('\n', at);
        const stop = end < 0 ? text.length : end;
        yield { text: text.slice(at, stop), at, length: (end < 0 ? stop : end + 1) - at, terminated: end >= 0 };
        at = end < 0 ? text.length : end + 1;
      }
    },
    reader: () => ({
      text: (at, length) => {
        const line = text.slice(at, at + length);
        return line.endsWith('\n') ? line.slice(0, -1) : line;
      },
      close: () => undefined,
    }),
  };
}

/** Bytes read at once: large enough that a pass costs few system calls, small next to the heap. */
const CHUNK = 4 << 20;

/** A source over a file, read with synchronous reads so that the checks keep their generator shape (`chunk`: bytes per read, small in tests). */
export function fileLineSource(path: string, chunk = CHUNK): LineSource {
  const fd = openSync(path, 'r');
  let size: number;
  let last: number | undefined;
  try {
    size = fstatSync(fd).size;
    if (size > 0) {
      const one = Buffer.alloc(1);
      readSync(fd, one, 0, 1, size - 1);
      last = one[0];
    }
  } finally {
    closeSync(fd);
  }
  return {
    empty: size === 0,
    endsWithNewline: last === 0x0a,
    *lines() {
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.allocUnsafe(chunk);
        /** Bytes of a line that began in an earlier chunk. */
        let carried: Buffer[] = [];
        let carriedBytes = 0;
        let position = 0; // file offset of buffer[0]
        let lineAt = 0; // file offset where the current line starts
        for (;;) {
          const n = readSync(fd, buffer, 0, chunk, position);
          if (n === 0) break;
          let from = 0;
          while (from < n) {
            const nl = buffer.indexOf(0x0a, from);
            if (nl < 0 || nl >= n) {
              carried.push(Buffer.from(buffer.subarray(from, n)));
              carriedBytes += n - from;
              break;
            }
            const text = carriedBytes === 0 ? buffer.toString('utf8', from, nl)
              : Buffer.concat([...carried, buffer.subarray(from, nl)]).toString('utf8');
            const length = carriedBytes + (nl + 1 - from);
            yield { text, at: lineAt, length, terminated: true };
            lineAt += length;
            carried = [];
            carriedBytes = 0;
            from = nl + 1;
          }
          position += n;
        }
        if (carriedBytes > 0) yield { text: Buffer.concat(carried).toString('utf8'), at: lineAt, length: carriedBytes, terminated: false };
      } finally {
        closeSync(fd);
      }
    },
    reader() {
      const fd = openSync(path, 'r');
      let buffer = Buffer.allocUnsafe(64 << 10);
      return {
        text(at, length) {
          if (buffer.length < length) buffer = Buffer.allocUnsafe(length);
          let got = 0;
          while (got < length) {
            const n = readSync(fd, buffer, got, length - got, at + got);
            if (n === 0) throw new Error('the file is shorter than when it was read');
            got += n;
          }
          const end = length > 0 && buffer[length - 1] === 0x0a ? length - 1 : length;
          return buffer.toString('utf8', 0, end);
        },
        close: () => closeSync(fd),
      };
    },
  };
}

/** A source for what the record input holds: a string becomes a source over it. */
export function lineSourceOf(content: string | LineSource): LineSource {
  return typeof content === 'string' ? stringLineSource(content) : content;
}
