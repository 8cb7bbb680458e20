/**
 * A minimal POSIX ustar writer: regular files only, names up to 100 bytes, mode 0644, mtime 0
 * (so the same record gives the same bytes). Enough for one download of the record folder
 * without a new dependency; any tar (GNU, bsdtar, 7-Zip) reads it.
 */
import { writeFile } from 'node:fs/promises';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, offset: number) => h.set(new TextEncoder().encode(text), offset);
  if (new TextEncoder().encode(name).length > 100) throw new Error(`tar entry name too long: ${name}`);
  put(name, 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(0, 12), 136);
  put('        ', 148); // checksum is computed with this field as spaces
  put('0', 156);
  put('ustar\0', 257);
  put('00', 263);
  const sum = h.reduce((a, b) => a + b, 0);
  put(octal(sum, 7) + ' ', 148);
  return h;
}

export async function writeTar(path: string, entries: { name: string; content: string | Uint8Array }[]): Promise<void> {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const bytes = typeof e.content === 'string' ? new TextEncoder().encode(e.content) : e.content;
    parts.push(header(e.name, bytes.length), bytes);
    const pad = (BLOCK - (bytes.length % BLOCK)) % BLOCK;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  await writeFile(path, Buffer.concat(parts));
}
