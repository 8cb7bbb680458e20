/**
 * Voting's commands (docs/spec/crypto.md, "Cast or spoiled, never both"). A ballot is either
 * cast or spoiled, never both: both facts of a voter are decided on ONE stream, the voter's
 * sealed ballot stream (voterBallotsStream), so the ledger's expected revision serializes them
 * under any race. Each fact is then published on its own public stream, with nothing of the
 * voter on a spoiled ballot's (PublishSpoiledBallot).
 *
 * The application layer checks the ballot's proofs and the disclosure (pure crypto, but too
 * costly to redo on every retry) and the voter's session, and passes the outcome as facts.
 */
export interface CastBallot {
  type: 'CastBallot';
  electionId: string;
  pseudonym: string;
  /** Opens the ballot's voterBinding to the pseudonym and credential; published with the ballot. */
  bindingNonce: string;
  /** The public credential the ballot is signed with (64 hex digits), as the booth sent it. */
  credential: string;
  /** The voter's signature on the ballot (128 hex digits); `ballotVerified` covers it. */
  signature: string;
  /** From the credential authority's public list: where `credential` stands. */
  credentialStatus: 'active' | 'revoked' | 'unlisted';
  /** The ballot style the voter is entitled to (from the roll). */
  entitledStyleId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** Whether the ballot's voter binding opens to this pseudonym and credential, the signature is
   * the credential's over the ballot, and its proofs verified. */
  ballotVerified: boolean;
  /**
   * Whether any α or β of the ballot is one of a spoiled ballot already published for the
   * election (of any voter): its disclosure publishes the nonce. The voter's own spoiled
   * ballots are checked by the decider itself, atomically, from the voter's stream.
   */
  reusesPublishedSpoiledCiphertext: boolean;
  votingPhase: 'not-opened' | 'opened' | 'voting' | 'closed' | 'exported';
  votingClosesAt?: string;
  now: string;
}

/** Publishes the cast ballot (public BallotCast) once the voter's stream recorded it. */
export interface PublishCastBallot {
  type: 'PublishCastBallot';
  electionId: string;
  pseudonym: string;
  bindingNonce: string;
  credential: string;
  signature: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** The trackingCode of the BallotCastByVoter on the voter's stream (undefined: none). */
  recordedTrackingCode: string | undefined;
  castAt: string;
}

/** A Benaloh audit: the voter spoils a ballot they did not cast, under their session. */
export interface SpoilBallot {
  type: 'SpoilBallot';
  electionId: string;
  pseudonym: string;
  /** Kept sealed: it would link the published spoiled ballot to the pseudonym. */
  bindingNonce: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  /** Whether the disclosure audits and the ballot's voter binding opens to this voter. */
  disclosureVerified: boolean;
  /**
   * Whether any α of the ballot is the α of a ballot already cast in the election (by any
   * voter): its disclosure would publish that cast ciphertext's nonce and open a counted vote.
   * Absent is read as false: only what the service found is refused.
   */
  disclosesCastCiphertext?: boolean;
  now: string;
}

/** Publishes an audited ballot and its disclosure, with nothing that names the voter. */
export interface PublishSpoiledBallot {
  type: 'PublishSpoiledBallot';
  electionId: string;
  styleId: string;
  trackingCode: string;
  ballot: unknown;
  disclosure: unknown;
  /** Whether the voter's stream holds a BallotSpoiledByVoter with this tracking code. */
  recordedByVoter: boolean;
  now: string;
}

/**
 * The voter's public credential, from the credential authority's sealed mapping (pseudonym →
 * public credential), recorded on the voter's sealed ballot stream: the stream that decides
 * casting also knows, atomically, which credential may sign the voter's ballot.
 */
export interface AssignVoterCredential {
  type: 'AssignVoterCredential';
  electionId: string;
  pseudonym: string;
  credential: string;
  now: string;
}

/**
 * The credential authority replaced this voter's credential. Decided on the voter's ballot
 * stream, so that a credential that has voted is never replaced and a replaced one never votes,
 * under any race. The signed public CredentialReplaced follows.
 */
export interface ReplaceVoterCredential {
  type: 'ReplaceVoterCredential';
  electionId: string;
  pseudonym: string;
  revoked: string;
  replacement: string;
  now: string;
}

export type VotingCommand = CastBallot | PublishCastBallot | SpoilBallot | PublishSpoiledBallot | AssignVoterCredential | ReplaceVoterCredential;
