/**
 * The state of one voting stream. On the voter's sealed ballot stream: whether (and which)
 * ballot was cast, and the ballots spoiled with every ciphertext they contain. On a public
 * publication stream (`ballot-…`, `spoiled-…`): whether it is published.
 */
export interface VoterBallotState {
  cast: boolean;
  trackingCode?: string;
  castAt?: string;
  /** How many ballots this voter spoiled (audited). */
  spoiled: number;
  spoiledTrackingCodes: string[];
  /** Every α and β (hex) of the voter's spoiled ballots: their nonces are published. */
  spoiledCiphertexts: string[];
  /** The publication stream holds its one event. */
  published: boolean;
  /** The voter's current public credential (the authority's sealed mapping, then its replacements). */
  credential?: string;
  /** The voter's credentials the authority replaced: none of them may sign a ballot. */
  revokedCredentials: string[];
}

export const initialVoterBallotState = (): VoterBallotState => ({
  cast: false, spoiled: 0, spoiledTrackingCodes: [], spoiledCiphertexts: [], published: false, revokedCredentials: [],
});
