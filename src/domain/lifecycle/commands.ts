import type { ElectionOpened } from './events';

/**
 * Commands of the lifecycle. What they need from other parts of the election (configuration,
 * ratifications, ceremony, roll) is gathered by the application layer and passed in as facts,
 * so `decide` stays pure.
 */
/** Opening records the facts of ElectionOpened (its `openedAt` is the command's `now`), after
 * checking what opening needs from the rest of the election. */
export type OpenElection = { type: 'OpenElection' } & Omit<ElectionOpened['data'], 'openedAt'> & {
  /** Entities or bodies whose ratification is still missing (opening needs none). */
  missingRatifications: string[];
  ceremonyCompleted: boolean;
  /** Fact: the configuration stream holds ConfigurationLockedForOpening, so it can no longer change. */
  configurationLocked: boolean;
  /** Fact: the credential authority's signed list of public credentials is published for the
   * current roll (docs/spec/credentials.md): without it no ballot could be signed by a listed
   * credential, and a list published later could not be the one the opening report fingerprints. */
  credentialListPublished: boolean;
  now: string;
};

export interface StartVoting {
  type: 'StartVoting';
  electionId: string;
  now: string;
}

export interface CloseVoting {
  type: 'CloseVoting';
  electionId: string;
  now: string;
  /** Only for a simulacro (a mock election): close before the configured instant because
   * every synthetic voter has cast. Recorded in VotingClosed as such. */
  simulacroEarlyClose?: { isSimulacro: boolean; reason: string };
}

export interface RecordBallotBoxExport {
  type: 'RecordBallotBoxExport';
  electionId: string;
  ballots: number;
  sha256: string;
  checkpoint: { size: number; rootHash: string; note: string };
  now: string;
}

export type LifecycleCommand = OpenElection | StartVoting | CloseVoting | RecordBallotBoxExport;
