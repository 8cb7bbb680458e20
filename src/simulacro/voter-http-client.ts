/**
 * A voter's side of the HTTP API (docs: OpenAPI at /docs), as the simulacro's synthetic voters
 * use it: the same requests the booth makes from a browser.
 */
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

  constructor(private readonly baseUrl: string) {}

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
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.session) headers.authorization = `Bearer ${this.session}`;
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, json?.error ?? 'HTTP_ERROR', json?.message ?? text);
    return json as T;
  }
}
