/** The verifier never crashes on a broken record: every check reports, and nothing passes by default. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/verifier/urna-verify';
import { readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecord } from '../../src/verifier/verify-record';

describe('verifier on hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urna-hostile-record-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an empty folder fails (no check passes vacuously) and the report names each check', () => {
    const v = verifyRecord(readRecordFolder(dir));
    expect(v.ok).toBe(false);
    expect(v.results.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual([]);
    expect(v.results.map((r) => r.id)).toContain('log.roots');
  });

  it('garbage in every file is reported, not thrown', () => {
    mkdirSync(join(dir, 'log'), { recursive: true });
    for (const f of ['record.json', 'manifest.json', 'roll.json', 'ballot-box.jsonl', 'log/entries.jsonl', 'log/checkpoints.jsonl', 'log/key.vkey']) {
      writeFileSync(join(dir, f), '{"not": "what you expect"\n');
    }
    const v = verifyRecord(readRecordFolder(dir));
    expect(v.ok).toBe(false);
    expect(v.results.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual([]);
  });

  it('the command exits 2 on a usage error', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main([join(dir, 'no-such-folder')])).toBe(2);
    write.mockRestore();
  });
});
