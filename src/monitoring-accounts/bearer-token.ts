import type { Request } from 'express';

/** The session token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: Request): string | undefined {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}
