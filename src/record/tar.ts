/**
 * The record's .tar, written by tar-stream: POSIX ustar, regular files only, in the order given
 * (exportRecord sorts them), each with mode 0644, uid/gid 0, no user or group name and mtime 0,
 * so the same record always gives the same bytes. Any tar (GNU, bsdtar, 7-Zip) reads it.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';

const EPOCH = new Date(0);

export async function writeTar(path: string, entries: { name: string; content: string | Uint8Array }[]): Promise<void> {
  const tar = pack();
  for (const e of entries) {
    const content = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : Buffer.from(e.content.buffer, e.content.byteOffset, e.content.byteLength);
    tar.entry({ name: e.name, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH }, content);
  }
  tar.finalize();
  await pipeline(tar, createWriteStream(path));
}
