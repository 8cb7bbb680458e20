/**
 * The station talking to the service over HTTP: GET the ceremony or tally as the service shows
 * it, POST each signed submission. The service's refusals come back as ServiceRefusedError with
 * the service's own code and message in both languages.
 */
import type { CeremonyView } from '../domain/ceremony/ceremony-view';
import type { CeremonySubmission, TallySubmission } from '../domain/ceremony/trustee-submission';
import type { BallotBoxBytes } from '../tally/ballot-box-bytes';
import type { TallyView } from '../tally/trustee-tally-view';
import type { CeremonyPort } from './ceremony-station';
import { pair } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { ServiceRefusedError, StationError } from './station-errors';
import type { TallyPort } from './tally-station';

const base = (url: string) => url.replace(/\/+$/, '');

/** One request; a GET that fails on the network is tried again (twice, after 0.5 s and 1 s). A
 * POST is not: the ceremony loop and the tally station (submitPatiently) read the state again
 * instead, since a copy of a message that did arrive is refused as already taken. */
async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response | undefined;
  for (let attempt = 1; !response; attempt++) {
    try {
      response = await fetch(url, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      if (init?.method === 'POST' || attempt >= 3) {
        throw new StationError('STATION_SERVICE_UNREACHABLE', 'station.error.unreachable', { url, reason: `${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}` });
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  const text = await response.text();
  if (!response.ok) {
    let body: { error?: string; message?: string; mensaje?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not the service's JSON error shape: reported with the status alone
    }
    throw new ServiceRefusedError(response.status, body.error ?? `HTTP_${response.status}`, { es: body.mensaje ?? text.slice(0, 200), en: body.message ?? text.slice(0, 200) });
  }
  return JSON.parse(text) as T;
}

const post = (url: string, body: unknown) => call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export class HttpCeremonyPort implements CeremonyPort {
  constructor(private readonly service: string, private readonly electionId: string) {}
  view(): Promise<CeremonyView> {
    return call(`${base(this.service)}/api/trustee/ceremony?election=${encodeURIComponent(this.electionId)}`);
  }
  async submit(submission: CeremonySubmission): Promise<void> {
    await post(`${base(this.service)}/api/trustee/ceremony`, submission);
  }
}

/** How often the station asks again for the box while the board says it is busy, and the longest pause it accepts. */
export const BOX_DOWNLOAD_ATTEMPTS = 12;
const LONGEST_PAUSE_MS = 30_000;

export interface HttpTallyPortOptions {
  /** How the station waits between attempts (tests record the pauses instead). */
  pause?: (ms: number) => Promise<void>;
}

async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // A reader that stops early (a refusal) lets the connection go.
    await reader.cancel().catch(() => undefined);
  }
}

export class HttpTallyPort implements TallyPort {
  private readonly pause: (ms: number) => Promise<void>;
  constructor(
    private readonly service: string,
    private readonly electionId: string,
    private readonly ballotBoxFile?: () => Promise<BallotBoxBytes>,
    options: HttpTallyPortOptions = {},
  ) {
    this.pause = options.pause ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }
  view(): Promise<TallyView> {
    return call(`${base(this.service)}/api/trustee/tally?election=${encodeURIComponent(this.electionId)}`);
  }
  /**
   * The closing's file when the trustee was given it, else the board's download. The board runs
   * only a few downloads per address at once (trustees in one room share an address) and per
   * instance: a 429 or 503 is waited out as its Retry-After says, then asked again. The body is
   * handed on as it arrives (a box of 10^5 ballots is ~3.4 GB); a connection lost half way fails
   * the read, and a cut box fails its hash.
   */
  async ballotBox(): Promise<BallotBoxBytes> {
    if (this.ballotBoxFile) return this.ballotBoxFile();
    const url = `${base(this.service)}/api/board/ballot-box.jsonl`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url);
      } catch (err) {
        throw new StationError('STATION_SERVICE_UNREACHABLE', 'station.error.unreachable', { url, reason: (err as Error).message });
      }
      if (response.ok) return bodyChunks(response);
      await response.body?.cancel();
      const busy = response.status === 429 || response.status === 503;
      if (!busy || attempt >= BOX_DOWNLOAD_ATTEMPTS) {
        throw new ServiceRefusedError(response.status, 'BALLOT_BOX_UNAVAILABLE', pair(trusteeStationMessages, 'station.error.download', { url, status: response.status }));
      }
      const seconds = Number(response.headers.get('retry-after'));
      await this.pause(Math.min(LONGEST_PAUSE_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000));
    }
  }
  async submit(submission: TallySubmission): Promise<void> {
    await post(`${base(this.service)}/api/trustee/tally`, submission);
  }
}
