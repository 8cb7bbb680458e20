/**
 * A box whose line is longer than any ballot can be (LONGEST_LINE_BYTES, src/tally/ballot-box-
 * bytes.ts): the reader a trustee station trusts with a box from the board must neither gather it
 * whole (a box with no newline at all would be one line of gigabytes) nor lose count of its bytes.
 * The adversary sends a 64 MiB + 1 line, such a line with a byte that is not UTF-8 in its middle,
 * and such a line with no final newline; a line of exactly the limit is still a line.
 */
import { createHash } from 'node:crypto';
import { BallotBoxReader, LONGEST_LINE_BYTES, type BoxLineText } from '../../src/tally/ballot-box-bytes';

jest.setTimeout(120_000);

const MIB = 1024 * 1024;
const fill = new Uint8Array(MIB).fill(0x61); // 'a'

/** `bytes` bytes of 'a' in chunks of at most 1 MiB (one buffer, re-used as a stream's would be). */
function* run(bytes: number): Generator<Uint8Array> {
  for (let left = bytes; left > 0; left -= MIB) yield fill.subarray(0, Math.min(MIB, left));
}

async function readAll(chunks: Iterable<Uint8Array>): Promise<{ lines: BoxLineText[]; sha256: string; tail: string; expected: string }> {
  const all = [...chunks].map((c) => Uint8Array.from(c)); // the test's own copy, to hash apart
  const reader = new BallotBoxReader(all);
  const lines: BoxLineText[] = [];
  for await (const line of reader.read()) lines.push(typeof line === 'string' && line.length > 64 ? `${line.length} chars` : line);
  const hash = createHash('sha256');
  for (const c of all) hash.update(c);
  return { lines, sha256: reader.sha256, tail: reader.tail, expected: hash.digest('hex') };
}

const nl = Uint8Array.of(0x0a);
const ballot = new TextEncoder().encode('{"x":1}\n');

describe('the ballot box reader and lines longer than any ballot', () => {
  it('a line one byte past the limit is reported too long, the next line is read, and every byte is hashed', async () => {
    const r = await readAll([...run(LONGEST_LINE_BYTES + 1), nl, ballot]);
    expect(r.lines).toEqual([{ unreadable: 'too-long' }, '{"x":1}']);
    expect(r.tail).toBe('none');
    expect(r.sha256).toBe(r.expected);
  });

  it('a line of exactly the limit is still read as a line', async () => {
    const r = await readAll([...run(LONGEST_LINE_BYTES), nl, ballot]);
    expect(r.lines).toEqual([`${LONGEST_LINE_BYTES} chars`, '{"x":1}']);
    expect(r.sha256).toBe(r.expected);
  });

  it('a byte that is not UTF-8 inside an over-long line is reported as such', async () => {
    const r = await readAll([...run(40 * MIB), Uint8Array.of(0xff), ...run(30 * MIB), nl, ballot]);
    expect(r.lines).toEqual([{ unreadable: 'not-utf8' }, '{"x":1}']);
    expect(r.sha256).toBe(r.expected);
  });

  it('an over-long tail with no final newline: no line, the tail is named, the hash covers it', async () => {
    const r = await readAll([ballot, ...run(LONGEST_LINE_BYTES + MIB)]);
    expect(r.lines).toEqual(['{"x":1}']);
    expect(r.tail).toBe('bytes');
    expect(r.sha256).toBe(r.expected);
  });
});
