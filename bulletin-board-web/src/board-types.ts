/**
 * What the board's read API returns, as the pages use it: the server's own definitions
 * (src/projections/*), imported as types only, so the page and the API cannot drift apart and
 * nothing of the server's code reaches the browser bundle.
 */
export type { ElectionSummary } from '../../src/projections/election-summary';
export type { TurnoutView as Turnout, PublishedResults as Results } from '../../src/projections/board-queries';
export type { MonitoringView as Monitoring } from '../../src/projections/monitoring';
export type { BoardContact as Contact } from '../../src/projections/board-contact';

export type Availability = { available: true; sha256?: string; bytes?: number; built?: 'packaged' | 'on-request' } | { available: false; reason: string };

export interface Downloads {
  electionId: string;
  actaPdf: Availability;
  actaJson: Availability;
  record: Availability;
}
