/**
 * How the board answers with a file whose SHA-256 the ledger recorded (the acta, the election
 * record, the exported ballot box): the hash as ETag, Repr-Digest (RFC 9530) and
 * X-Content-SHA256, so a client can check what it received and a cache can revalidate; 304 to a
 * client that already holds it; then the bytes, streamed from disk.
 */
import type { Request, Response } from 'express';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** The file's digest headers and how long caches may keep it. */
export function setDigestHeaders(res: Response, sha256: string, cacheControl: string): Response {
  return res
    .setHeader('ETag', `"${sha256}"`)
    .setHeader('Repr-Digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`)
    .setHeader('X-Content-SHA256', sha256)
    .setHeader('Cache-Control', cacheControl);
}

/** Whether the request's If-None-Match names this file (or any: `*`). */
export function clientHolds(req: Request, sha256: string): boolean {
  const header = req.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((tag) => tag.trim() === `"${sha256}"` || tag.trim() === '*');
}

/** Content-Type and Content-Length, then the bytes (none for HEAD); a client gone mid-way ends the stream. */
export async function streamFile(req: Request, res: Response, file: HashedFile, type: string): Promise<void> {
  res.type(type);
  res.setHeader('Content-Length', String(file.bytes));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}
