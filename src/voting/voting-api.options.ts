/** What a deployment decides about the voting API (validated once, at module creation). */
import type { RandomSource } from '../domain/roll/random-source';
import type { MailSender, SmsSender } from '../messaging/ports';
import type { WorkBudgetLimits } from '../http/work-budget';
import type { CredentialAuthorityLink } from '../credentials/credential-authority-link';
import type { DownloadSlotLimits } from '../http/download-slots';

/**
 * A request budget: `capacity` requests, renewed at `refillPerSecond`. Counted by
 * @nestjs/throttler as `capacity` requests per fixed window of `capacity / refillPerSecond`
 * seconds (the same burst and the same long-run rate; see throttlerBudget).
 */
export interface RateLimit {
  /** Requests allowed in one window (a burst). */
  capacity: number;
  /** Long-run requests per second; sets the window's length. */
  refillPerSecond: number;
}

export const DEFAULT_PER_IP: RateLimit = { capacity: 120, refillPerSecond: 2 };
export const DEFAULT_PER_VOTER: RateLimit = { capacity: 20, refillPerSecond: 0.2 };

/** A RateLimit as a throttler's `limit` and `ttl` (milliseconds). */
export function throttlerBudget(rate: RateLimit): { limit: number; ttl: number } {
  if (!(rate.capacity >= 1) || !(rate.refillPerSecond > 0)) throw new Error(`invalid rate limit ${JSON.stringify(rate)}`);
  return { limit: Math.floor(rate.capacity), ttl: Math.max(1, Math.round((rate.capacity / rate.refillPerSecond) * 1000)) };
}

export interface VotingApiOptions {
  electionId: string;
  mail: MailSender;
  sms: SmsSender;
  random: RandomSource;
  /** The booth's address (the credential authority's e-mails print it). */
  systemUrl: string;
  /** Origins allowed to call the API from a browser (the booth and the public board). */
  allowedOrigins: string[];
  /** Per client address, over every /api/voter request. Default 120 per 60 s window. */
  perIp?: RateLimit;
  /** Per username (login) or per voter (signed-in requests). Default 20 per 100 s window. */
  perVoter?: RateLimit;
  /** PostgreSQL schema of the voting read models (usernames, receipts). Default 'voting'. */
  projectionSchema?: string;
  /** Longest wait for a checkpoint covering a new ballot before answering 503. Default 30 s. */
  receiptTimeoutMs?: number;
  /** The clock (tests move it). Default the system clock. */
  clock?: () => Date;
  /** Bounds on costly work (src/http/work-budget.ts). Default SIGN_IN_WORK and BALLOT_CHECK_WORK,
   * and SIGN_IN_DOOR for the sign-in requests as a whole (src/http/sign-in-door.ts). */
  work?: { signIn?: WorkBudgetLimits; ballotChecks?: WorkBudgetLimits; door?: WorkBudgetLimits };
  /** Where password re-sends are served (src/credentials/credential-resender.ts); none: asks are only recorded. */
  credentialAuthority?: CredentialAuthorityLink;
  /** The board's ballot-box download (src/projections/board-downloads.ts): where a box rebuilt
   * from the ledger is kept (default a folder under the system's temporary folder), the
   * closing's export file on this instance if any, and how many downloads run at once
   * (default BOARD_DOWNLOAD_SLOTS). */
  ballotBoxDownloads?: { cacheDir?: string; closingExport?: string; slots?: DownloadSlotLimits };
}

export const VOTING_API_OPTIONS = Symbol('VOTING_API_OPTIONS');

/** Largest JSON body the API accepts. A ballot of the largest style of the simulacro (entity
 * 09: 4 contests, 61 options) is ~47 kB; the ledger's event limit is 60 KiB. */
export const MAX_BODY_BYTES = 128 * 1024;
