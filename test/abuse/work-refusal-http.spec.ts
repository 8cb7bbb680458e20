/**
 * What a voter reads when the work budget refuses (src/voting/voting-errors.ts): one client's
 * share spent → 429 RATE_LIMITED; the whole service's → 503 SERVICE_BUSY; both in Spanish and
 * English, saying when to try again, with the same number in Retry-After.
 */
import type { ArgumentsHost } from '@nestjs/common';
import { WorkRefusedError } from '../../src/http/work-budget';
import { toVotingHttpError, VotingErrorFilter } from '../../src/voting/voting-errors';

function answer(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const res = {
    setHeader: (k: string, v: string) => (sent.headers[k.toLowerCase()] = v),
    getHeader: (k: string) => sent.headers[k.toLowerCase()],
    status: (s: number) => ((sent.status = s), res),
    json: (b: Record<string, unknown>) => ((sent.body = b), res),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new VotingErrorFilter().catch(exception, host);
  return sent;
}

describe('work refusals over HTTP', () => {
  it('answers a spent global budget with 503, a plain bilingual message and Retry-After', () => {
    const sent = answer(new WorkRefusedError('busy', 2));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('2');
    expect(sent.body).toMatchObject({ error: 'SERVICE_BUSY' });
    expect(sent.body!.mensaje).toMatch(/intente de nuevo en 2 s/);
    expect(sent.body!.message).toMatch(/try again in 2 s/);
  });

  it('answers a spent per-address budget with 429 RATE_LIMITED and Retry-After', () => {
    const sent = answer(new WorkRefusedError('key', 1));
    expect(sent.status).toBe(429);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(sent.body!.mensaje).toMatch(/intente de nuevo en 1 s/);
  });

  it('never turns a refusal into a 500 INTERNAL_ERROR', () => {
    for (const reason of ['key', 'busy', 'unknown'] as const) {
      const e = toVotingHttpError(new WorkRefusedError(reason, 1));
      expect([429, 503]).toContain(e.status);
      expect(e.code).not.toBe('INTERNAL_ERROR');
    }
  });
});
