/** What a deployment decides about the voting API (validated once, at module creation). */
import type { PasswordHasher } from '../domain/authentication/password-hasher';
import type { RandomSource } from '../domain/roll/random-source';
import type { MailSender, SmsSender } from '../messaging/ports';

export interface RateLimit {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export interface VotingApiOptions {
  electionId: string;
  mail: MailSender;
  sms: SmsSender;
  hasher: PasswordHasher;
  random: RandomSource;
  /** Address printed in credential e-mails. */
  systemUrl: string;
  /** Origins allowed to call the API from a browser (the booth and the public board). */
  allowedOrigins: string[];
  /** Per client IP, over every /api/voter request. Default 120 burst, 2/s. */
  perIp?: RateLimit;
  /** Per username (login) or per voter (signed-in requests). Default 20 burst, 0.2/s. */
  perVoter?: RateLimit;
  /** PostgreSQL schema of the voting read models (usernames, receipts). Default 'voting'. */
  projectionSchema?: string;
  /** Longest wait for a checkpoint covering a new ballot before answering 503. Default 30 s. */
  receiptTimeoutMs?: number;
  /** The clock (tests move it). Default the system clock. */
  clock?: () => Date;
}

export const VOTING_API_OPTIONS = Symbol('VOTING_API_OPTIONS');

/** Largest JSON body the API accepts. A ballot of the largest style of the simulacro (entity
 * 09: 4 contests, 61 options) is ~47 kB; the ledger's event limit is 60 KiB. */
export const MAX_BODY_BYTES = 128 * 1024;
