/**
 * HTTP caching of the log API (docs/spec/log.md §5.4). Most of what the log serves can never
 * change once it exists: a tile, an entry bundle, a past checkpoint, a proof between fixed
 * sizes, a range of entries or checkpoints that is complete. Those are served `immutable` for
 * a year, so a CDN or a static mirror carries the read load, with a strong ETag that names
 * the resource itself (the log's key ID and the request's canonical form), not the bytes of
 * the answer: a conditional request for it is answered 304 before the database is asked.
 * That is sound because the bytes behind such a name never change while the log lives (the
 * store refuses updates and deletes), and the key ID keeps two logs' names apart.
 * What can still change (the latest checkpoint, a range cut at the tree's end) is revalidated.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The latest checkpoint: C2SP tlog-tiles asks that it not be cached beyond a few seconds;
 * the log signs at most one per second. */
export const LATEST = 'public, max-age=1';
/** An answer that may grow (a range cut at the tree's current end). */
export const REVALIDATE = 'no-cache';

/** Strong ETag naming an immutable resource of the log with this key ID (8 hex digits). */
export function resourceTag(keyIdHex: string, resource: string): string {
  const digest = createHash('sha256').update(`urna-log-resource/1\n${keyIdHex}\n${resource}`).digest('base64url').slice(0, 22);
  return `"${keyIdHex}.${digest}"`;
}

/**
 * Marks the response immutable under `tag`. Returns true when the client already holds it
 * (If-None-Match matches): the response is then finished as 304 and the caller stops.
 */
export function immutableOrNotModified(req: Request, res: Response, tag: string): boolean {
  res.setHeader('Cache-Control', IMMUTABLE);
  res.setHeader('ETag', tag);
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  return false;
}
