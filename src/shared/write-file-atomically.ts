/**
 * Writes a state file so that a crash at any moment leaves either the old file or the new one,
 * never a torn mix: the text goes to a fresh temporary file beside it (mode 0600), is flushed to
 * disk, renamed over the target, and the folder is flushed so the rename itself survives a power
 * loss. Used wherever a process keeps its own state across restarts (the witness's per-origin
 * state and evidence, the monitor's position in the log).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomically(target: string, text: string): void {
  const folder = dirname(target);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temporary = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  const folderFd = openSync(folder, 'r');
  try {
    fsyncSync(folderFd);
  } finally {
    closeSync(folderFd);
  }
}
