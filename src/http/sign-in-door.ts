/**
 * The sign-in routes' front door (issue 16 §4.1): every POST to /api/voter/login,
 * /api/voter/login/challenge and /api/voter/login/confirm holds a place in a WorkBudget
 * (work-budget.ts) from before the rate limiters until its answer is sent.
 *
 * Why in front of everything: the sign-in budget inside VoterAccessService bounds the attempt's
 * own work, but a request does database work before it gets there (the per-address and
 * per-username throttlers are counted in PostgreSQL, the election's phase is read, the name is
 * looked up). Measured with 64 made-up sign-ins in flight (bench/signin-flood.bench.ts), that
 * work alone filled the connection pool, and a real voter's sign-in took seconds. Here a flood
 * from one address is refused at once with 429 beyond its share, and a flood from many
 * addresses waits in one short queue, or is refused with 503 when that is full, before any of
 * it reaches the database. Answers carry Retry-After and the API's bilingual error shape.
 */
import type { NextFunction, Request, Response } from 'express';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { addressKey, WorkBudget, WorkRefusedError, type WorkBudgetLimits } from './work-budget';

/** Sign-in requests in progress at once, waiting, and per address (the unknown-name budget is not used here). */
export const SIGN_IN_DOOR: WorkBudgetLimits = { concurrency: 8, queue: 96, perKey: 8, unknown: 0, maxWaitMs: 1500 };

const m = messagesOf(voterApiMessages);

/** Express middleware: the request goes on within `budget`, or is refused without work. */
export function signInDoor(limits: WorkBudgetLimits = SIGN_IN_DOOR): (req: Request, res: Response, next: NextFunction) => void {
  const budget = new WorkBudget(limits);
  return (req, res, next) => {
    budget
      .run({ key: addressKey(req.ip) }, () => new Promise<void>((done) => {
        // The place is held until the answer is sent or the client goes away.
        res.once('finish', () => done());
        res.once('close', () => done());
        next();
      }))
      .catch((err: unknown) => {
        if (!(err instanceof WorkRefusedError)) return next(err);
        const wait = err.retryAfterSeconds;
        const busy = err.reason === 'busy';
        const text = busy ? m.pair('error.busy', { wait }) : m.pair('error.rateLimited', { wait });
        res.setHeader('Retry-After', String(wait));
        res.status(busy ? 503 : 429).json({ error: busy ? 'SERVICE_BUSY' : 'RATE_LIMITED', message: text.en, mensaje: text.es });
      });
  };
}
