/**
 * The rule behind "the process never dies": a connection checked out of the pool (a transaction,
 * LISTEN, the log's append) whose server side goes away must not end the process. The test
 * terminates the backend of such a connection in a child process (pg_terminate_backend: the
 * same "terminating connection" a stopped or killed server sends) and expects the child to
 * report the loss, reconnect through the same pool, and exit 0.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { isConnectionLoss } from '../../src/ledger/postgres/connection-loss';
import { requireDatabaseUrl } from '../support/postgres';
import { ROOT } from './support/fault-processes';

jest.setTimeout(60_000);

describe('guarded pool', () => {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 1 });
  afterAll(() => pool.end());

  it('survives the loss of a checked-out connection and connects again', async () => {
    const child = spawn(process.execPath, ['-r', 'urna-ts-register', 'test/faults/support/held-client.ts'], {
      cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const lines: string[] = [];
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    const held = await new Promise<number>((ok, fail) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const m = /^held (\d+)$/.exec(line);
        if (m) ok(Number(m[1]));
      });
      child.on('exit', () => fail(new Error(`child exited early: ${stderr}`)));
    });
    await pool.query('SELECT pg_terminate_backend($1)', [held]);
    const code = await exited;
    expect(stderr).not.toMatch(/Unhandled 'error' event/);
    expect(code).toBe(0);
    expect([...new Set(lines)]).toEqual([`held ${held}`, 'lost', 'reconnected']);
  });

  it('tells a lost server from an error in the request', () => {
    expect(isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isConnectionLoss(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    // Errors in what was asked keep their meaning (a 4xx or a 500, never a 503).
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('canceling statement due to user request'), { code: '57014' }))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: 'UR001' }))).toBe(false);
    expect(isConnectionLoss(new Error('ALREADY_VOTED'))).toBe(false);
    expect(isConnectionLoss(undefined)).toBe(false);
  });
});
