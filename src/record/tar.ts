/**
 * The record's .tar, written by tar-stream: POSIX ustar, regular files only, in the order given
 * (exportRecord sorts them), each with mode 0644, uid/gid 0, no user or group name and mtime 0,
 * so the same record always gives the same bytes. Any tar (GNU, bsdtar, 7-Zip) reads it.
 *
 * An entry's content is either in memory or a file on disk; a file is streamed into the archive
 * (the record's ballot box and log outgrow memory and V8's string cap), one entry at a time,
 * with the archive file's backpressure pacing the reads. Both give the same bytes.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';

const EPOCH = new Date(0);

export type TarEntry = { name: string; content: string | Uint8Array } | { name: string; file: string };

export async function writeTar(path: string, entries: TarEntry[]): Promise<void> {
  const tar = pack();
  const written = pipeline(tar, createWriteStream(path));
  written.catch(() => undefined); // awaited below; a write error may come while entries are still added
  try {
    for (const e of entries) {
      const header = { name: e.name, type: 'file' as const, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH };
      if ('file' in e) {
        await streamEntry(tar, header, e.file);
        continue;
      }
      const content = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : Buffer.from(e.content.buffer, e.content.byteOffset, e.content.byteLength);
      tar.entry(header, content);
    }
    tar.finalize();
  } catch (err) {
    tar.destroy(err as Error);
  }
  await written;
}

/** Copies one file into the archive; resolves once tar-stream has taken the whole entry. */
async function streamEntry(tar: Pack, header: Parameters<Pack['entry']>[0], file: string): Promise<void> {
  // The size goes in the header before the content: a file that changes meanwhile fails the
  // entry ("Size mismatch") instead of corrupting the archive.
  const { size } = await stat(file);
  let done!: (err?: Error | null) => void;
  const taken = new Promise<void>((resolve, reject) => { done = (err) => (err ? reject(err) : resolve()); });
  taken.catch(() => undefined); // awaited below; the archive may fail while the file is read
  const sink = tar.entry({ ...header, size }, (err) => done(err));
  sink.on('error', () => undefined); // the same error reaches the entry's callback, hence `taken`
  try {
    for await (const chunk of createReadStream(file)) {
      // Waits for the archive to take more, or for the entry to fail (a destroyed archive never drains).
      if (!sink.write(chunk as Buffer)) await Promise.race([new Promise<void>((resolve) => sink.once('drain', () => resolve())), taken]);
    }
    (sink as unknown as { end(): void }).end();
  } catch (err) {
    sink.destroy(err as Error);
  }
  await taken;
}
