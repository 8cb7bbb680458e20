/**
 * One voter's way to a cast over HTTP, for the failover test and the replicated casting bench:
 * sign-in (challenge, SMS code from the outbox, confirm), the ballot encrypted in this process,
 * a cast code; `prepare` returns the cast itself, to be sent when the caller wants (a burst).
 */
import request from 'supertest';
import type { TestVoter } from '../../support/open-election';
import { encryptFor, lastSmsCode, loginBody, smsCount } from '../../voting/support/voter-client';

/** A refusal on the way (the helpers of voter-client expect the happy path). */
export class Refused extends Error {
  constructor(readonly status: number, readonly code: string | undefined, readonly headers: Record<string, string> = {}) {
    super(`HTTP ${status} ${code ?? ''}`);
  }
}

function ok<T extends { status: number; body: { error?: string }; headers: Record<string, string> }>(res: T, status: number): T {
  if (res.status !== status) throw new Refused(res.status, res.body?.error, res.headers);
  return res;
}

export type Cast = () => Promise<request.Response>;

export function voterPath(url: string, outboxDir: string) {
  const prepare = async (voter: TestVoter): Promise<Cast> => {
    const before = await smsCount(outboxDir, voter.record.mobilePhone);
    const login = ok(await request(url).post('/api/voter/login').send(await loginBody(url as never, voter.username, voter.password)), 200);
    const code = await lastSmsCode(outboxDir, voter.record.mobilePhone, before);
    const token = ok(await request(url).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }), 200).body.sessionToken as string;
    const ballot = ok(await request(url).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`), 200).body;
    const { ballot: encrypted, cast } = encryptFor(ballot);
    const sent = await smsCount(outboxDir, voter.record.mobilePhone);
    const challenge = ok(await request(url).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`), 200).body.challengeId as string;
    const castCode = await lastSmsCode(outboxDir, voter.record.mobilePhone, sent);
    return () => request(url).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: encrypted, ...cast, challengeId: challenge, code: castCode });
  };
  /** prepare, waiting out a 429 (the service's sign-in budgets) instead of failing. */
  const prepareWaiting = async (voter: TestVoter): Promise<Cast> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await prepare(voter);
      } catch (err) {
        if (!(err instanceof Refused && err.status === 429) || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, Math.min(Number(err.headers['retry-after'] ?? 1), 5) * 1000));
      }
    }
  };
  return { prepare, prepareWaiting };
}
