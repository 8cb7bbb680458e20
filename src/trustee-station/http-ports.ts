/**
 * The station talking to the service over HTTP: GET the ceremony or tally as the service shows
 * it, POST each signed submission. The service's refusals come back as ServiceRefusedError with
 * the service's own code and message in both languages.
 */
import type { CeremonyView } from '../domain/ceremony/ceremony-view';
import type { CeremonySubmission, TallySubmission } from '../domain/ceremony/trustee-submission';
import type { TallyView } from '../tally/trustee-tally-view';
import type { CeremonyPort } from './ceremony-station';
import { pair } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { ServiceRefusedError, StationError } from './station-errors';
import type { TallyPort } from './tally-station';

const base = (url: string) => url.replace(/\/+$/, '');

/** One request; a GET that fails on the network is tried again (twice, after 0.5 s and 1 s). A
 * POST is not: the ceremony loop reads the state again instead, and a copy that did arrive is
 * refused as already taken. */
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

export class HttpTallyPort implements TallyPort {
  constructor(private readonly service: string, private readonly electionId: string, private readonly ballotBoxFile?: () => Promise<Uint8Array>) {}
  view(): Promise<TallyView> {
    return call(`${base(this.service)}/api/trustee/tally?election=${encodeURIComponent(this.electionId)}`);
  }
  /** The closing's file when the trustee was given it, else the board's download. */
  async ballotBox(): Promise<Uint8Array> {
    if (this.ballotBoxFile) return this.ballotBoxFile();
    const url = `${base(this.service)}/api/board/ballot-box.jsonl`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new StationError('STATION_SERVICE_UNREACHABLE', 'station.error.unreachable', { url, reason: (err as Error).message });
    }
    if (!response.ok) throw new ServiceRefusedError(response.status, 'BALLOT_BOX_UNAVAILABLE', pair(trusteeStationMessages, 'station.error.download', { url, status: response.status }));
    return new Uint8Array(await response.arrayBuffer());
  }
  async submit(submission: TallySubmission): Promise<void> {
    await post(`${base(this.service)}/api/trustee/tally`, submission);
  }
}
