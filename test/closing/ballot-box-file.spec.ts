/**
 * writeBallotBoxFile writes the box from the stream: the file is the lines' bytes, its hash is
 * ballotBoxHash, and a failed write still removes the stream's spill file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ballotBoxHash, ballotBoxLines, ballotBoxStream, readCastBallots } from '../../src/closing/ballot-box';
import { writeBallotBoxFile } from '../../src/closing/ballot-box-file';
import { memoryStore, randomLedger } from './random-ledger';

describe('writeBallotBoxFile', () => {
  let dir: string;
  let spillDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'urna-boxfile-'));
    spillDir = mkdtempSync(join(tmpdir(), 'urna-boxspill-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(spillDir, { recursive: true, force: true });
  });

  it.each([[11, 0], [12, 1], [13, 400]])('writes the lines of ballotBoxLines and their hash (seed %i, %i ballots)', async (seed, n) => {
    const store = memoryStore(randomLedger(seed, n));
    const cast = await readCastBallots(store, 'e1');
    const lines = ballotBoxLines(cast);
    const out = join(dir, 'box.jsonl');
    const file = await writeBallotBoxFile(ballotBoxStream(store, 'e1', undefined, { spillDir, page: 17 }), out);
    const bytes = readFileSync(out);
    expect(bytes.equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
    expect(file).toEqual({ sha256: ballotBoxHash(lines), ballots: n, bytes: bytes.length, lastPosition: n === 0 ? -1 : Math.max(...cast.map((c) => c.position)) });
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('fails when the file cannot be written, and the spill file is gone', async () => {
    const store = memoryStore(randomLedger(14, 50));
    await expect(writeBallotBoxFile(ballotBoxStream(store, 'e1', undefined, { spillDir }), join(dir, 'missing', 'box.jsonl'))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(spillDir)).toEqual([]);
  });
});
