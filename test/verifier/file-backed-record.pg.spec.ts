/**
 * `urna verify` reads log/entries.jsonl and ballot-box.jsonl from disk a chunk at a time
 * (openRecordFolder): every tampering is reported exactly as when the files are read whole
 * (readRecordFolder), with V11's and V12's own words: a box line that differs by one byte, a
 * log ballot missing from the box, a stray line, a log without its final 0x0A, bytes that are
 * not UTF-8. Run in this thread and on two worker threads.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordFiles } from '../../src/record/record-format';
import { openRecordFolder, readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecord, verifyRecordInParallel, type RecordVerification } from '../../src/verifier/verify-record';
import { cachedRecord, type CachedRecord } from './cached-record';

let rec: CachedRecord;
const work = mkdtempSync(join(tmpdir(), 'urna-file-backed-'));
beforeAll(async () => {
  rec = await cachedRecord();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** A copy of the good record's folder with the bytes of `file` replaced by `edit`'s. */
function variant(file: string, edit: (bytes: Buffer) => Buffer): string {
  const dir = join(work, `v${++counter}`);
  cpSync(join(rec.dir, 'record'), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file))));
  return dir;
}
const failed = (v: RecordVerification) => Object.fromEntries(v.results.filter((r) => r.status === 'fail').map((r) => [r.number, r.problems]));
/** The folder verified from disk, with the report of the same folder read whole (which it must equal). */
function fromDisk(dir: string): Record<string, string[]> {
  const streamed = verifyRecord(openRecordFolder(dir));
  expect(streamed.results).toEqual(verifyRecord(readRecordFolder(dir)).results);
  return failed(streamed);
}
const splitLines = (b: Buffer) => b.toString('latin1').split('\n').slice(0, -1).map((l) => Buffer.from(l, 'latin1'));
const joinLines = (lines: Buffer[]) => Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
const BOX = RecordFiles.ballotBox;
const LOG = RecordFiles.logEntries;

describe('a record read from disk a chunk at a time', () => {
  it('the good record: every check passes, the same report as read whole, in this thread and on 2 workers', async () => {
    const dir = join(rec.dir, 'record');
    expect(fromDisk(dir)).toEqual({});
    const progress: string[] = [];
    const parallel = await verifyRecordInParallel(openRecordFolder(dir), { workers: 2, onProgress: (check, done, total) => progress.push(`${check} ${done}/${total}`) });
    expect(parallel.results).toEqual(verifyRecord(readRecordFolder(dir)).results);
    expect(progress).toEqual(['ballots.proofs 6/6']);
  });

  it('a box line that differs by one byte: V11 names the line, V12 checks it apart as a stray', async () => {
    const dir = variant(BOX, (b) => {
      const lines = splitLines(b);
      const at = lines[2].indexOf('"alpha":"') + 9;
      lines[2][at] = lines[2][at] === 0x61 ? 0x62 : 0x61; // one hex digit of a ciphertext
      return joinLines(lines);
    });
    const f = fromDisk(dir);
    expect(f.V11).toEqual(['ballot-box.jsonl is not the log\'s ballot box: line 3 differs (6 lines, the log has 6 ballots)']);
    expect(f.V12).toEqual([expect.stringMatching(/^ballot \S+: .*\(a line of ballot-box\.jsonl that is not in the log\)$/)]);
    expect((await verifyRecordInParallel(openRecordFolder(dir), { workers: 2 })).results).toEqual(verifyRecord(readRecordFolder(dir)).results);
  });

  it('a log ballot missing from the box, or the box cut short: the first line that differs and the counts', () => {
    expect(fromDisk(variant(BOX, (b) => joinLines(splitLines(b).filter((_, k) => k !== 3))))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: line 4 differs (5 lines, the log has 6 ballots)'] });
    expect(fromDisk(variant(BOX, () => Buffer.alloc(0))).V11).toEqual(['ballot-box.jsonl is not the log\'s ballot box: line 1 differs (0 lines, the log has 6 ballots)']);
  });

  it('a stray line after the log\'s ballots, and a box without its final newline', () => {
    const stray = Buffer.from('{"trackingCode":"X"}');
    const f = fromDisk(variant(BOX, (b) => Buffer.concat([b, stray, Buffer.from('\n')])));
    expect(f.V11).toEqual([`ballot-box.jsonl is not the log's ballot box: ${stray.length + 1} bytes after the log's 6 ballots`]);
    expect(f.V12).toEqual([expect.stringMatching(/^ballot X: .*\(a line of ballot-box\.jsonl that is not in the log\)$/)]);
    expect(fromDisk(variant(BOX, (b) => b.subarray(0, -1)))).toEqual({ V11: ['ballot-box.jsonl is not the log\'s ballot box: ballot-box.jsonl must end with a newline'] });
  });

  it('bytes that are not UTF-8 in a box line: the line differs, counted as the text read whole counts it', () => {
    const f = fromDisk(variant(BOX, (b) => {
      const lines = splitLines(b);
      lines[1] = Buffer.concat([lines[1].subarray(0, 20), Buffer.from([0xff, 0xe2]), lines[1].subarray(21)]);
      return joinLines(lines);
    }));
    expect(f.V11).toEqual(['ballot-box.jsonl is not the log\'s ballot box: line 2 differs (6 lines, the log has 6 ballots)']);
  });

  it('a log without its final newline, and a log entry with bytes that are not UTF-8', () => {
    expect(fromDisk(variant(LOG, (b) => b.subarray(0, -1))).V5).toEqual(['error: log/entries.jsonl must end with a newline']);
    const f = fromDisk(variant(LOG, (b) => {
      const lines = splitLines(b);
      const k = lines.findIndex((l) => l.includes('"type":"BallotCast"'));
      const at = lines[k].indexOf('"trackingCode":"') + 16;
      lines[k] = Buffer.concat([lines[k].subarray(0, at), Buffer.from([0xc3]), lines[k].subarray(at + 1)]);
      return joinLines(lines);
    }));
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['V6', 'V11']));
  });
});
