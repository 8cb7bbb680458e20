/**
 * The voter API's throttlers (@nestjs/throttler), counted in PostgreSQL so that every instance
 * of the service shares one budget per address and per voter. The table lives in the voting
 * projection's schema. VoterThrottlerGuard (on VoterController) applies them.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresThrottlerStorage } from '../http/postgres-throttler-storage';
import { PG_POOL } from '../ledger/ledger.tokens';
import { voterKey } from './voter-throttler.guard';
import { DEFAULT_PER_IP, DEFAULT_PER_VOTER, throttlerBudget, type VotingApiOptions } from './voting-api.options';

@Module({})
export class VoterThrottlingModule {
  static forRoot(options: VotingApiOptions): DynamicModule {
    const perAddress = throttlerBudget(options.perIp ?? DEFAULT_PER_IP);
    const perVoter = throttlerBudget(options.perVoter ?? DEFAULT_PER_VOTER);
    return {
      module: VoterThrottlingModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [PG_POOL],
          useFactory: async (pool: Pool): Promise<ThrottlerModuleOptions> => {
            const storage = new PostgresThrottlerStorage(pool, options.projectionSchema ?? 'voting');
            await storage.migrate();
            return {
              storage,
              throttlers: [
                // blockDuration 0: a refused request is not counted and waits for the window's end.
                // The address is the library's tracker (req.ip; IPv6 grouped by /64).
                { name: 'per-address', ...perAddress, blockDuration: 0 },
                {
                  name: 'per-voter', ...perVoter, blockDuration: 0,
                  getTracker: (req) => voterKey(req as Request) ?? '',
                  skipIf: (context) => voterKey(context.switchToHttp().getRequest<Request>()) === undefined,
                },
              ],
              // One budget per tracker over every route (the library's default key is per route),
              // per election; stored as a SHA-256, so the table does not list addresses or usernames.
              generateKey: (_context, tracker, name) => createHash('sha256').update(`${options.electionId}\n${name}\n${tracker}`).digest('hex'),
              // No X-RateLimit-* headers; refusals set Retry-After themselves (VoterThrottlerGuard).
              setHeaders: false,
            };
          },
        }),
      ],
    };
  }
}
