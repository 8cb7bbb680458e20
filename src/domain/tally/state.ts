import type { PartialDecryption } from '../crypto/tally/tally-wire';
import type { HexOptionTotal, TallyEvent } from './events';

export type TallyPhase = 'not-started' | 'halted' | 'started' | 'completed';

export interface TallyState {
  phase: TallyPhase;
  threshold: number;
  ballots: number;
  /** BallotBoxExported.sha256 as TallyStarted recorded it (closingBallotBoxHash): what every
   * partial decryption proof binds. */
  ballotBoxHash: string;
  /** Contests to publish, in manifest order. */
  contests: string[];
  totals: Map<string, HexOptionTotal[]>;
  /** contest → ballots holding it (EncryptedTallyComputed.ballots), bound into the proofs. */
  contestBallots: Map<string, number>;
  /** contest → trustee → accepted partial decryptions. */
  partials: Map<string, Map<number, PartialDecryption[]>>;
  rejectedTrustees: Set<number>;
  results: Map<string, { optionId: string; count: number }[]>;
  actaIssued: boolean;
  manifestIssued: boolean;
}

export const initialTallyState = (): TallyState => ({
  phase: 'not-started',
  threshold: 0,
  ballots: 0,
  ballotBoxHash: '',
  contests: [],
  totals: new Map(),
  contestBallots: new Map(),
  partials: new Map(),
  rejectedTrustees: new Set(),
  results: new Map(),
  actaIssued: false,
  manifestIssued: false,
});

/** Folds events into a fresh copy of the parts that change (states are never mutated). */
export function evolveTally(state: TallyState, event: TallyEvent): TallyState {
  switch (event.type) {
    case 'TallyStarted':
      return {
        ...state, phase: event.data.matchesClosing ? 'started' : 'halted', threshold: event.data.threshold, ballots: event.data.ballots,
        ballotBoxHash: event.data.closingBallotBoxHash, contests: event.data.contests,
      };
    case 'EncryptedTallyComputed':
      return {
        ...state,
        totals: new Map(state.totals).set(event.data.contestId, event.data.options),
        contestBallots: new Map(state.contestBallots).set(event.data.contestId, event.data.ballots),
      };
    case 'PartialDecryptionPosted': {
      // A version 1 event (no ballotBoxHash: its proofs bound no ballot box) counts for nothing:
      // never combined, and the trustee may post again under version 2.
      if (typeof (event.data as { ballotBoxHash?: unknown }).ballotBoxHash !== 'string') return state;
      const partials = new Map(state.partials);
      partials.set(event.data.contestId, new Map(partials.get(event.data.contestId) ?? []).set(event.data.trusteeIndex, event.data.partials));
      return { ...state, partials };
    }
    case 'PartialDecryptionRejected':
      return { ...state, rejectedTrustees: new Set(state.rejectedTrustees).add(event.data.trusteeIndex) };
    case 'ResultsPublished':
      return { ...state, results: new Map(state.results).set(event.data.contestId, event.data.counts) };
    case 'TallyCompleted':
      return { ...state, phase: 'completed' };
    case 'ActaIssued':
      return { ...state, actaIssued: true };
    case 'PreservationManifestIssued':
      return { ...state, manifestIssued: true };
  }
}
