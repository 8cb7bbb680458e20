/**
 * The record's .tar (tar-stream underneath): the same entries give the same bytes on every run,
 * as a ustar archive of regular files in the order given with mode 0644, uid/gid 0 and mtime 0.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { writeTar } from '../../src/record/tar';

const ENTRIES = [
  { name: 'election-record/ballot-box.jsonl', content: '{"b":1}\n{"b":2}\n' },
  { name: 'election-record/log/entries.bin', content: new Uint8Array(700).map((_, i) => i % 251) },
  { name: 'election-record/record.json', content: '' },
];

async function read(bytes: Buffer): Promise<{ header: Header; body: Buffer }[]> {
  const out: { header: Header; body: Buffer }[] = [];
  const x = extract();
  Readable.from([bytes]).pipe(x);
  for await (const entry of x) {
    const parts: Buffer[] = [];
    for await (const chunk of entry) parts.push(chunk as Buffer);
    out.push({ header: entry.header, body: Buffer.concat(parts) });
  }
  return out;
}

describe('writeTar', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'urna-tar-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes for the same entries on every run', async () => {
    await writeTar(join(dir, 'a.tar'), ENTRIES);
    await new Promise((r) => setTimeout(r, 1100)); // a clock second later: nothing of "now" gets in
    await writeTar(join(dir, 'b.tar'), ENTRIES);
    const a = readFileSync(join(dir, 'a.tar'));
    expect(a.equals(readFileSync(join(dir, 'b.tar')))).toBe(true);
    expect(a.length % 512).toBe(0);
  });

  it('is a ustar archive of regular files in the given order, mode 0644, owner 0, mtime 0', async () => {
    await writeTar(join(dir, 'c.tar'), ENTRIES);
    const bytes = readFileSync(join(dir, 'c.tar'));
    expect(bytes.subarray(257, 265).toString('latin1')).toBe('ustar\u000000');
    const entries = await read(bytes);
    expect(entries.map((e) => e.header.name)).toEqual(ENTRIES.map((e) => e.name));
    for (const [i, { header, body }] of entries.entries()) {
      expect(header).toMatchObject({ type: 'file', mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' });
      expect(header.mtime.getTime()).toBe(0);
      const content = ENTRIES[i].content;
      expect(body.equals(typeof content === 'string' ? Buffer.from(content) : Buffer.from(content))).toBe(true);
    }
  });

  it('streams entries from files into the same bytes as the same contents in memory', async () => {
    // Larger than any stream buffer and not a multiple of 512; an empty file; unicode text.
    const big = new Uint8Array(3 * 1024 * 1024 + 77).map((_, i) => (i * 7) % 253);
    const contents: { name: string; content: string | Uint8Array }[] = [
      ...ENTRIES,
      { name: 'election-record/log/entries.jsonl', content: big },
      { name: 'election-record/roll.json', content: '{"n":"ñandú 𝄞"}\n' },
    ];
    const files = contents.map((e, i) => {
      const file = join(dir, `entry-${i}`);
      writeFileSync(file, e.content);
      return { name: e.name, file };
    });
    await writeTar(join(dir, 'memory.tar'), contents);
    await writeTar(join(dir, 'files.tar'), files);
    // Mixed, as the exporter could hand them.
    await writeTar(join(dir, 'mixed.tar'), contents.map((e, i) => (i % 2 === 0 ? files[i] : e)));
    const memory = readFileSync(join(dir, 'memory.tar'));
    expect(readFileSync(join(dir, 'files.tar')).equals(memory)).toBe(true);
    expect(readFileSync(join(dir, 'mixed.tar')).equals(memory)).toBe(true);
    const entries = await read(memory);
    expect(entries[3].body.equals(Buffer.from(big))).toBe(true);
  });

  it('fails, without hanging, when the file of an entry cannot be read', async () => {
    await expect(writeTar(join(dir, 'broken.tar'), [ENTRIES[0], { name: 'election-record/x', file: join(dir, 'no-such-file') }])).rejects.toThrow(/ENOENT/);
  });

  it('fails, without hanging, when the archive cannot be written while files are streamed into it', async () => {
    const file = join(dir, 'large');
    writeFileSync(file, new Uint8Array(4 * 1024 * 1024));
    await expect(writeTar(join(dir, 'missing', 'x.tar'), [{ name: 'a', file }, { name: 'b', file }])).rejects.toThrow(/ENOENT/);
  });
});
