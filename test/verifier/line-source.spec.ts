/**
 * A file read a chunk at a time gives the lines, places and texts of the whole file decoded at
 * once (what the verifier read before it streamed): whatever the chunk size, with multi-byte
 * characters and invalid UTF-8 cut by a chunk's edge, a last line without 0x0A, and an empty file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileLineSource, stringLineSource, type LineSource } from '../../src/verifier/line-source';

const dir = mkdtempSync(join(tmpdir(), 'urna-line-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const samples: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  'one newline': Buffer.from('\n'),
  'two lines': Buffer.from('{"a":1}\n{"b":"ñandú €"}\n'),
  'no final newline': Buffer.from('{"a":1}\n{"b":2}'),
  'blank lines': Buffer.from('\n\nx\n\n'),
  'invalid UTF-8': Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xe2, 0x82]), Buffer.from('"}\n'), Buffer.from([0xf0, 0x9f]), Buffer.from('\n€𝄞\n')]),
};

function read(source: LineSource) {
  const reader = source.reader();
  try {
    return [...source.lines()].map((l) => ({ text: l.text, terminated: l.terminated, again: reader.text(l.at, l.length) }));
  } finally {
    reader.close();
  }
}

describe('fileLineSource', () => {
  for (const [name, bytes] of Object.entries(samples)) {
    it(`${name}: the lines of the whole file decoded at once, at every chunk size`, () => {
      const path = join(dir, name.replace(/ /g, '-'));
      writeFileSync(path, bytes);
      const whole = readFileSync(path, 'utf8');
      const expected = read(stringLineSource(whole));
      // What jsonLines made of the whole text: the same texts, the last one unterminated only without a final 0x0A.
      expect(expected.map((l) => l.text)).toEqual(whole === '' ? [] : (whole.endsWith('\n') ? whole.slice(0, -1) : whole).split('\n'));
      expect(expected.every((l) => l.again === l.text)).toBe(true);
      for (const chunk of [1, 2, 3, 5, 7, 64, 4 << 20]) {
        const source = fileLineSource(path, chunk);
        expect([source.empty, source.endsWithNewline]).toEqual([whole === '', whole.endsWith('\n')]);
        expect([chunk, read(source)]).toEqual([chunk, expected]);
        expect([chunk, read(source)]).toEqual([chunk, expected]); // and again: the checks make several passes
      }
    });
  }
});
