/**
 * Rate limits of the voter API: one bucket per client IP for every request, and one per
 * voter — the typed username on login (so guessing one account's password from many IPs is
 * slowed too; unknown usernames get buckets like known ones, revealing nothing), the session's
 * pseudonym afterwards. Refusals are 429 with Retry-After.
 */
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { canonicalUsername, pseudonymOfHandle } from '../domain/authentication/secrets';
import { TokenBuckets } from './rate-limiter';
import { VOTING_API_OPTIONS, type VotingApiOptions } from './voting-api.options';
import { VotingHttpError } from './voting-errors';

@Injectable()
export class VoterRateLimitGuard implements CanActivate {
  private readonly perIp: TokenBuckets;
  private readonly perVoter: TokenBuckets;

  constructor(@Inject(VOTING_API_OPTIONS) options: VotingApiOptions) {
    this.perIp = new TokenBuckets(options.perIp ?? { capacity: 120, refillPerSecond: 2 });
    this.perVoter = new TokenBuckets(options.perVoter ?? { capacity: 20, refillPerSecond: 0.2 });
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let wait = this.perIp.take(`ip:${ip}`);
    const voter = voterKey(req);
    if (wait === 0 && voter) wait = this.perVoter.take(voter);
    if (wait === 0) return true;
    res.setHeader('Retry-After', String(wait));
    throw new VotingHttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${wait} s.`, `Demasiadas solicitudes; intente de nuevo en ${wait} s.`);
  }
}

function voterKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const pseudonym = token ? pseudonymOfHandle(token) : undefined;
  if (pseudonym) return `voter:${pseudonym}`;
  const body = req.body as { username?: unknown; challengeId?: unknown } | undefined;
  if (typeof body?.username === 'string') return `user:${canonicalUsername(body.username) ?? body.username.slice(0, 64)}`;
  const fromChallenge = typeof body?.challengeId === 'string' ? pseudonymOfHandle(body.challengeId) : undefined;
  return fromChallenge ? `voter:${fromChallenge}` : undefined;
}
