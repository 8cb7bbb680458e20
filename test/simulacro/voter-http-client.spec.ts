import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, VoterHttpClient, voterLoopbackAddress } from '../../src/simulacro/voter-http-client';

/**
 * The synthetic voter's HTTP client, as the booth behaves: a 503 or 429 with Retry-After is sent
 * again after that time; without Retry-After, or any other refusal, fails at once.
 */
describe('the synthetic voters\' HTTP client', () => {
  let server: Server;
  let base: string;
  let answers: { status: number; retryAfter?: string }[];
  let seen: { path: string; from: string; port: number }[];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', from: req.socket.remoteAddress ?? '', port: req.socket.remotePort ?? 0 });
      const next = answers.shift() ?? { status: 200 };
      if (next.retryAfter !== undefined) res.setHeader('Retry-After', next.retryAfter);
      res.statusCode = next.status;
      res.setHeader('content-type', 'application/json');
      res.end(next.status === 200 ? JSON.stringify({ challenge: 'c', electionId: 'e' }) : JSON.stringify({ error: 'SERVICE_BUSY', message: 'busy' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    answers = [];
    seen = [];
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends a request again after 503 and 429 with Retry-After', async () => {
    answers = [{ status: 503, retryAfter: '0' }, { status: 429, retryAfter: '0' }];
    await expect(new VoterHttpClient(base).loginChallenge()).resolves.toEqual({ challenge: 'c', electionId: 'e' });
    expect(seen).toHaveLength(3);
  });

  it('fails at once on a refusal without Retry-After, and on other statuses', async () => {
    answers = [{ status: 503 }];
    await expect(new VoterHttpClient(base).loginChallenge()).rejects.toThrow(ApiError);
    answers = [{ status: 400, retryAfter: '0' }];
    await expect(new VoterHttpClient(base).loginChallenge()).rejects.toMatchObject({ status: 400 });
    expect(seen).toHaveLength(2);
  });

  it('gives up after a bounded number of retries', async () => {
    answers = Array.from({ length: 100 }, () => ({ status: 503, retryAfter: '0' }));
    await expect(new VoterHttpClient(base).loginChallenge()).rejects.toMatchObject({ status: 503 });
    expect(seen.length).toBeLessThan(100);
  });

  it('with keepAlive, one voter\'s requests share one connection from its own address, which close() ends', async () => {
    const from = voterLoopbackAddress(301);
    const client = new VoterHttpClient(base, from, { keepAlive: true });
    answers = [{ status: 503, retryAfter: '0' }];
    await client.loginChallenge();
    await client.loginChallenge();
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
    if (process.platform === 'linux') expect(seen.every((s) => s.from === from)).toBe(true);
    const open = await new Promise<number>((r) => server.getConnections((_e, n) => r(n)));
    client.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await new Promise<number>((r) => server.getConnections((_e, n) => r(n)))).toBe(open - 1);
    // Without it, every request opens its own (the default, for the tests' one-off clients).
    const plain = new VoterHttpClient(base, from);
    await plain.loginChallenge();
    await plain.loginChallenge();
    expect(new Set(seen.slice(3).map((s) => s.port)).size).toBe(2);
  });

  it('connects from the voter\'s own loopback address on Linux', async () => {
    const from = voterLoopbackAddress(300);
    await new VoterHttpClient(base, from).loginChallenge();
    if (process.platform === 'linux') expect(seen[0].from).toBe(from);
    expect(new Set(Array.from({ length: 2000 }, (_, k) => voterLoopbackAddress(k))).size).toBe(process.platform === 'linux' ? 2000 : 1);
  });
});
