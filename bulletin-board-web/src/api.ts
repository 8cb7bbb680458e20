/**
 * The browser's HTTP client for the board and the booth. Server errors arrive as
 * {error, message (en), mensaje (es)}; they become an ApiError whose text follows the page's
 * language.
 */
import { pair } from '../../src/messages/catalog';
import { webMessages } from '../../src/messages/web.messages';
import { language } from './i18n';

export class ApiError extends Error {
  /** `details`: the refusal's facts (e.g. the tries left for a code), for the page to act on. */
  constructor(readonly status: number, readonly code: string, readonly en: string, readonly es: string, readonly details?: unknown) {
    super(en);
    this.name = 'ApiError';
  }

  /** The message in the page's current language. */
  text(): string {
    return language() === 'es' ? this.es : this.en;
  }
}

async function fail(res: Response): Promise<never> {
  let body: { error?: string; message?: unknown; mensaje?: unknown; details?: unknown } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through with a generic message
  }
  const en = typeof body.message === 'string' ? body.message : Array.isArray(body.message) ? body.message.join('; ') : `HTTP ${res.status}`;
  const es = typeof body.mensaje === 'string' ? body.mensaje : en;
  throw new ApiError(res.status, body.error ?? `http_${res.status}`, en, es, body.details);
}

async function request(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    const unreachable = pair(webMessages, 'error.network');
    throw new ApiError(0, 'network', unreachable.en, unreachable.es);
  }
  if (!res.ok) await fail(res);
  return res;
}

export async function getJson<T>(path: string, token?: string): Promise<T> {
  return (await request('GET', path, undefined, token)).json() as Promise<T>;
}

export async function getText(path: string): Promise<string> {
  return (await request('GET', path)).text();
}

export async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await request('POST', path, body, token);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
