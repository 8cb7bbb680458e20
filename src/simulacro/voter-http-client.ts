/**
 * A voter's side of the HTTP API (docs: OpenAPI at /docs), as the simulacro's synthetic voters
 * use it: the same requests the booth makes from a browser.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Receipt, VoterBallot as BallotResponse } from '../voting/voter-api-types';
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`${status} ${code}: ${message}`);
    this.name = 'ApiError';
  }
}

export type { Receipt, VoterBallot as BallotResponse } from '../voting/voter-api-types';

export class VoterHttpClient {
  private session?: string;

  /**
   * `localAddress`: the loopback address this voter connects from (127.x.y.z on Linux), so that
   * a thousand synthetic voters are a thousand clients to the service's per-address limits, as
   * real voters would be, and none waits behind another's Retry-After.
   */
  constructor(private readonly baseUrl: string, private readonly localAddress?: string, options: { keepAlive?: boolean } = {}) {
    // As a browser does: the voter's requests reuse one connection. Each new connection cost
    // the service (the simulacro's own thread) an accept, a handshake and a close per request.
    this.agent = options.keepAlive ? new Agent({ keepAlive: true, maxSockets: 1 }) : undefined;
  }

  private readonly agent: Agent | undefined;

  /** Closes the kept connection, if any (the client is not used afterwards). */
  close(): void {
    this.agent?.destroy();
  }

  /** A fresh sign-in challenge and the election's id (the credential key is derived for it). */
  loginChallenge(): Promise<{ challenge: string; electionId: string }> {
    return this.post('/api/voter/login/challenge', {});
  }

  /** The proof of possession: the challenge signed with the credential key; the password is never sent. */
  async login(username: string, proof: { challenge: string; signature: string }): Promise<{ challengeId: string }> {
    return this.post('/api/voter/login', { username, ...proof });
  }

  async confirmLogin(challengeId: string, code: string): Promise<void> {
    const res = await this.post<{ sessionToken: string }>('/api/voter/login/confirm', { challengeId, code });
    this.session = res.sessionToken;
  }

  ballot(): Promise<BallotResponse> {
    return this.request('GET', '/api/voter/ballot');
  }

  /** The binding nonce is checked against the session's pseudonym and never published. */
  spoil(spoiled: unknown, bindingNonce: string): Promise<{ trackingCode: string }> {
    return this.post('/api/voter/spoil', { spoiled, bindingNonce });
  }

  requestCastCode(): Promise<{ challengeId: string }> {
    return this.post('/api/voter/cast/code', {});
  }

  /** `signed`: the binding nonce, the public credential and its signature over the ballot (only a cast ballot carries them). */
  cast(ballot: unknown, signed: { bindingNonce: string; credential: string; signature: string }, challengeId: string, code: string): Promise<Receipt> {
    return this.post('/api/voter/cast', { ballot, ...signed, challengeId, code });
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (this.session) headers.authorization = `Bearer ${this.session}`;
    let answer = await send(new URL(this.baseUrl + path), method, headers, payload, this.localAddress, this.agent);
    // As the booth does: a 503 (busy) or 429 (over a limit) with Retry-After recorded nothing,
    // so the same request is sent again after the time the service asked for.
    for (let retry = 0; retry < MAX_RETRIES && (answer.status === 503 || answer.status === 429) && answer.retryAfter !== undefined; retry++) {
      await new Promise((r) => setTimeout(r, answer.retryAfter! * 1000));
      answer = await send(new URL(this.baseUrl + path), method, headers, payload, this.localAddress, this.agent);
    }
    const { status, text } = answer;
    const json = text ? JSON.parse(text) : undefined;
    if (status < 200 || status >= 300) throw new ApiError(status, json?.error ?? 'HTTP_ERROR', json?.message ?? text);
    return json as T;
  }
}

/** How many times one request is sent again after a 503 or 429 with Retry-After. */
const MAX_RETRIES = 30;

/** One request over node:http (fetch cannot choose the address a connection leaves from). */
function send(url: URL, method: string, headers: Record<string, string>, payload: Buffer | undefined, localAddress?: string, agent?: Agent): Promise<{ status: number; text: string; retryAfter?: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const wait = Number(res.headers['retry-after']);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: Number.isFinite(wait) && wait >= 0 ? wait : undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The k-th synthetic voter's loopback address: 127.0.0.0/8 is all local on Linux, so each voter
 * can connect from its own. Elsewhere (macOS has only 127.0.0.1) every voter shares the default.
 */
export function voterLoopbackAddress(k: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const n = k + 2; // from 127.1.0.2: never 127.0.0.1, the service's own
  return `127.${1 + ((n >> 16) % 254)}.${(n >> 8) & 255}.${n & 255}`;
}
