/**
 * The sign-in routes' front door (issue 16 §4.1): every POST to /api/voter/login,
 * /api/voter/login/challenge and /api/voter/login/confirm holds a place in a WorkBudget
 * (work-budget.ts) from before the rate limiters until its answer is sent.
 *
 * It is the first thing Express runs for those routes after the security headers and CORS
 * (installSignInDoor, called by applyVotingHttpSettings): before the JSON body is read and
 * parsed and before Nest's routing, guards and pipes. A refused request costs a header parse
 * and a short JSON answer; as Nest middleware, after the body parser, each refusal of a flood
 * also paid for the body and Nest's request pipeline (bench/signin-flood.bench.ts).
 *
 * Why in front of everything: the sign-in budget inside VoterAccessService bounds the attempt's
 * own work, but a request does database work before it gets there (the per-address and
 * per-username throttlers are counted in PostgreSQL, the election's phase is read, the name is
 * looked up). A flood from one address would fill the connection pool with that work. Here it
 * is refused at once with 429 beyond the address's share, before any of it reaches the
 * database; the whole door holds a bounded number of requests (503 beyond). Answers carry
 * Retry-After and the API's bilingual error shape.
 */
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { messagesOf } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import { VOTING_API_OPTIONS, type VotingApiOptions } from '../voting/voting-api.options';
import { addressKey, WorkBudget, WorkRefusedError, type WorkBudgetLimits } from './work-budget';

/**
 * Per address, 16 sign-in requests in progress at once (voters behind one NAT sign in together);
 * beyond, 429 before any database work. In all, 256 at once; beyond, 503. No queue: a FIFO queue
 * here would put a real voter behind every stranger's request (measured: bench/signin-flood.bench.ts),
 * since nothing here tells a real name from a made-up one. That is told further in, where the
 * sign-in work budget (SIGN_IN_WORK) queues the attempts and caps the made-up names.
 */
export const SIGN_IN_DOOR: WorkBudgetLimits = { concurrency: 256, queue: 0, perKey: 16, unknown: 0, maxWaitMs: 3000 };

const m = messagesOf(voterApiMessages);

/** The sign-in routes, as Express mounts them: each path and everything under it. */
const SIGN_IN_PATH = '/api/voter/login';

/**
 * Puts the door in front of the sign-in routes of an app that has the voting API (its
 * `work.door` limits, SIGN_IN_DOOR by default); an app without one gets nothing. Call it before
 * the body parser.
 */
export function installSignInDoor(app: INestApplication): void {
  let options: VotingApiOptions;
  try {
    options = app.get<VotingApiOptions>(VOTING_API_OPTIONS, { strict: false });
  } catch {
    return; // no voting module: no sign-in routes
  }
  const door = signInDoor(options.work?.door);
  app.use(SIGN_IN_PATH, (req: Request, res: Response, next: NextFunction) => (req.method === 'POST' ? door(req, res, next) : next()));
}

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
