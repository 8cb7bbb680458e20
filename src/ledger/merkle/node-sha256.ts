/** Server-side SHA-256 through node:crypto's one-shot hash (~2 µs vs ~3–5 µs for noble,
 * FACTS.md). Never import this from browser code: use `nobleSha256` from hash.ts there. */
import { hash } from 'node:crypto';
import type { HashFn } from './hash';

export const nodeSha256: HashFn = (data) => {
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};
