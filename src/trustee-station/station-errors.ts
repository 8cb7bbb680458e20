import { joinBoth, pair, type Bilingual } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';

type StationKey = keyof typeof trusteeStationMessages & string;

/** A refusal of the trustee station: a stable code and its message from the station's catalog
 * (src/messages/trustee-station.messages.ts), es-MX first, then English. */
export class StationError extends Error {
  readonly text: Bilingual;
  constructor(readonly code: string, key: StationKey, params?: Record<string, unknown>) {
    const text = (pair as (c: typeof trusteeStationMessages, k: string, p?: unknown) => Bilingual)(trusteeStationMessages, key, params);
    super(joinBoth(text));
    this.name = 'StationError';
    this.text = text;
  }
}

/** The service refused a submission (HTTP status, its stable code, its pair): printed as is. */
export class ServiceRefusedError extends Error {
  constructor(readonly status: number, readonly code: string, readonly text: Bilingual) {
    super(joinBoth(text));
    this.name = 'ServiceRefusedError';
  }
}
