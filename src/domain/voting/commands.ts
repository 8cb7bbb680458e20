/**
 * Casting a ballot. The application layer checks the ballot's proofs (pure crypto, but too
 * costly to redo on every retry) and the voter's session, and passes the outcome as facts.
 */
export interface CastBallot {
  type: 'CastBallot';
  electionId: string;
  pseudonym: string;
  /** The ballot style the voter is entitled to (from the roll). */
  entitledStyleId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** Whether the ballot carries this voter's pseudonym and its proofs verified. */
  ballotVerified: boolean;
  votingPhase: 'not-opened' | 'opened' | 'voting' | 'closed' | 'exported';
  votingClosesAt?: string;
  now: string;
}

export interface SpoilBallot {
  type: 'SpoilBallot';
  electionId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  disclosure: unknown;
  disclosureVerified: boolean;
  now: string;
}

export type VotingCommand = CastBallot | SpoilBallot;
