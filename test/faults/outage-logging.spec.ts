/**
 * During a database outage the log must say so once, not once per request (issue 16 §3): the
 * error filters of the voter, log and monitoring APIs answer a lost database (and a shed
 * request) with 503 and log no stack trace; a real fault still logs its stack; and
 * DatabaseAvailability logs one line when the outage starts and one when it ends, however many
 * requests met it.
 */
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { LogErrorFilter } from '../../src/bulletin-board/log-http-errors';
import { DatabaseAvailability } from '../../src/faults/database-availability';
import { DatabaseUnavailableException } from '../../src/faults/database-unavailable';
import { WorkRefusedError } from '../../src/http/work-budget';
import { MonitoringErrorFilter } from '../../src/monitoring-accounts/monitoring-errors';
import { VotingErrorFilter } from '../../src/voting/voting-errors';

function host() {
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (k: string, v: string) => (sent.headers[k.toLowerCase()] = v),
    getHeader: (k: string) => sent.headers[k.toLowerCase()],
    removeHeader: (k: string) => delete sent.headers[k.toLowerCase()],
    status: (s: number) => ((sent.status = s), res),
    json: () => res,
    end: () => res,
    type: () => res,
    send: () => res,
  };
  return { sent, host: { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ url: '/x' }) }) } as unknown as ArgumentsHost };
}

const lostConnection = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('logging during a database outage', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it.each([
    ['voter API', () => new VotingErrorFilter()],
    ['log API', () => new LogErrorFilter()],
    ['monitoring API', () => new MonitoringErrorFilter()],
  ])('the %s answers a lost database with 503 and logs no stack, a hundred times over', (_name, filter) => {
    const f = filter();
    for (let i = 0; i < 100; i++) {
      for (const err of [new DatabaseUnavailableException(lostConnection()), lostConnection()]) {
        const { sent, host: h } = host();
        f.catch(err, h);
        expect(sent.status).toBe(503);
      }
    }
    expect(errors).not.toHaveBeenCalled();
    // A real fault is still logged with its stack.
    const { sent, host: h } = host();
    f.catch(new TypeError('cannot read properties of undefined'), h);
    expect(sent.status).toBeGreaterThanOrEqual(500);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][0])).toContain('TypeError');
  });

  it('the voter API logs no stack for a shed request (503 busy)', () => {
    const { sent, host: h } = host();
    new VotingErrorFilter().catch(new WorkRefusedError('busy', 2), h);
    expect(sent.status).toBe(503);
    expect(errors).not.toHaveBeenCalled();
  });

  it('DatabaseAvailability logs one line when an outage starts and one when it ends', () => {
    const lines: string[] = [];
    const availability = new DatabaseAvailability(() => new Promise(() => undefined), { log: (_level, line) => lines.push(line) });
    try {
      for (let i = 0; i < 500; i++) availability.reportLoss(lostConnection());
      availability.reportReachable();
      availability.reportReachable();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^PostgreSQL unreachable/);
      expect(lines[1]).toMatch(/^PostgreSQL reachable again after/);
    } finally {
      availability.stop();
    }
  });
});
