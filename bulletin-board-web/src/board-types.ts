/** What the board's read API returns (src/projections/*), as the pages use it. */
export interface ElectionSummary {
  electionId: string;
  name?: string;
  timezone?: string;
  phase: string;
  votingOpensAt?: string;
  votingClosesAt?: string;
  startedAt?: string;
  closedAt?: string;
  publicKey?: string;
  manifestHash?: string;
  ballotBoxHash?: string;
  entities: { code: string; name: string }[];
  contests: { id: string; label: string; scope: string; entity: string | null; options: { id: string; label: string; candidate: string | null }[] }[];
  resultsPublished?: boolean;
  acta?: { jsonSha256: string; pdfSha256?: string; issuedAt: string; position: number };
}

export interface Turnout {
  rollSize: number;
  ballots: number;
  spoiled: number;
  byEntity: Record<string, number>;
  rollByEntity: Record<string, number>;
  byHour: { hour: string; ballots: number }[];
  byEntityHour?: { hour: string; entity: string; ballots: number }[];
  asOfPosition: number;
}

export interface Monitoring {
  at: string;
  ledgerHead: number;
  projections: { name: string; position: number; lag: number; error?: string }[];
  log: null | { size: number; lag: number; checkpoint: null | { size: number; createdAt: string; ageSeconds: number; unsignedLeaves: number } };
}

export interface Results {
  complete: boolean;
  ballots: number | null;
  completedAt: string | null;
  contests: { contestId: string; counts: { optionId: string; count: number }[]; trustees: number[] }[];
}

export interface Contact {
  authority?: string;
  email?: string;
  phone?: string;
  url?: string;
  privacyUrl?: string;
}

export type Availability = { available: true; sha256?: string; bytes?: number; built?: 'packaged' | 'on-request' } | { available: false; reason: string };

export interface Downloads {
  electionId: string;
  actaPdf: Availability;
  actaJson: Availability;
  record: Availability;
}
