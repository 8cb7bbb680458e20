/**
 * The voter API's response bodies, shared by the service that sends them, the booth in the
 * browser and the simulacro's synthetic voters that read them. Types only: no Nest, no Node,
 * so the browser bundle can import it.
 */
export interface Challenge {
  challengeId: string;
  expiresAt: string;
  /** The mobile number the code went to, masked ("•••• 34"): the booth shows where to look. */
  sentTo?: string;
}

/**
 * GET /api/voter/status, read right after sign-in: whether this voter may still cast, so that
 * "already voted" and "voting is closed" come before the ballot, not after it.
 */
export interface VoterStatus {
  alreadyVoted: boolean;
  castingOpen: boolean;
  votingClosesAt: string;
  /** When the session ends: a reload keeps it until then. */
  sessionExpiresAt?: string;
  /** The voter's current public credential (64 hex): after a reload the booth checks the retyped password against it at once. */
  credential?: string;
}

/** POST /api/voter/login/challenge: what the browser signs to sign in (and the election it derives its credential key for). */
export interface LoginChallenge {
  /** 64 hex digits, accepted once, for a few minutes. */
  challenge: string;
  electionId: string;
  expiresAt: string;
}

export interface Session {
  sessionToken: string;
  expiresAt: string;
}

export interface BallotOptionView {
  id: string;
  /** The manifest's option kind: the booth marks party emblems and derives coalition combinations from them. */
  kind: 'party' | 'coalition-combination' | 'common-candidacy-combination' | 'independent' | 'non-registered' | 'null';
  label: string;
  candidate: string | null;
  emblems: string[];
}

export interface BallotContestView {
  id: string;
  label: string;
  /** In English, when the manual gives the office's English name. */
  labelEn?: string;
  options: BallotOptionView[];
}

/** GET /api/voter/ballot */
export interface VoterBallot {
  electionId: string;
  styleId: string;
  pseudonym: string;
  /** Hex encodings: the election key, the manifest hash and the base hash every proof binds to. */
  publicKey: string;
  manifestHash: string;
  baseHash: string;
  contests: BallotContestView[];
  /** The parties whose emblems the ballot shows: English name, colour and acronym when the manual gives them. */
  parties?: { id: string; name: string; nameEn?: string; color?: string; acronym?: string }[];
  votingClosesAt: string;
}

/** POST /api/voter/cast: issued only after the ballot is durable and a checkpoint covers it. */
export interface Receipt {
  trackingCode: string;
  readableTrackingCode: string;
  logIndex: number;
  leafHash: string;
  /** The signed checkpoint note covering logIndex, followed by the witnesses' cosignature lines it has. */
  checkpoint: string;
  checkpointSize: number;
  /** Where that checkpoint stands against the election's witness quorum (docs/spec/log.md §8.5):
   * 'cosigned' when at least `quorum` witnesses cosigned it, 'waiting' when the receipt was issued
   * before they did (the board shows the cosigned checkpoint later). */
  witnesses: { quorum: number; cosigners: string[]; status: 'cosigned' | 'waiting' };
}
