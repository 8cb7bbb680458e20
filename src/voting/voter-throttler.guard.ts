/**
 * Rate limits of the voter API, counted by @nestjs/throttler (throttlers configured in
 * voter-throttling.module.ts): 'per-address' over every /api/voter request of a client
 * address, and 'per-voter' over one voter's requests — the typed username on login (so
 * guessing one account's password from many addresses is slowed too; unknown usernames get
 * budgets like known ones, revealing nothing), the session's pseudonym afterwards. A spent
 * budget answers 429 RATE_LIMITED in the API's error shape with Retry-After (seconds).
 */
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { canonicalUsername, pseudonymOfHandle } from '../domain/authentication/secrets';
import { voterApi, VotingHttpError } from './voting-errors';

@Injectable()
export class VoterThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new VotingHttpError(429, 'RATE_LIMITED', voterApi.pair('error.rateLimited', { wait }));
  }
}

/** Whose budget a request spends besides its address's: `voter:<pseudonym>` from the session
 * token, `user:<username>` on login, `challenge:<id>` when confirming a login code (the id is
 * opaque: it names no voter, so its own budget bounds the guesses at one challenge); undefined
 * when none is given. */
export function voterKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const pseudonym = token ? pseudonymOfHandle(token) : undefined;
  if (pseudonym) return `voter:${pseudonym}`;
  const body = req.body as { username?: unknown; challengeId?: unknown } | undefined;
  if (typeof body?.username === 'string') return `user:${canonicalUsername(body.username) ?? body.username.slice(0, 64)}`;
  if (typeof body?.challengeId === 'string' && body.challengeId.length > 0) return `challenge:${body.challengeId.slice(0, 64)}`;
  return undefined;
}
